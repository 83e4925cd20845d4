package dev.fnkit.samples.spring;

import dev.fnkit.api.Functions;
import dev.fnkit.compat.spring.SpringFunctionApp;

/**
 * The inventory application's beans as fnkit functions, on every target. Spring starts once per instance, in
 * {@code initialize()}; declaring (here, and when packaging) does not start it.
 */
public final class InventoryFunctions extends SpringFunctionApp {
    public InventoryFunctions() {
        super(InventoryApplication.class);
    }

    @Override
    public void register(Functions functions) {
        spring().typed(functions, "quote");
        spring().http(functions, "quote-http", "quote").route("POST", "/quote");
        spring().http(functions, "normalize-quote", "normalize").route("POST", "/normalize");
        spring().http(functions, "stock-status", "status").route("GET", "/stock");
        spring().queue(functions, "reservations", "reservations", "reserve").batchSize(10);
    }
}
