package dev.fnkit.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fnkit.api.BatchResult;
import dev.fnkit.api.ChangeRecord;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Provider;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.TopicMessage;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.Application;
import dev.fnkit.core.HttpDispatch;
import dev.fnkit.core.InvocationContext;
import dev.fnkit.core.LineLogger;
import dev.fnkit.core.LogFormat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;

/**
 * {@link HttpDispatch#handle} for an application whose functions never fail themselves, so any 5xx or throw is a
 * decoding bug. The input is a request line {@code METHOD /path?query}, header lines, an empty line, the body.
 */
class HttpDispatchFuzzTest {
    /** A typed function's input. */
    record Greeting(String name, int times) {
    }

    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());

    private static final HttpDispatch DISPATCH = new HttpDispatch(Application.of(functions -> {
        functions.http("echo", (request, context) -> HttpResponse.builder()
                        .header("x-params", String.valueOf(request.pathParameters().size()))
                        .header("x-query", String.valueOf(request.query().asMap().size()))
                        .body(request.body()).build())
                .route("GET", "/items/{id}").route("POST", "/files/{+path}").route("/echo");
        functions.typed("greet", Greeting.class, (in, context) -> Map.of("greeting", String.valueOf(in)));
        functions.queue("orders", "orders-queue", Greeting.class, (event, context) -> event.data());
        functions.queue("messages", "messages-queue", QueueMessage.class, (event, context) -> event.data().text());
        functions.topic("news", "news-topic", TopicMessage.class, (event, context) -> event.data().text());
        functions.batch("bulk", Trigger.queue("bulk-queue"), QueueMessage.class,
                (events, context) -> BatchResult.success());
        functions.storage("uploads", "uploads-bucket", StorageChange.CREATED, (event, context) -> event.data());
        functions.schedule("nightly", "0 2 * * *", (event, context) -> event.data());
        functions.change("inventory", "inventory-table", (event, context) -> event.data().type());
    }), (function, request) -> InvocationContext.builder().requestId("fuzz").functionName(function.name())
            .deadline(Instant.now().plusSeconds(30)).provider(Provider.LOCAL).coldStart(false)
            .logger(new LineLogger(DISCARD, LogFormat.TEXT, LineLogger.Level.ERROR, Map.of()))
            .build());

    @FuzzTest(maxDuration = "30s")
    void handle(byte[] input) {
        FuzzMessage message = FuzzMessage.parse(input, true);
        String[] requestLine = message.firstLine().split(" ", 2);
        String method = requestLine[0];
        String target = requestLine.length > 1 ? requestLine[1] : "/";
        if (method.isEmpty() || !target.startsWith("/")) {
            return;
        }
        HttpRequest request;
        try {
            request = HttpRequest.builder(method, target).headers(message.headers()).body(message.body()).build();
        } catch (FunctionException e) {
            FuzzChecks.clientError(e);
            return;
        }
        FuzzChecks.answered(DISPATCH.handle(request));
    }
}
