package dev.fnkit.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Application;
import dev.fnkit.core.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs the test application's functions through the real entry points, with stdout captured. */
final class Fixtures {
    final Application application = TestApp.application();
    final TestApp app = TestApp.of(application);
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
    private final Map<String, String> environment;

    Fixtures() {
        this(Map.of("GOOGLE_CLOUD_PROJECT", "test-project"));
    }

    Fixtures(Map<String, String> environment) {
        this.environment = environment;
    }

    GcpRuntime runtime(String function) {
        return GcpRuntime.of(application, function, environment);
    }

    FnkitHttpFunction http(String function) {
        return new FnkitHttpFunction(runtime(function), out);
    }

    FnkitCloudEventsFunction events(String function) {
        return new FnkitCloudEventsFunction(runtime(function), out);
    }

    /** Sends a request through {@link FnkitHttpFunction#service}. */
    HttpResponse send(String function, String method, String uri, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        MemoryHttpResponse response = new MemoryHttpResponse();
        http(function).service(new MemoryHttpRequest(method, uri, headers, body), response);
        return response.toPortable();
    }

    HttpResponse send(String function, String method, String uri, String... headerPairs) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.computeIfAbsent(headerPairs[i], k -> new java.util.ArrayList<>()).add(headerPairs[i + 1]);
        }
        return send(function, method, uri, headers, new byte[0]);
    }

    /** The lines written to stdout, each parsed as JSON. */
    List<JsonNode> logLines() {
        String text = stdout.toString(StandardCharsets.UTF_8);
        return Arrays.stream(text.split("\n")).filter(line -> !line.isBlank())
                .map(line -> Json.tree(line.getBytes(StandardCharsets.UTF_8))).toList();
    }

    static JsonNode json(HttpResponse response) {
        return Json.tree(response.body().bytes());
    }
}
