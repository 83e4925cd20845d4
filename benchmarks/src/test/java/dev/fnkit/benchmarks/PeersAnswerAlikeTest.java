package dev.fnkit.benchmarks;

import com.microsoft.azure.functions.HttpResponseMessage;
import dev.fnkit.benchmarks.aws.AwsProbe;
import dev.fnkit.benchmarks.azure.AzureProbe;
import dev.fnkit.benchmarks.gcp.GcpProbe;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every benchmark's fnkit side and its bare peer give the same hello for the same input, so a timing never compares
 * a broken peer (the Spring peers have the same test in their own modules).
 */
class PeersAnswerAlikeTest {
    private static final String ESCAPED_GREETING = "{\\\"message\\\":\\\"Hello, Ada!\\\"}";

    @Test
    void awsApiGatewayEventsGetTheGreeting() throws Exception {
        for (String event : new String[] {"http-api-v2", "rest-api"}) {
            for (String side : new String[] {"fnkit", "floor"}) {
                assertThat(AwsProbe.answer(event, side)).as(side + " on " + event)
                        .contains("\"statusCode\":200").contains(ESCAPED_GREETING);
            }
        }
    }

    @Test
    void awsSqsBatchesAreGreetedWithoutFailures() throws Exception {
        for (String side : new String[] {"fnkit", "floor"}) {
            HelloApp.lastGreeting = null;
            assertThat(AwsProbe.answer("sqs-10", side)).as(side).contains("\"batchItemFailures\":[]");
            assertThat(HelloApp.lastGreeting).as(side).isEqualTo("Hello, Ken!");
        }
    }

    @Test
    void gcpHttpAndPubSubGetTheGreeting() throws Exception {
        for (String side : new String[] {"fnkit", "bare"}) {
            assertThat(new String(GcpProbe.http(side), StandardCharsets.UTF_8)).as(side)
                    .isEqualTo("{\"message\":\"Hello, Ada!\"}");
            HelloApp.lastGreeting = null;
            assertThat(GcpProbe.pubSub(side)).as(side).isEqualTo("Hello, Ada!");
        }
    }

    @Test
    void azureHttpGetsTheGreeting() throws Exception {
        for (String side : new String[] {"fnkit", "bare"}) {
            HttpResponseMessage response = AzureProbe.answer(side);
            assertThat(response.getStatusCode()).as(side).isEqualTo(200);
            assertThat(new String((byte[]) response.getBody(), StandardCharsets.UTF_8)).as(side)
                    .isEqualTo("{\"message\":\"Hello, Ada!\"}");
        }
    }
}
