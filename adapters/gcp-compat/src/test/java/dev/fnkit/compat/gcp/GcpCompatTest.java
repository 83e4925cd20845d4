package dev.fnkit.compat.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.BatchResult;
import dev.fnkit.api.Body;
import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Json;
import dev.fnkit.local.junit.EveryProvider;
import dev.fnkit.local.junit.FnkitClient;
import dev.fnkit.local.junit.FnkitTest;
import com.google.cloud.functions.Context;
import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.BeforeEach;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@FnkitTest(apps = CloudFunctionsApp.class)
class GcpCompatTest {
    @BeforeEach
    void clear() {
        CloudFunctionsApp.SEEN.clear();
        CloudFunctionsApp.LEGACY.clear();
    }

    @EveryProvider
    void httpFunctionSeesTheRequestAndItsResponseComesBack(FnkitClient fnkit) {
        HttpResponse response = fnkit.request("POST", "/echo/a/b%20c?x=1&x=2&y=",
                Headers.builder().add("X-Multi", "one").add("X-Multi", "two")
                        .add("content-type", "text/plain; charset=utf-8").build(), Body.of("héllo")).response();
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("content-type")).hasValue("application/json");
        assertThat(values(response.headers().all("x-multi"))).containsExactly("a", "b");
        JsonNode echo = Json.tree(response.body().bytes());
        assertThat(echo.get("method").asText()).isEqualTo("POST");
        assertThat(echo.get("path").asText()).isEqualTo("/echo/a/b%20c");
        assertThat(echo.get("uri").asText()).isEqualTo("/echo/a/b%20c?x=1&x=2&y=");
        assertThat(echo.get("query").get("x").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(echo.get("query").get("y").toString()).isEqualTo("[\"\"]");
        List<String> multi = new ArrayList<>();
        echo.get("multi").forEach(v -> multi.add(v.asText()));
        assertThat(values(multi)).containsExactly("one", "two");
        assertThat(echo.get("first").asText()).startsWith("one");
        assertThat(echo.get("text").asText()).isEqualTo("héllo");
        assertThat(echo.get("length").asLong()).isEqualTo(6);
    }

    @EveryProvider
    void binaryBodiesRoundTrip(FnkitClient fnkit) {
        byte[] binary = {0, 1, (byte) 0xfe, (byte) 0xff, 10};
        HttpResponse response = fnkit.request("PUT", "/echo/blob", Headers.of("content-type",
                "application/octet-stream"), Body.of(binary)).response();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().bytes()).isEqualTo(binary);
    }

    @EveryProvider
    void aThrowingHttpFunctionIsA500ProblemWithoutAStackTrace(FnkitClient fnkit) {
        HttpResponse response = fnkit.get("/fails").response();
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.header("content-type")).hasValue("application/problem+json");
        assertThat(response.bodyText()).doesNotContain("IllegalStateException").doesNotContain("database");
    }

    @EveryProvider
    void topicMessagesArriveAsPubSubCloudEvents(FnkitClient fnkit) throws Exception {
        fnkit.event("audit", "{\"actor\":\"ada\"}");
        CloudEvent event = CloudFunctionsApp.SEEN.get(0);
        assertThat(event.getType()).isEqualTo("google.cloud.pubsub.topic.v1.messagePublished");
        assertThat(event.getSource().toString()).startsWith("//pubsub.googleapis.com/projects/");
        JsonNode data = Json.tree(event.getData().toBytes());
        assertThat(CloudFunctionsApp.messageText(event)).isEqualTo("{\"actor\":\"ada\"}");
        assertThat(data.get("message").get("messageId").asText()).isEqualTo(event.getId());
        assertThat(data.get("subscription").asText()).isNotBlank();
        BatchResult result = fnkit.batch("audit", List.of("ok", "fail"));
        assertThat(result.failedItemIds()).containsExactly("item-1");
    }

    @EveryProvider
    void storageChangesArriveAsCloudStorageCloudEvents(FnkitClient fnkit) throws Exception {
        fnkit.event("uploads", Map.of("bucket", "uploads", "key", "photos/cat photo.png", "change", "CREATED",
                "size", 9, "contentType", "image/png"));
        CloudEvent event = CloudFunctionsApp.SEEN.get(0);
        assertThat(event.getType()).isEqualTo("google.cloud.storage.object.v1.finalized");
        assertThat(event.getSource().toString()).isEqualTo("//storage.googleapis.com/projects/_/buckets/uploads");
        assertThat(event.getSubject()).isEqualTo("objects/photos/cat photo.png");
        JsonNode data = Json.tree(event.getData().toBytes());
        assertThat(data.get("name").asText()).isEqualTo("photos/cat photo.png");
        assertThat(data.get("bucket").asText()).isEqualTo("uploads");
        assertThat(data.get("size").asText()).isEqualTo("9");
    }

    @EveryProvider
    void backgroundFunctionsGetTheLegacyPubSubPayloadAndContext(FnkitClient fnkit) throws Exception {
        fnkit.event("legacy-audit", "{\"actor\":\"ada\"}");
        CloudFunctionsApp.Legacy seen = CloudFunctionsApp.LEGACY.get(0);
        CloudFunctionsApp.PubSubMessage message = (CloudFunctionsApp.PubSubMessage) seen.payload();
        assertThat(message.text()).isEqualTo("{\"actor\":\"ada\"}");
        Context context = seen.context();
        assertThat(context.eventType()).isEqualTo("google.pubsub.topic.publish");
        assertThat(context.eventId()).isNotBlank();
        assertThat(Instant.parse(context.timestamp())).isBefore(Instant.now().plusSeconds(1));
        JsonNode resource = Json.tree(context.resource().getBytes(StandardCharsets.UTF_8));
        assertThat(resource.get("service").asText()).isEqualTo("pubsub.googleapis.com");
        assertThat(resource.get("name").asText()).startsWith("projects/").endsWith("legacy-topic");
        assertThat(resource.get("type").asText()).isEqualTo("type.googleapis.com/google.pubsub.v1.PubsubMessage");
        BatchResult result = fnkit.batch("legacy-audit", List.of("ok", "fail"));
        assertThat(result.failedItemIds()).containsExactly("item-1");
    }

    @EveryProvider
    void rawBackgroundFunctionsGetTheLegacyStorageObjectAndContext(FnkitClient fnkit) throws Exception {
        fnkit.event("legacy-uploads", Map.of("bucket", "legacy-uploads", "key", "docs/a b.txt", "change", "DELETED",
                "size", 5, "contentType", "text/plain"));
        CloudFunctionsApp.Legacy seen = CloudFunctionsApp.LEGACY.get(0);
        JsonNode object = Json.tree(((String) seen.payload()).getBytes(StandardCharsets.UTF_8));
        assertThat(object.get("kind").asText()).isEqualTo("storage#object");
        assertThat(object.get("bucket").asText()).isEqualTo("legacy-uploads");
        assertThat(object.get("name").asText()).isEqualTo("docs/a b.txt");
        // what each provider's delete notification carries varies (S3's has no content type): present means right
        assertThat(object.path("size").asText("5")).isEqualTo("5");
        assertThat(object.path("contentType").asText("text/plain")).isEqualTo("text/plain");
        Context context = seen.context();
        assertThat(context.eventType()).isEqualTo("google.storage.object.delete");
        assertThat(context.eventId()).isNotBlank();
        assertThat(context.timestamp()).endsWith("Z");
        JsonNode resource = Json.tree(context.resource().getBytes(StandardCharsets.UTF_8));
        assertThat(resource.get("service").asText()).isEqualTo("storage.googleapis.com");
        assertThat(resource.get("name").asText()).isEqualTo("projects/_/buckets/legacy-uploads/objects/docs/a b.txt");
        assertThat(resource.get("type").asText()).isEqualTo("storage#object");
    }

    private static List<String> values(List<String> headerValues) {
        return headerValues.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).toList();
    }
}
