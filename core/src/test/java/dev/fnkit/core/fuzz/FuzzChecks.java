package dev.fnkit.core.fuzz;

import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The one allowed outcome of bad input: a precise 4xx. */
final class FuzzChecks {
    private FuzzChecks() {
    }

    static void clientError(FunctionException e) {
        assertThat(e.status()).as("status of %s", e.getMessage()).isBetween(400, 499);
        assertThat(e.code()).isNotBlank();
    }

    static void answered(HttpResponse response) {
        assertThat(response.status()).as("status of %s", response.bodyText()).isBetween(200, 499);
        if (response.status() >= 400) {
            assertThat(response.header("content-type")).contains("application/problem+json");
        }
    }
}
