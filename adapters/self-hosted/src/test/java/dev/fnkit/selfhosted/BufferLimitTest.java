package dev.fnkit.selfhosted;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** A full buffer refuses at once with 503 and Retry-After, while the buffered request is served. */
class BufferLimitTest {
    @TempDir
    static Path work;

    @AfterAll
    static void noneLeft() {
        Children.assertNoneLeft();
    }

    @Test
    void requestsBeyondTheBufferAreRefusedAtOnce() throws Exception {
        Path bundle = TestApps.bundle(TestApps.testFunctions(work.resolve("apps")), work.resolve("bundles"));
        try (Gateway gateway = Gateway.builder().port(0).dataDir(work.resolve("data")).adminToken("t")
                .bufferSize(1).prestartedWorkers(0)
                .out(new PrintStream(OutputStream.nullOutputStream()))
                .log(new PrintStream(OutputStream.nullOutputStream())).start()) {
            gateway.deploy(bundle);
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> Http.get(gateway.url(), "/scaler?ms=1")));
            }
            int served = 0;
            int refused = 0;
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.get();
                if (response.statusCode() == 200) {
                    served++;
                } else {
                    assertThat(response.statusCode()).isEqualTo(503);
                    assertThat(response.body()).contains("buffer-full");
                    assertThat(response.headers().firstValue("retry-after")).hasValue("1");
                    refused++;
                }
            }
            assertThat(served).isGreaterThanOrEqualTo(1);
            assertThat(refused).isGreaterThanOrEqualTo(1);
        }
    }
}
