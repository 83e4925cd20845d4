package dev.fnkit.samples.triggers;

import dev.fnkit.api.ChangeRecord;
import dev.fnkit.api.FunctionApp;
import dev.fnkit.api.Functions;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.StreamRecord;
import dev.fnkit.api.TopicMessage;

import java.time.Duration;

/**
 * One function per trigger kind. Every adapter and runtime is tested against these: {@code echo} shows exactly what
 * an HTTP request looked like, the event functions record what they received (see {@link Recorder}), and
 * {@code received} serves those records.
 */
public final class TriggersApp implements FunctionApp {
    @Override
    public void register(Functions functions) {
        functions.http("echo", new Echo()).route("/echo").route("/echo/{+path}");
        functions.typed("greet", Greet.Name.class, new Greet());
        functions.queue("orders", "orders-queue", Order.class, new Orders()).batchSize(10)
                .timeout(Duration.ofSeconds(60));
        functions.storage("uploads", "uploads", StorageChange.CREATED, Recorder.recording("uploads"));
        functions.schedule("nightly", "0 2 * * *", Recorder.recording("nightly"));
        functions.topic("audit", "audit-events", TopicMessage.class, Recorder.recording("audit"));
        functions.stream("clicks", "clicks-stream", StreamRecord.class, Recorder.recording("clicks")).batchSize(100);
        functions.change("inventory", "inventory-table", Recorder.<ChangeRecord>recording("inventory"));
        functions.http("received", (request, context) -> request.method().equals("DELETE")
                        ? clear() : HttpResponse.json(Recorder.received(request.pathParameter("function").orElse(null))))
                .route("GET", "/received").route("GET", "/received/{function}").route("DELETE", "/received");
    }

    private static HttpResponse clear() {
        Recorder.clear();
        return HttpResponse.noContent();
    }
}
