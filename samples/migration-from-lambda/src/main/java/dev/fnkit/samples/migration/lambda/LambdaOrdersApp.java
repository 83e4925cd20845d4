package dev.fnkit.samples.migration.lambda;

import dev.fnkit.api.FunctionApp;
import dev.fnkit.api.Functions;
import dev.fnkit.compat.aws.AwsCompat;

/**
 * Step one of the migration: the unchanged Lambda handlers, declared through the AWS compatibility layer so that
 * they run on every fnkit target. This class is all that was added.
 */
public final class LambdaOrdersApp implements FunctionApp {
    @Override
    public void register(Functions functions) {
        AwsCompat.http(functions, "orders-api", new OrdersApiHandler())
                .route("GET", "/orders/{id}")
                .route("POST", "/orders");
        AwsCompat.sqs(functions, "order-events", "order-events", new OrderEventsHandler()).batchSize(10);
    }
}
