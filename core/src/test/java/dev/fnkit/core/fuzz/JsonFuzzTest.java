package dev.fnkit.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.FunctionException;
import dev.fnkit.core.Json;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Json#decode} of request bodies into a record with nested, optional, time and collection parts, and a tree. */
class JsonFuzzTest {
    /** A record with the shapes typed functions declare. */
    record Order(int id, long amount, double price, boolean gift, String name, Instant at, Optional<String> note,
                 List<Line> lines, Map<String, Integer> counts, Kind kind, byte[] blob) {
    }

    /** A nested record. */
    record Line(String sku, int quantity) {
    }

    /** An enum field. */
    enum Kind { RETAIL, WHOLESALE }

    @FuzzTest(maxDuration = "30s")
    void record(byte[] input) {
        try {
            Json.decode(input, Order.class);
        } catch (FunctionException e) {
            FuzzChecks.clientError(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void tree(byte[] input) {
        try {
            JsonNode node = Json.decode(input, JsonNode.class);
            Json.encode(node);
        } catch (FunctionException e) {
            FuzzChecks.clientError(e);
        }
    }
}
