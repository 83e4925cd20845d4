package dev.fnkit.samples.migration.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnkit.samples.migration.orders.Order;
import dev.fnkit.samples.migration.orders.Orders;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQS consumer that fulfils orders, as written for AWS Lambda with {@code ReportBatchItemFailures}: a message
 * that is not a valid order is reported in {@code batchItemFailures} so that only it is retried.
 */
public final class OrderEventsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                Order order = JSON.readValue(message.getBody(), Order.class);
                Optional<String> problem = Orders.problem(order);
                if (problem.isPresent()) {
                    throw new IllegalArgumentException(problem.get());
                }
                Orders.fulfil(order);
                context.getLogger().log("fulfilled order " + order.id());
            } catch (Exception e) {
                context.getLogger().log("message " + message.getMessageId() + " failed: " + e.getMessage());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
