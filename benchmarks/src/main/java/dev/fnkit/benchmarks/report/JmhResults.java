package dev.fnkit.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The JMH JSON result files of a run ({@code jmh-*.json}), as one figure per scenario and contender. */
final class JmhResults {
    /** One benchmark result: mean time per operation and allocation per operation, with their 99.9 % errors. */
    record Figure(double nanos, double nanosError, double bytes) {
    }

    /** Scenario (such as {@code AWS http-api-v2}) to contender ({@code fnkit}, {@code floor}, {@code scf}...). */
    final Map<String, Map<String, Figure>> scenarios = new LinkedHashMap<>();

    static JmhResults read(Path folder) throws IOException {
        JmhResults results = new JmhResults();
        if (!Files.isDirectory(folder)) {
            return results;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().matches("jmh-.*\\.json")).sorted().toList();
        }
        ObjectMapper mapper = new ObjectMapper();
        for (Path file : files) {
            for (JsonNode result : mapper.readTree(file.toFile())) {
                results.add(result);
            }
        }
        return results;
    }

    private void add(JsonNode result) {
        String benchmark = result.path("benchmark").asText();
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        String type = benchmark.substring(0, benchmark.lastIndexOf('.'));
        type = type.substring(type.lastIndexOf('.') + 1);
        JsonNode params = result.path("params");
        String event = params.path("event").asText("http");
        String scenario = switch (type) {
            case "AwsBenchmark", "ScfAwsBenchmark" -> "AWS " + event;
            case "GcpBenchmark", "ScfGcpBenchmark" -> "GCP " + event;
            case "AzureBenchmark" -> "Azure http";
            case "DispatchBenchmark" -> "core dispatch";
            default -> type;
        };
        String contender = method;
        if ("INFO".equals(params.path("scfLogLevel").asText())) {
            contender = "scf-info";
        } else if ("helloThroughDispatch".equals(method)) {
            contender = "fnkit";
        }
        JsonNode primary = result.path("primaryMetric");
        JsonNode secondary = result.path("secondaryMetrics");
        JsonNode alloc = secondary.has("gc.alloc.rate.norm") ? secondary.path("gc.alloc.rate.norm")
                : secondary.path("·gc.alloc.rate.norm");
        scenarios.computeIfAbsent(scenario, s -> new LinkedHashMap<>()).put(contender,
                new Figure(primary.path("score").asDouble(), primary.path("scoreError").asDouble(),
                        alloc.isMissingNode() ? Double.NaN : alloc.path("score").asDouble()));
    }

    /** The scenarios in report order. */
    List<String> order() {
        List<String> ordered = new ArrayList<>();
        for (String prefix : new String[] {"AWS", "GCP", "Azure", "core"}) {
            scenarios.keySet().stream().filter(s -> s.startsWith(prefix)).sorted().forEach(ordered::add);
        }
        return ordered;
    }
}
