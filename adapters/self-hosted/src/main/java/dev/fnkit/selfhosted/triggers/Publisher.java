package dev.fnkit.selfhosted.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.Body;
import dev.fnkit.api.ChangeRecord;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.HttpDispatch;
import dev.fnkit.core.Json;
import dev.fnkit.core.Problem;
import dev.fnkit.selfhosted.async.Accepted;
import dev.fnkit.selfhosted.async.AsyncRuntime;
import dev.fnkit.selfhosted.async.Call;
import dev.fnkit.selfhosted.async.DeployedFunction;
import dev.fnkit.selfhosted.async.FunctionRuntime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The publishing endpoints, each answering 202 once the events are journaled for every function they trigger:
 * <ul>
 *   <li>{@code POST /queue/{queue}}: the body is one message, for each function consuming the queue;</li>
 *   <li>{@code POST /topic/{topic}}: the body is one message, fanned out to every subscribed function;</li>
 *   <li>{@code POST /stream/{stream}}: the body is one record, with its partition key in {@code X-Partition-Key}
 *       or {@code ?partitionKey=}; records of one key reach a function one at a time, in order;</li>
 *   <li>{@code POST /changes/{source}}: a change record's JSON, or an array of them, from a connector.</li>
 * </ul>
 * An {@code Idempotency-Key} makes a repeated publication a no-op. Errors are problem+json: 404 for a name no
 * function declares, 400 for malformed JSON or a missing partition key, 413 for an oversize body.
 */
final class Publisher {
    private final FunctionRuntime functions;
    private final AsyncRuntime async;
    private final int maxRequestBytes;

    private record Kind(String prefix, String kind, String what, String type) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("/queue/", "queue", "queue", "dev.fnkit.queue.message"),
            new Kind("/topic/", "topic", "topic", "dev.fnkit.topic.message"),
            new Kind("/stream/", "stream", "stream", Events.STREAM_RECORD),
            new Kind("/changes/", "change", "change source", null));

    Publisher(FunctionRuntime functions, AsyncRuntime async, int maxRequestBytes) {
        this.functions = functions;
        this.async = async;
        this.maxRequestBytes = maxRequestBytes;
    }

    /** True for the paths this serves. */
    static boolean handles(String path) {
        for (Kind kind : KINDS) {
            if (path.startsWith(kind.prefix())) {
                return true;
            }
        }
        return false;
    }

    /** The names of the deployed functions a publication to this path triggers. */
    List<String> subscribers(String path) {
        Kind kind = kindOf(path);
        String name = path.substring(kind.prefix().length());
        return functions.functions().stream().filter(subscribes(kind, name)).map(DeployedFunction::name).toList();
    }

    private static Kind kindOf(String path) {
        return KINDS.stream().filter(k -> path.startsWith(k.prefix())).findFirst().orElseThrow();
    }

    HttpResponse publish(HttpRequest request, String requestId) {
        Kind kind = kindOf(request.path());
        String name = request.path().substring(kind.prefix().length());
        if (!request.method().equals("POST")) {
            return Problem.methodNotAllowed(request.method(), request.path(), List.of("POST"));
        }
        List<DeployedFunction> targets = functions.functions().stream().filter(subscribes(kind, name)).toList();
        if (name.isEmpty() || targets.isEmpty()) {
            return new Problem(404, "unknown-" + kind.what().replace(' ', '-'), "No deployed function is triggered by"
                    + " the " + kind.what() + " '" + name + "'", requestId).toResponse();
        }
        if (request.body().size() > maxRequestBytes) {
            return new Problem(413, "body-too-large", "The request body is larger than the limit of "
                    + maxRequestBytes + " bytes", requestId).toResponse();
        }
        Optional<String> key = AsyncRuntime.idempotencyKey(request);
        long now = System.currentTimeMillis();
        List<Call> calls = new ArrayList<>();
        String eventId = UUID.randomUUID().toString();
        try {
            if (kind.kind().equals("change")) {
                changes(request, name, targets, key, now, calls);
            } else {
                String partitionKey = null;
                if (kind.kind().equals("stream")) {
                    partitionKey = request.header("x-partition-key")
                            .or(() -> request.queryParameter("partitionKey")).map(String::strip)
                            .filter(k -> !k.isEmpty())
                            .orElseThrow(() -> FunctionException.badRequest("missing-partition-key", "A stream"
                                    + " record needs its partition key in X-Partition-Key or ?partitionKey="));
                }
                Body data = payload(request);
                Event<Body> event = Events.event(eventId, "fnkit:" + kind.kind() + ":" + name, kind.type(),
                        partitionKey, request.contentType().orElse(null), data, Instant.ofEpochMilli(now));
                for (DeployedFunction target : targets) {
                    calls.add(Events.call(kind.kind(), target, event, key.orElse(null), partitionKey, now));
                }
            }
        } catch (FunctionException e) {
            return new Problem(e.status(), e.code(), e.getMessage(), requestId).toResponse();
        }
        CompletableFuture<List<Accepted>> stored = async.publish(calls);
        Optional<HttpResponse> failed = AsyncRuntime.await(stored, requestId);
        if (failed.isPresent()) {
            return failed.get();
        }
        ObjectNode body = Json.mapper().createObjectNode().put("id", eventId);
        stored.join().forEach(accepted -> body.withArray("callIds").add(accepted.id()));
        return HttpResponse.builder().status(202).header("x-request-id", requestId).json(body);
    }

    private static Predicate<DeployedFunction> subscribes(Kind kind, String name) {
        return f -> switch (kind.kind()) {
            case "queue" -> f.trigger() instanceof Trigger.Queue q && q.queue().equals(name);
            case "topic" -> f.trigger() instanceof Trigger.Topic t && t.topic().equals(name);
            case "stream" -> f.trigger() instanceof Trigger.Stream s && s.stream().equals(name);
            default -> f.trigger() instanceof Trigger.Change c && c.source().equals(name);
        };
    }

    /** The message: any bytes, but JSON (or no content type, taken as JSON) must parse. */
    private static Body payload(HttpRequest request) {
        if (request.body().isEmpty()) {
            throw FunctionException.badRequest("empty-message", "The message is empty");
        }
        if (request.contentType().map(HttpDispatch::isJsonType).orElse(true)) {
            Json.tree(request.body().bytes());
        }
        return request.body();
    }

    private static void changes(HttpRequest request, String source, List<DeployedFunction> targets,
                                Optional<String> key, long now, List<Call> calls) {
        if (request.contentType().filter(type -> !HttpDispatch.isJsonType(type)).isPresent()) {
            throw new FunctionException(415, "unsupported-media-type", "Change records are JSON, not "
                    + request.contentType().get());
        }
        JsonNode body = Json.tree(request.body().bytes());
        List<JsonNode> records = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(records::add);
        } else {
            records.add(body);
        }
        if (records.isEmpty()) {
            throw FunctionException.badRequest("no-change-records", "The array holds no change records");
        }
        for (int index = 0; index < records.size(); index++) {
            JsonNode json = records.get(index);
            byte[] bytes = Json.encode(json);
            ChangeRecord record = Json.decode(bytes, ChangeRecord.class);
            String id = record.sequenceNumber() != null ? record.sequenceNumber() : UUID.randomUUID().toString();
            Event<Body> event = Events.event(id, "fnkit:change:" + source,
                    "dev.fnkit.change." + record.type().name().toLowerCase(java.util.Locale.ROOT), null,
                    "application/json", Body.of(bytes), Instant.ofEpochMilli(now));
            String itemKey = key.isEmpty() ? null : records.size() == 1 ? key.get() : key.get() + "#" + index;
            for (DeployedFunction target : targets) {
                calls.add(Events.call("change", target, event, itemKey, null, now));
            }
        }
    }
}
