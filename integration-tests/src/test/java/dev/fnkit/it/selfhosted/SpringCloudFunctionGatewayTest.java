package dev.fnkit.it.selfhosted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The self-hosted bundle of {@code samples/spring-cloud-function} deployed into a real gateway: each function runs
 * in its own instance process, which starts the Spring application in {@code initialize()} and serves the beans.
 */
class SpringCloudFunctionGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SampleGateway GATEWAY = new SampleGateway("spring-cloud-function");

    @Test
    void deploysEveryFunctionOfTheBundle() {
        assertThat(GATEWAY.functions()).containsExactlyInAnyOrder("quote", "quote-http", "normalize-quote",
                "stock-status", "reservations");
    }

    private static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return GATEWAY.send(HttpRequest.newBuilder(GATEWAY.url(path)).header("content-type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void springBeansAnswerThroughTheGateway() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> quote = post("/quote", "application/json",
                "{\"id\":\"g-1\",\"item\":\"tea\",\"quantity\":3}");
        long first = System.nanoTime() - start;
        assertThat(quote.statusCode()).as(GATEWAY.log()).isEqualTo(200);
        JsonNode priced = JSON.readTree(quote.body());
        assertThat(priced.get("orderId").asText()).isEqualTo("g-1");
        assertThat(priced.get("totalCents").asInt()).isEqualTo(750);
        start = System.nanoTime();
        HttpResponse<String> invalid = post("/quote", "application/json", "{\"id\":\"g-2\",\"quantity\":0}");
        long warm = System.nanoTime() - start;
        assertThat(invalid.statusCode()).isEqualTo(500);
        assertThat(invalid.body()).doesNotContain("IllegalArgumentException");
        System.out.printf("spring-cloud-function sample: first request %d ms (instance and Spring start),"
                + " next %d ms%n", first / 1_000_000, warm / 1_000_000);

        HttpResponse<String> text = post("/normalize", "text/plain", "  Green TEA ");
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.body()).isEqualTo("green tea");
    }

    @Test
    void theQueueConsumerReportsOnlyTheOversizedReservation() throws Exception {
        HttpResponse<String> batch = post("/function/reservations", "application/json",
                "[{\"id\":\"r1\",\"item\":\"tea\",\"quantity\":2},{\"id\":\"r2\",\"item\":\"tea\",\"quantity\":500}]");
        assertThat(batch.statusCode()).as(GATEWAY.log()).isEqualTo(200);
        JsonNode failed = JSON.readTree(batch.body()).get("failedItemIds");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).asText()).endsWith("-1");
    }
}
