package dev.fnkit.selfhosted.usage;

import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Problem;
import dev.fnkit.local.NettyHttpServer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * {@code GET /system/logs?name=<function>&since=<time>&follow=true} (behind the admin token, checked before): the
 * captured lines of a function's instances and its access log (every function's without {@code name}) as
 * newline-delimited JSON, one {@code {"seq", "time", "function", "instance", "stream", "requestId", "line"}} a line.
 * {@code since} is an ISO-8601 instant or an age ({@code 30s}, {@code 5m}, {@code 1h}); {@code follow=true} keeps
 * the response open and streams new lines as they are captured, until the client goes or the gateway stops.
 */
public final class LogsApi {
    private static final String NDJSON = "application/x-ndjson; charset=utf-8";

    private final LogStore store;
    private final Predicate<String> deployed;

    /** Serves the lines of this store; {@code deployed} tells the functions that exist. */
    public LogsApi(LogStore store, Predicate<String> deployed) {
        this.store = store;
        this.deployed = deployed;
    }

    public CompletionStage<HttpResponse> serve(HttpRequest request, String requestId,
                                               NettyHttpServer.Connection connection) {
        if (!request.method().equals("GET")) {
            return done(Problem.methodNotAllowed(request.method(), request.path(), List.of("GET")));
        }
        String name = request.queryParameter("name").filter(n -> !n.isBlank()).orElse(null);
        if (name != null && !deployed.test(name)) {
            return done(new Problem(404, "function-not-found", "No function named '" + name + "' is deployed",
                    requestId).toResponse());
        }
        Instant since;
        try {
            since = since(request.queryParameter("since").orElse(""));
        } catch (IllegalArgumentException e) {
            return done(new Problem(400, "invalid-since", e.getMessage(), requestId).toResponse());
        }
        String follow = request.queryParameter("follow").orElse("false").strip().toLowerCase(Locale.ROOT);
        if (!follow.equals("true") && !follow.equals("1")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (LogEntry entry : store.query(name, since)) {
                out.writeBytes(line(entry));
            }
            return done(HttpResponse.builder().contentType(NDJSON).setHeader("cache-control", "no-store")
                    .bytes(out.toByteArray()));
        }
        HttpResponse head = HttpResponse.builder().contentType(NDJSON).setHeader("cache-control", "no-store")
                .setHeader("x-content-type-options", "nosniff").build();
        return connection.stream(head, chunks -> {
            LogStore.Follower[] self = new LogStore.Follower[1];
            self[0] = new LogStore.Follower(name, entry -> {
                if (!chunks.write(line(entry))) {
                    store.unfollow(self[0]);
                }
            }, chunks::end);
            store.follow(self[0], since);
            chunks.onClose(() -> {
                store.unfollow(self[0]);
                chunks.end();
            });
        });
    }

    /** An ISO-8601 instant, or an age such as {@code 30s}, {@code 5m}, {@code 2h}, {@code 500ms}; null for blank. */
    static Instant since(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return null;
        }
        try {
            if (v.contains("t")) {
                return Instant.parse(value.strip());
            }
            Duration age;
            if (v.endsWith("ms")) {
                age = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else {
                long amount = Long.parseLong(v.substring(0, v.length() - 1));
                age = switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    case 'd' -> Duration.ofDays(amount);
                    default -> throw new NumberFormatException(value);
                };
            }
            return Instant.now().minus(age);
        } catch (DateTimeParseException | NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("since is an ISO-8601 instant (2026-01-31T12:00:00Z) or an age (30s,"
                    + " 5m, 1h), not '" + value + "'");
        }
    }

    private static byte[] line(LogEntry entry) {
        return (entry.json().toString() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static CompletionStage<HttpResponse> done(HttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
