package dev.fnkit.benchmarks.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.benchmarks.HelloApp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The hand-written floor for an SQS batch: greets each message's {@code name}, reports no failed item. */
public final class SqsFloor implements RequestStreamHandler {
    private static final byte[] NO_FAILURES = "{\"batchItemFailures\":[]}".getBytes(StandardCharsets.UTF_8);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        for (JsonNode record : JacksonFloor.MAPPER.readTree(input).path("Records")) {
            HelloApp.Person person = JacksonFloor.MAPPER.readValue(record.path("body").asText(),
                    HelloApp.Person.class);
            HelloApp.lastGreeting = "Hello, " + person.name() + "!";
        }
        output.write(NO_FAILURES);
    }
}
