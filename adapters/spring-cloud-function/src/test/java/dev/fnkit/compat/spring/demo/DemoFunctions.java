package dev.fnkit.compat.spring.demo;

import dev.fnkit.api.Functions;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.Trigger;
import dev.fnkit.compat.spring.SpringFunctionApp;

/** The demo application's beans as fnkit functions: typed, HTTP and event. */
public final class DemoFunctions extends SpringFunctionApp {
    public DemoFunctions() {
        super(DemoApplication.class);
        spring().property("demo.greeting", "Hi");
    }

    @Override
    public void register(Functions functions) {
        spring().typed(functions, "uppercase");
        spring().typed(functions, "quote");
        spring().typed(functions, "shout", "uppercase|exclaim");
        spring().typed(functions, "greeting");
        spring().typed(functions, "total-quantity", "totalQuantity");
        spring().http(functions, "uppercase-http", "uppercase").route("POST", "/uppercase");
        spring().http(functions, "quote-http", "quote").route("POST", "/quote");
        spring().http(functions, "greet", "greeting").route("GET", "/greeting");
        spring().http(functions, "order-http", "record").route("POST", "/orders");
        spring().http(functions, "audit").route("POST", "/audit");
        spring().queue(functions, "record-order", "orders", "record");
        spring().event(functions, "uploaded", Trigger.storage("uploads", StorageChange.CREATED), "uploaded");
        spring().topic(functions, "inbox", "notices", "inbox");
    }
}
