package dev.fnkit.azure;

import dev.fnkit.api.ChangeRecord;
import dev.fnkit.api.Event;
import dev.fnkit.api.EventFunction;
import dev.fnkit.api.FunctionApp;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.Functions;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.RetryPolicy;
import dev.fnkit.api.SetCookie;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.StorageObjectEvent;
import dev.fnkit.api.StreamRecord;
import dev.fnkit.api.TopicMessage;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.Application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One function per kind the adapter serves; event functions record what they got in {@link #RECEIVED}. */
public final class TestApp implements FunctionApp {
    static final List<Event<?>> RECEIVED = Collections.synchronizedList(new ArrayList<>());

    /** A queue message. */
    public record Order(String id, boolean fail) {
    }

    /** The typed function's input. */
    public record Name(String name) {
    }

    static Application application() {
        return Application.of(new TestApp());
    }

    private static <T> EventFunction<T> recording() {
        return (event, context) -> RECEIVED.add(event);
    }

    @Override
    public void register(Functions functions) {
        functions.http("echo", (request, context) -> {
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("method", request.method());
            echo.put("path", request.path());
            echo.put("pathParameters", request.pathParameters());
            echo.put("query", request.query().asMap());
            echo.put("headers", request.headers().asMap());
            echo.put("cookies", request.cookies());
            echo.put("bodyBase64", request.body().base64());
            echo.put("sourceIp", request.sourceIp().orElse(null));
            return HttpResponse.json(echo);
        }).route("/echo").route("/echo/{+path}");
        functions.http("items", (request, context) -> HttpResponse.status(201)
                        .header("X-Item", request.pathParameter("id").orElse("new"))
                        .text(request.method()))
                .route("GET", "/items/{id}").route("DELETE", "/items/{id}").route("POST", "/items");
        functions.http("cookies", (request, context) -> HttpResponse.builder()
                .cookie(SetCookie.of("a", "1").withPath("/")).cookie(SetCookie.of("b", "2"))
                .header("Vary", "Accept").header("Vary", "Cookie")
                .bytes(new byte[] {0, (byte) 0xff, 10})).route("GET", "/cookies");
        functions.http("fail", (request, context) -> {
            if (request.queryParameter("code").isPresent()) {
                throw FunctionException.notFound("no-such-thing", "There is no such thing");
            }
            throw new IllegalStateException("secret detail");
        }).route("GET", "/fail");
        functions.http("context", (request, context) -> {
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("requestId", context.requestId());
            seen.put("function", context.functionName());
            seen.put("provider", context.provider().name());
            seen.put("trace", context.trace().map(t -> t.traceparent()).orElse(null));
            seen.put("traceState", context.trace().map(t -> t.traceState()).orElse(null));
            seen.put("unwrapped", context.unwrap(com.microsoft.azure.functions.ExecutionContext.class)
                    .map(c -> c.getInvocationId()).orElse(null));
            seen.put("remainingSeconds", context.remainingTime().toSeconds());
            context.logger().with("extra", 7).info("context served");
            return HttpResponse.json(seen);
        }).route("GET", "/context").timeout(Duration.ofMinutes(10));
        functions.typed("greet", Name.class, (name, context) -> {
            if (name.name() == null) {
                throw FunctionException.badRequest("name-missing", "Say who to greet");
            }
            return Map.of("greeting", "Hello, " + name.name() + "!");
        });
        functions.queue("orders", "orders-queue", Order.class, (event, context) -> {
            if (event.data().fail()) {
                throw new IllegalStateException("order " + event.data().id() + " failed");
            }
            RECEIVED.add(event);
        }).batchSize(10).retry(RetryPolicy.fixed(3, Duration.ofSeconds(10)));
        functions.queue("raw-orders", "raw-orders", QueueMessage.class, recording());
        functions.queue("rejects", "rejects", String.class, (event, context) -> {
            throw FunctionException.unprocessable("bad-order", "never retried");
        });
        functions.topic("audit", "audit-events", TopicMessage.class, recording());
        functions.storage("uploads", "uploads", StorageChange.CREATED, recording());
        functions.event("removed", Trigger.storage("uploads", StorageChange.DELETED, StorageChange.CREATED),
                StorageObjectEvent.class, recording());
        functions.schedule("nightly", "0 2 * * *", recording())
                .retry(RetryPolicy.exponential(5, Duration.ofSeconds(1), Duration.ofMinutes(1)))
                .timeout(Duration.ofMinutes(5));
        functions.stream("clicks", "clicks-stream", StreamRecord.class, (event, context) -> {
            if (event.data().text().contains("fail")) {
                throw new IllegalStateException("click failed");
            }
            RECEIVED.add(event);
        }).batchSize(50).retry(RetryPolicy.fixed(2, Duration.ofMillis(5500)));
        functions.change("inventory", "inventory", recording());
        functions.event("reports", Trigger.change("reports"), ChangeRecord.class, recording())
                .env("REPORT_LEVEL", "full");
    }
}
