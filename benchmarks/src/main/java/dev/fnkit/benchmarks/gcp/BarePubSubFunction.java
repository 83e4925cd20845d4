package dev.fnkit.benchmarks.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.functions.CloudEventsFunction;
import dev.fnkit.benchmarks.HelloApp;
import io.cloudevents.CloudEvent;

import java.util.Base64;

/** The bare Functions Framework event function: greets the {@code name} of a Pub/Sub message's JSON data. */
public final class BarePubSubFunction implements CloudEventsFunction {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public void accept(CloudEvent event) throws Exception {
        JsonNode message = MAPPER.readTree(event.getData().toBytes()).path("message");
        byte[] data = Base64.getDecoder().decode(message.path("data").asText());
        HelloApp.lastGreeting = "Hello, " + MAPPER.readValue(data, HelloApp.Person.class).name() + "!";
    }
}
