package dev.fnkit.it.selfhosted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The self-hosted bundle of {@code samples/migration-from-lambda} deployed into a real gateway, each function in its
 * own instance process: the unchanged Lambda handlers (through the AWS compatibility layer) and the portable rewrite
 * answer the same requests the same way.
 */
class MigrationFromLambdaGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SampleGateway GATEWAY = new SampleGateway("migration-from-lambda");

    @Test
    void deploysEveryFunctionOfTheBundle() {
        assertThat(GATEWAY.functions()).contains("orders-api", "order-events", "portable-orders-api",
                "portable-order-events");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return GATEWAY.send(request);
    }

    private static HttpResponse<String> postJson(String path, String json, String requestId) throws Exception {
        return send(HttpRequest.newBuilder(GATEWAY.url(path)).header("content-type", "application/json")
                .header("x-request-id", requestId).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void bothVersionsCreateAndReadOrdersThroughTheGateway() throws Exception {
        for (String base : List.of("/orders", "/portable/orders")) {
            String id = "sh" + base.length();
            HttpResponse<String> created = postJson(base, "{\"id\":\"" + id + "\",\"item\":\"tea\",\"quantity\":2}",
                    "create-" + id);
            assertThat(created.statusCode()).as(base).isEqualTo(201);
            assertThat(created.headers().firstValue("location")).hasValue(base + "/" + id);
            JsonNode order = JSON.readTree(send(HttpRequest.newBuilder(GATEWAY.url(base + "/" + id)).GET()).body());
            assertThat(order.get("status").asText()).isEqualTo("NEW");
            HttpResponse<String> invalid = postJson(base, "{\"item\":\"tea\",\"quantity\":500}", "bad-" + id);
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(invalid.body()).contains("quantity must be 1 to 100 but was 500");
            assertThat(send(HttpRequest.newBuilder(GATEWAY.url(base + "/missing")).GET()).statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void bothQueueConsumersReportOnlyTheBadMessage() throws Exception {
        for (String function : List.of("order-events", "portable-order-events")) {
            HttpResponse<String> batch = postJson("/function/" + function,
                    "[{\"id\":\"q1\",\"item\":\"jam\",\"quantity\":1},{\"id\":\"q2\",\"item\":\"jam\",\"quantity\":0}]",
                    "batch");
            assertThat(batch.statusCode()).as(function).isEqualTo(200);
            assertThat(batch.body()).as(function).isEqualTo("{\"failedItemIds\":[\"batch-1\"]}");
        }
        String log = GATEWAY.log();
        try (Stream<String> lines = log.lines()) {
            assertThat(lines.filter(l -> l.contains("fulfilled order q1") || l.contains("order fulfilled")))
                    .hasSizeGreaterThanOrEqualTo(1);
        }
    }
}
