package dev.fnkit.local;

import dev.fnkit.api.BatchResult;
import dev.fnkit.api.Context;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionApp;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.Functions;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.ScheduleTick;
import dev.fnkit.api.SetCookie;
import dev.fnkit.api.Trigger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** The functions the in-process runner tests call, one per behaviour under test. */
final class TestApp implements FunctionApp {
    static final BlockingQueue<Event<Order>> ORDERS = new LinkedBlockingQueue<>();
    static final BlockingQueue<ScheduleTick> TICKS = new LinkedBlockingQueue<>();
    static final BlockingQueue<Context> CONTEXTS = new LinkedBlockingQueue<>();

    record Name(String name) {
    }

    record Greeting(String greeting) {
    }

    record Order(String id, boolean fail) {
    }

    static void clear() {
        ORDERS.clear();
        TICKS.clear();
        CONTEXTS.clear();
    }

    @Override
    public void register(Functions functions) {
        functions.http("echo", TestApp::echo).route("/echo").route("/echo/{+path}").timeout(Duration.ofSeconds(7));
        functions.http("binary", (request, context) -> HttpResponse.builder().bytes(request.body().bytes()))
                .route("POST", "/binary");
        functions.http("cookies", (request, context) -> HttpResponse.builder()
                        .cookie(SetCookie.of("a", "1").withPath("/"))
                        .cookie(SetCookie.of("b", "2").withHttpOnly(true))
                        .header("x-multi", "one").header("x-multi", "two")
                        .text("cookies set"))
                .route("GET", "/cookies");
        functions.http("fail", (request, context) -> {
            throw new IllegalStateException("secret detail of the failure");
        }).route("GET", "/fail");
        functions.http("conflict", (request, context) -> {
            throw FunctionException.conflict("stock-conflict", "Only 2 left");
        }).route("GET", "/conflict");
        functions.http("only-get", (request, context) -> HttpResponse.text("got")).route("GET", "/only-get");
        functions.typed("greet", Name.class, (Name input, Context context) -> {
            if (input.name() == null) {
                throw FunctionException.badRequest("name-missing", "Say who to greet");
            }
            return new Greeting("Hello, " + input.name() + "!");
        });
        functions.queue("orders", "orders-queue", Order.class, (event, context) -> {
            if (event.data().fail()) {
                throw new IllegalStateException("order " + event.data().id() + " failed");
            }
            ORDERS.add(event);
        });
        functions.batch("payments", new Trigger.Queue("payments-queue", 10), Order.class, (events, context) -> {
            List<String> failed = new ArrayList<>();
            for (Event<Order> event : events) {
                if (event.data().fail()) {
                    failed.add(event.id());
                }
            }
            return BatchResult.failed(failed);
        });
        functions.schedule("tick", "* * * * *", (event, context) -> {
            CONTEXTS.add(context);
            TICKS.add(event.data());
        });
    }

    private static HttpResponse echo(HttpRequest request, Context context) {
        CONTEXTS.add(context);
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("method", request.method());
        echo.put("path", request.path());
        echo.put("pathParameters", request.pathParameters());
        echo.put("query", request.query().asMap());
        echo.put("headers", request.headers().asMap());
        echo.put("cookies", request.cookies());
        echo.put("body", request.bodyText());
        echo.put("sourceIp", request.sourceIp().orElse(null));
        return HttpResponse.json(echo);
    }
}
