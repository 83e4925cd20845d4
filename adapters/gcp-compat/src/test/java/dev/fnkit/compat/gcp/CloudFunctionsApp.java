package dev.fnkit.compat.gcp;

import com.google.cloud.functions.CloudEventsFunction;
import com.google.cloud.functions.Context;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.fnkit.api.FunctionApp;
import dev.fnkit.api.Functions;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.Json;
import io.cloudevents.CloudEvent;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain Cloud Functions, written as for Google Cloud, declared through {@link GcpCompat}. */
public final class CloudFunctionsApp implements FunctionApp {
    static final List<CloudEvent> SEEN = Collections.synchronizedList(new ArrayList<>());
    static final List<Legacy> LEGACY = Collections.synchronizedList(new ArrayList<>());

    /** What a legacy background function received: its payload and context. */
    record Legacy(Object payload, Context context) {
    }

    /** The legacy Pub/Sub payload, as Cloud Functions samples declare it: plain fields, no setters. */
    static final class PubSubMessage {
        private String data;
        private Map<String, String> attributes;

        String text() {
            return data == null ? "" : new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
        }

        Map<String, String> attributes() {
            return attributes;
        }
    }

    @Override
    public void register(Functions functions) {
        GcpCompat.http(functions, "echo", new Echo()).route("*", "/echo/{+path}");
        GcpCompat.http(functions, "fails", (request, response) -> {
            throw new IllegalStateException("database unavailable");
        }).route("GET", "/fails");
        CloudEventsFunction record = event -> {
            if (messageText(event).contains("fail")) {
                throw new IllegalStateException("cannot process " + event.getId());
            }
            SEEN.add(event);
        };
        GcpCompat.pubSub(functions, "audit", "audit-topic", record);
        GcpCompat.storage(functions, "uploads", "uploads", StorageChange.CREATED, record);
        GcpCompat.background(functions, "legacy-audit", Trigger.topic("legacy-topic"), PubSubMessage.class,
                (message, context) -> {
                    if (message.text().contains("fail")) {
                        throw new IllegalStateException("cannot process " + context.eventId());
                    }
                    LEGACY.add(new Legacy(message, context));
                });
        GcpCompat.rawBackground(functions, "legacy-uploads", Trigger.storage("legacy-uploads", StorageChange.DELETED),
                (json, context) -> LEGACY.add(new Legacy(json, context)));
    }

    /** A Pub/Sub CloudEvent's message text; the empty string for other events. */
    static String messageText(CloudEvent event) {
        if (event.getData() == null) {
            return "";
        }
        String data = Json.tree(event.getData().toBytes()).path("message").path("data").asText("");
        return new String(Base64.getDecoder().decode(data), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Echoes what the Functions Framework request shows; answers octet-stream bodies with the same bytes. */
    static final class Echo implements HttpFunction {
        @Override
        public void service(HttpRequest request, HttpResponse response) throws Exception {
            byte[] body = request.getInputStream().readAllBytes();
            if (request.getContentType().orElse("").equals("application/octet-stream")) {
                response.setContentType("application/octet-stream");
                try (OutputStream out = response.getOutputStream()) {
                    out.write(body);
                }
                return;
            }
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("method", request.getMethod());
            echo.put("uri", request.getUri());
            echo.put("path", request.getPath());
            echo.put("query", request.getQueryParameters());
            echo.put("multi", request.getHeaders().get("X-Multi"));
            echo.put("first", request.getFirstHeader("x-multi").orElse(null));
            echo.put("length", request.getContentLength());
            echo.put("text", request.getReader().readLine());
            echo.put("bodyBase64", Base64.getEncoder().encodeToString(body));
            response.setStatusCode(201);
            response.setContentType("application/json");
            response.appendHeader("X-Multi", "a");
            response.appendHeader("X-Multi", "b");
            response.getWriter().write(new String(Json.encode(echo), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
