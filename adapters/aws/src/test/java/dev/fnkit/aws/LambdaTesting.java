package dev.fnkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.Json;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

/** Test helpers: the AWS event files under {@code src/test/resources/events/} and invoking the entry point. */
final class LambdaTesting {
    private LambdaTesting() {
    }

    static byte[] event(String name) {
        try (InputStream in = LambdaTesting.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test event " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode eventTree(String name) {
        return Json.tree(event(name));
    }

    static EmulatedLambdaContext context(String function) {
        return new EmulatedLambdaContext(UUID.randomUUID().toString(), function, 512,
                Instant.now().plusSeconds(30));
    }

    /** Invokes and returns the raw output. */
    static byte[] invoke(FnkitLambda lambda, byte[] event, EmulatedLambdaContext context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lambda.handleRequest(new ByteArrayInputStream(event), out, context);
        return out.toByteArray();
    }

    /** The event file parsed as the Lambda Java runtime parses it into an {@code aws-lambda-java-events} class. */
    static <T> T awsEvent(String name, Class<T> type) {
        var serializer = com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers
                .isLambdaSupportedEvent(type.getName())
                ? com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers
                        .serializerFor(type, LambdaTesting.class.getClassLoader())
                : com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory.getInstance()
                        .getSerializer(type);
        return serializer.fromJson(new ByteArrayInputStream(event(name)));
    }

    static JsonNode invokeJson(String function, byte[] event) throws IOException {
        return Json.tree(invoke(AwsTestApp.lambda(function), event, context(function)));
    }
}
