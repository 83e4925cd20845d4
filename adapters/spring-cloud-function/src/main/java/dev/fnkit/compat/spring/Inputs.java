package dev.fnkit.compat.spring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.core.Json;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns what fnkit delivers (a JSON body, an HTTP request, an event's data) into a bean's input. */
final class Inputs {
    static final String JSON = "application/json";

    private Inputs() {
    }

    /** A typed invocation's JSON, decoded into the input type (a {@code Message} input gets the JSON bytes). */
    static Object typed(SpringBean bean, Body json) {
        if (bean.supplier()) {
            return null;
        }
        if (bean.messageInput()) {
            return message(json.bytes(), Map.of(MessageHeaders.CONTENT_TYPE, JSON));
        }
        return fromJson(json.bytes(), bean.inputType());
    }

    /** An HTTP request's body as the input; a {@code Message} input also carries the request headers. */
    static Object http(SpringBean bean, HttpRequest request) {
        if (bean.supplier()) {
            return null;
        }
        if (bean.messageInput()) {
            Map<String, Object> headers = new LinkedHashMap<>();
            for (String name : request.headers().names()) {
                request.header(name).ifPresent(value -> headers.put(name, value));
            }
            headers.put(MessageHeaders.CONTENT_TYPE, request.contentType().orElse(JSON));
            return message(request.body().bytes(), headers);
        }
        return payload(bean, request.body());
    }

    /**
     * An event's data as the input: a payload ({@link Body}) converted like an HTTP body, a portable record passed
     * as it is or converted through JSON; a {@code Message} input carries the CloudEvents attributes.
     */
    static Object event(SpringBean bean, Event<?> event) {
        if (bean.supplier()) {
            return null;
        }
        Object data = event.data();
        if (bean.messageInput()) {
            byte[] bytes = data instanceof Body body ? body.bytes() : Json.encode(data);
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put("ce-id", event.id());
            headers.put("ce-source", event.source());
            headers.put("ce-type", event.type());
            headers.put("ce-specversion", event.specVersion());
            event.subject().ifPresent(subject -> headers.put("ce-subject", subject));
            event.time().ifPresent(time -> headers.put("ce-time", time.toString()));
            headers.put(MessageHeaders.CONTENT_TYPE, data instanceof Body
                    ? event.dataContentType().orElse(JSON) : JSON);
            return message(bytes, headers);
        }
        if (data instanceof Body body) {
            return payload(bean, body);
        }
        if (data == null || bean.rawInputType().isInstance(data)) {
            return data;
        }
        return fromJson(Json.encode(data), bean.inputType());
    }

    private static Object payload(SpringBean bean, Body body) {
        Class<?> raw = bean.rawInputType();
        if (raw == String.class) {
            return body.text();
        }
        if (raw == byte[].class) {
            return body.bytes();
        }
        if (raw == Body.class) {
            return body;
        }
        return fromJson(body.bytes(), bean.inputType());
    }

    private static Message<byte[]> message(byte[] payload, Map<String, Object> headers) {
        return MessageBuilder.withPayload(payload).copyHeaders(headers).build();
    }

    /** JSON decoded into a possibly generic type; malformed or mismatched JSON is a 400. */
    static Object fromJson(byte[] json, Type type) {
        if (type instanceof Class<?> plain) {
            return Json.decode(json, plain);
        }
        JavaType javaType = Json.mapper().constructType(type);
        Object tree = Json.tree(json);
        try {
            return Json.mapper().convertValue(tree, javaType);
        } catch (IllegalArgumentException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            String reason = cause instanceof JsonProcessingException parse ? parse.getOriginalMessage()
                    : String.valueOf(cause.getMessage());
            throw FunctionException.badRequest("malformed-json", "JSON does not match " + javaType.toCanonical()
                    + ": " + reason);
        }
    }
}
