package dev.fnkit.aws;

import dev.fnkit.api.BatchResult;
import dev.fnkit.api.ChangeRecord;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionApp;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.Functions;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Primer;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.ScheduleTick;
import dev.fnkit.api.SetCookie;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.StorageObjectEvent;
import dev.fnkit.api.StreamRecord;
import dev.fnkit.api.TopicMessage;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.Application;
import dev.fnkit.core.FunctionDefinition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The functions the adapter's tests run: one per trigger kind, each recording what it got. */
final class AwsTestApp implements FunctionApp {
    static final List<Event<?>> RECEIVED = new CopyOnWriteArrayList<>();
    static final AtomicInteger PRIMED = new AtomicInteger();

    record Order(String id, String item, boolean fail) {
    }

    record Name(String name) {
    }

    record Greeting(String greeting) {
    }

    record Click(String page, boolean fail) {
    }

    static Application application() {
        return Application.of(new AwsTestApp());
    }

    static FnkitLambda lambda(String function) {
        return FnkitLambda.of(application(), function);
    }

    static FunctionDefinition definition(String function) {
        return application().function(function).orElseThrow();
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
            echo.put("requestId", context.requestId());
            echo.put("provider", context.provider().name());
            echo.put("trace", context.trace().map(t -> t.traceparent()).orElse(null));
            return HttpResponse.builder()
                    .header("x-reply", "a").header("x-reply", "b")
                    .header("vary", "accept").header("vary", "cookie")
                    .cookie(SetCookie.of("s", "1").withPath("/").withHttpOnly(true))
                    .cookie(SetCookie.of("t", "2"))
                    .json(echo);
        }).route("/echo").route("/echo/{+path}");
        functions.http("files", (request, context) -> switch (request.pathParameter("name").orElse("")) {
            case "logo.png" -> HttpResponse.builder().contentType("image/png")
                    .bytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff});
            case "note.txt" -> HttpResponse.text("héllo\n\"quoted\"");
            case "raw" -> HttpResponse.builder().body(new byte[] {(byte) 0xc3, 0x28}).build();
            case "boom" -> throw new IllegalStateException("secret detail");
            case "teapot" -> throw new FunctionException(418, "teapot", "I am a teapot");
            default -> HttpResponse.noContent();
        }).route("GET", "/files/{name}").route("DELETE", "/files/{name}");
        functions.typed("greet", Name.class, (Name input, dev.fnkit.api.Context context) -> {
            if (input.name() == null) {
                throw FunctionException.badRequest("name-missing", "Say who to greet");
            }
            return input.name().isEmpty() ? null : new Greeting("Hello, " + input.name() + "!");
        });
        functions.queue("orders", "orders-queue", Order.class, (event, context) -> {
            if (event.data().fail()) {
                throw new IllegalStateException("order " + event.data().id() + " failed");
            }
            RECEIVED.add(event);
        }).batchSize(10).timeout(Duration.ofSeconds(60));
        functions.queue("raw-orders", "orders-queue", QueueMessage.class, (event, context) -> RECEIVED.add(event));
        functions.batch("order-batches", Trigger.queue("orders-queue"), Order.class, (events, context) -> {
            RECEIVED.addAll(events);
            List<String> failed = new ArrayList<>();
            events.stream().filter(e -> e.data().fail()).forEach(e -> failed.add(e.id()));
            return BatchResult.failed(failed);
        });
        functions.topic("audit", "audit-events", TopicMessage.class, (event, context) -> {
            if (event.data().text().contains("\"fail\"")) {
                throw new IllegalStateException("audit failed");
            }
            if (event.data().text().contains("\"reject\"")) {
                throw FunctionException.unprocessable("rejected", "not an audit record");
            }
            RECEIVED.add(event);
        });
        functions.storage("uploads", "uploads", StorageChange.CREATED, (event, context) -> RECEIVED.add(event));
        functions.event("deletions", Trigger.storage("uploads", StorageChange.DELETED), StorageObjectEvent.class,
                (event, context) -> RECEIVED.add(event));
        functions.schedule("nightly", "0 2 * * *", (Event<ScheduleTick> event, dev.fnkit.api.Context context) ->
                RECEIVED.add(event));
        functions.stream("clicks", "clicks-stream", Click.class, (event, context) -> {
            if (event.data().fail()) {
                throw new IllegalStateException("click failed");
            }
            RECEIVED.add(event);
        }).batchSize(100);
        functions.stream("raw-clicks", "clicks-stream", StreamRecord.class, (event, context) -> RECEIVED.add(event));
        functions.change("inventory", "inventory-table", (Event<ChangeRecord> event, dev.fnkit.api.Context context) ->
                RECEIVED.add(event));
    }

    @Override
    public void prime(Primer primer) throws Exception {
        primer.typed("greet", Map.of("name", "primer"));
        PRIMED.incrementAndGet();
    }
}
