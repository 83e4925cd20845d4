package dev.fnkit.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.Headers;
import dev.fnkit.core.CloudEventsHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CloudEventsHttp#read} on hostile requests: the input is header lines, an empty line, then the body. Binary
 * mode seeds carry {@code ce-*} headers; structured mode seeds the {@code application/cloudevents+json} type.
 */
class CloudEventsHttpFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void binary(byte[] input) {
        FuzzMessage message = FuzzMessage.parse(input, false);
        Headers headers = message.headers().toBuilder().set("ce-specversion",
                message.headers().first("ce-specversion").orElse("1.0")).build();
        read(headers, message);
    }

    @FuzzTest(maxDuration = "30s")
    void structured(byte[] input) {
        FuzzMessage message = FuzzMessage.parse(input, false);
        Headers headers = message.headers().toBuilder().set("content-type",
                message.headers().first("content-type").orElse(CloudEventsHttp.STRUCTURED_CONTENT_TYPE)).build();
        read(headers, message);
    }

    private static void read(Headers headers, FuzzMessage message) {
        try {
            Event<?> event = CloudEventsHttp.read(headers, message.body());
            assertThat(event.id()).isNotEmpty();
            assertThat(event.type()).isNotEmpty();
        } catch (FunctionException e) {
            FuzzChecks.clientError(e);
        }
    }
}
