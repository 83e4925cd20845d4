package dev.fnkit.gcp;

import dev.fnkit.api.BatchResult;
import dev.fnkit.api.Body;
import dev.fnkit.api.ChangeRecord;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionApp;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.Functions;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.RetryPolicy;
import dev.fnkit.api.ScheduleTick;
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

/** A function of every kind and trigger; event functions keep what they received in {@link #received}. */
final class TestApp implements FunctionApp {
    /** What the event functions received, with the context they ran in. */
    record Delivery(String function, Event<?> event, dev.fnkit.api.Context context) {
    }

    final List<Delivery> received = Collections.synchronizedList(new ArrayList<>());

    static Application application() {
        return Application.of(new TestApp());
    }

    static TestApp of(Application application) {
        return (TestApp) application.apps().get(0);
    }

    /** The order of an orders-queue message. */
    record Order(String id, boolean fail, boolean reject) {
    }

    /** Typed input and output. */
    record Name(String name) {
    }

    record Greeting(String greeting) {
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
            echo.put("body", request.body());
            echo.put("sourceIp", request.sourceIp().orElse(null));
            echo.put("requestId", context.requestId());
            echo.put("coldStart", context.coldStart());
            echo.put("traceparent", context.trace().map(t -> t.traceparent()).orElse(null));
            echo.put("nativeRequest", context.unwrap(com.google.cloud.functions.HttpRequest.class).isPresent());
            echo.put("nativeResponse", context.unwrap(com.google.cloud.functions.HttpResponse.class).isPresent());
            echo.put("provider", context.provider().name());
            echo.put("remainingMillis", context.remainingTime().toMillis());
            return HttpResponse.json(echo);
        }).route("/echo").route("/echo/{+path}").timeout(Duration.ofSeconds(45));
        functions.http("items", (request, context) -> switch (request.pathParameter("id").orElse("")) {
            case "boom" -> throw new IllegalStateException("secret internal detail");
            case "gone" -> throw new FunctionException(410, "item-gone", "Item gone");
            case "bytes" -> HttpResponse.status(201)
                    .header("X-Multi", "one").header("X-Multi", "two")
                    .cookie(SetCookie.of("a", "1").withPath("/")).cookie(SetCookie.of("b", "2").withHttpOnly(true))
                    .bytes(request.body().bytes());
            default -> {
                context.logger().with("item", request.pathParameter("id").orElse("")).warn("looked up");
                yield HttpResponse.text("item " + request.pathParameter("id").orElse(""));
            }
        }).route("GET", "/items/{id}").route("PUT", "/items/{id}");
        functions.typed("greet", Name.class, (Name name, dev.fnkit.api.Context context) -> {
            if (name.name() == null) {
                return null;
            }
            return new Greeting("Hello, " + name.name() + "!");
        });
        functions.topic("audit", "audit-events", TopicMessage.class, record("audit"));
        functions.queue("orders", "orders-queue", Order.class, (Event<Order> event, dev.fnkit.api.Context context) -> {
            if (event.data().reject()) {
                throw FunctionException.unprocessable("order-rejected", "Order " + event.data().id() + " rejected");
            }
            if (event.data().fail()) {
                throw new IllegalStateException("order " + event.data().id() + " failed");
            }
            received.add(new Delivery("orders", event, context));
        }).batchSize(10);
        functions.queue("raw", "raw-queue", QueueMessage.class, record("raw"));
        functions.storage("uploads", "uploads", StorageChange.CREATED, record("uploads"));
        functions.event("archive", Trigger.storage("cold", StorageChange.DELETED, StorageChange.ARCHIVED),
                StorageObjectEvent.class, record("archive")).retry(RetryPolicy.none());
        functions.schedule("nightly", "0 2 * * *", record("nightly"));
        functions.stream("clicks", "clicks", StreamRecord.class, record("clicks"));
        functions.change("inventory", "inventory", this.<ChangeRecord>record("inventory"));
        functions.batch("bulk", Trigger.queue("bulk-queue"), Body.class, (events, context) -> {
            List<String> failed = new ArrayList<>();
            for (Event<Body> event : events) {
                received.add(new Delivery("bulk", event, context));
                if (event.data().text().contains("bad")) {
                    failed.add(event.id());
                }
            }
            return BatchResult.failed(failed);
        });
        functions.http("configured", (request, context) -> HttpResponse.noContent())
                .memoryMb(1024).timeout(Duration.ofMillis(90_500)).minInstances(1).maxInstances(20).concurrency(80)
                .env("GREETING", "hello, world").env("QUOTE", "it's \"quoted\" $HOME");
    }

    private <T> dev.fnkit.api.EventFunction<T> record(String function) {
        return (event, context) -> received.add(new Delivery(function, event, context));
    }

    /** The only delivery to a function. */
    Delivery only(String function) {
        List<Delivery> deliveries = received.stream().filter(d -> d.function().equals(function)).toList();
        if (deliveries.size() != 1) {
            throw new AssertionError("expected one delivery to " + function + " but got " + deliveries);
        }
        return deliveries.get(0);
    }

    static ScheduleTick tick(Delivery delivery) {
        return (ScheduleTick) delivery.event().data();
    }
}
