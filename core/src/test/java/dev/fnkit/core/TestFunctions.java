package dev.fnkit.core;

import dev.fnkit.api.BatchResult;
import dev.fnkit.api.ChangeRecord;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionApp;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.Functions;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.Trigger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test application with one function of every kind; records what event functions received. */
public final class TestFunctions implements FunctionApp {
    public record Order(int id, boolean fail) {
    }

    public record Greeting(String name) {
    }

    public static final List<Event<?>> RECEIVED = new CopyOnWriteArrayList<>();

    @Override
    public void register(Functions functions) {
        functions.http("hello", (request, context) -> HttpResponse.json(Map.of("message",
                        "Hello, " + request.pathParameter("name").or(() -> request.queryParameter("name"))
                                .orElse("world") + "!")))
                .route("GET", "/hello/{name}").route("GET", "/hello");
        functions.http("boom", (request, context) -> {
            throw new IllegalStateException("secret internal detail");
        }).route("/boom");
        functions.http("teapot", (request, context) -> {
            throw new FunctionException(418, "teapot", "I am a teapot");
        }).route("POST", "/teapot");
        functions.typed("greet", Greeting.class, (Greeting in, dev.fnkit.api.Context c) ->
                Map.of("greeting", "Hello, " + in.name() + "!"));
        functions.typed("nothing", Greeting.class, (in, c) -> null);
        functions.queue("orders", "orders-queue", Order.class, (event, context) -> {
            RECEIVED.add(event);
            if (event.data().fail()) {
                throw new IllegalStateException("order " + event.data().id() + " failed");
            }
            if (event.data().id() < 0) {
                throw FunctionException.unprocessable("bad-order", "order ids are positive");
            }
        }).batchSize(10);
        functions.batch("bulk", Trigger.queue("bulk-queue"), QueueMessage.class, (events, context) ->
                BatchResult.failed(events.stream().filter(e -> e.data().text().contains("bad")).map(Event::id)
                        .toList()));
        functions.storage("uploads", "uploads-bucket", StorageChange.CREATED, (event, context) -> RECEIVED.add(event));
        functions.schedule("nightly", "0 2 * * *", (event, context) -> RECEIVED.add(event));
        functions.change("inventory", "inventory-table", (Event<ChangeRecord> event, dev.fnkit.api.Context c) ->
                RECEIVED.add(event));
    }
}
