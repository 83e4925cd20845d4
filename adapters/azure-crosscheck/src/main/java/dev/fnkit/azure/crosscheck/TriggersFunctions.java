package dev.fnkit.azure.crosscheck;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.BlobTrigger;
import com.microsoft.azure.functions.annotation.Cardinality;
import com.microsoft.azure.functions.annotation.CosmosDBTrigger;
import com.microsoft.azure.functions.annotation.EventHubTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import dev.fnkit.azure.FnkitAzure;

import java.util.List;
import java.util.Optional;

/**
 * The functions of {@code samples/triggers} written by hand the way Azure's Java documentation shows, with
 * Microsoft's annotations; each delegates to fnkit's entry point. azure-functions-maven-plugin generates
 * {@code function.json} files from these annotations, and {@code FunctionJsonCrossCheckIT} checks that fnkit's
 * packager binds the same triggers with the same settings.
 */
public class TriggersFunctions {
    private final FnkitAzure fnkit = new FnkitAzure();

    /** {@code echo}: every method at {@code /echo}. */
    @FunctionName("echo")
    public HttpResponseMessage echo(
            @HttpTrigger(name = "request", dataType = "binary", route = "echo",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<byte[]>> request,
            ExecutionContext context) {
        return fnkit.http(request, context);
    }

    /** {@code echo}'s second route: every method at {@code /echo/{+path}}. */
    @FunctionName("echo_2")
    public HttpResponseMessage echoPath(
            @HttpTrigger(name = "request", dataType = "binary", route = "echo/{*path}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<byte[]>> request,
            ExecutionContext context) {
        return fnkit.http(request, context);
    }

    /** {@code greet}, a typed function: {@code POST /greet}. */
    @FunctionName("greet")
    public HttpResponseMessage greet(
            @HttpTrigger(name = "request", dataType = "binary", route = "greet", methods = {HttpMethod.POST},
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<byte[]>> request,
            ExecutionContext context) {
        return fnkit.http(request, context);
    }

    /** {@code received}: {@code GET} (and so {@code HEAD}) and {@code DELETE} at {@code /received}. */
    @FunctionName("received")
    public HttpResponseMessage received(
            @HttpTrigger(name = "request", dataType = "binary", route = "received",
                    methods = {HttpMethod.GET, HttpMethod.HEAD, HttpMethod.DELETE},
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<byte[]>> request,
            ExecutionContext context) {
        return fnkit.http(request, context);
    }

    /** {@code received}'s second route: {@code GET /received/{function}}. */
    @FunctionName("received_2")
    public HttpResponseMessage receivedFunction(
            @HttpTrigger(name = "request", dataType = "binary", route = "received/{function}",
                    methods = {HttpMethod.GET, HttpMethod.HEAD},
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<byte[]>> request,
            ExecutionContext context) {
        return fnkit.http(request, context);
    }

    /** {@code orders}: the Storage queue {@code orders-queue}. */
    @FunctionName("orders")
    public void orders(
            @QueueTrigger(name = "message", dataType = "binary", queueName = "orders-queue",
                    connection = "AzureWebJobsStorage") byte[] message,
            @BindingName("Id") String id,
            @BindingName("DequeueCount") String dequeueCount,
            @BindingName("InsertionTime") String insertionTime,
            ExecutionContext context) throws Exception {
        fnkit.queue(message, id, dequeueCount, insertionTime, context);
    }

    /** {@code uploads}: blobs created in the container {@code uploads}. */
    @FunctionName("uploads")
    public void uploads(
            @BlobTrigger(name = "content", dataType = "binary", path = "uploads/{name}",
                    connection = "AzureWebJobsStorage") byte[] content,
            @BindingName("name") String name,
            @BindingName("Properties") String properties,
            ExecutionContext context) throws Exception {
        fnkit.blob(content, name, properties, context);
    }

    /** {@code nightly}: {@code 0 2 * * *}, with Azure's leading seconds field. */
    @FunctionName("nightly")
    public void nightly(@TimerTrigger(name = "timer", schedule = "0 0 2 * * *") String timer,
                        ExecutionContext context) throws Exception {
        fnkit.timer(timer, context);
    }

    /** {@code audit}: the Service Bus topic {@code audit-events}, through the subscription {@code audit}. */
    @FunctionName("audit")
    public void audit(
            @ServiceBusTopicTrigger(name = "message", dataType = "binary", topicName = "audit-events",
                    subscriptionName = "audit", connection = "ServiceBusConnection") byte[] message,
            @BindingName("MessageId") String messageId,
            @BindingName("DeliveryCount") String deliveryCount,
            @BindingName("EnqueuedTimeUtc") String enqueuedTimeUtc,
            @BindingName("ApplicationProperties") String applicationProperties,
            ExecutionContext context) throws Exception {
        fnkit.serviceBus(message, messageId, deliveryCount, enqueuedTimeUtc, applicationProperties, context);
    }

    /** {@code clicks}: batches from the event hub {@code clicks-stream}. */
    @FunctionName("clicks")
    public void clicks(
            @EventHubTrigger(name = "events", dataType = "binary", eventHubName = "clicks-stream",
                    cardinality = Cardinality.MANY, consumerGroup = "$Default",
                    connection = "EventHubConnection") List<byte[]> events,
            @BindingName("SystemPropertiesArray") String systemPropertiesArray,
            ExecutionContext context) throws Exception {
        fnkit.eventHub(events, systemPropertiesArray, context);
    }

    /** {@code inventory}: the change feed of the Cosmos DB container {@code inventory-table}. */
    @FunctionName("inventory")
    public void inventory(
            @CosmosDBTrigger(name = "documents", databaseName = "inventory-db", containerName = "inventory-table",
                    connection = "CosmosDBConnection", leaseContainerName = "leases",
                    leaseContainerPrefix = "inventory-", createLeaseContainerIfNotExists = true,
                    maxItemsPerInvocation = 100) String documents,
            ExecutionContext context) throws Exception {
        fnkit.cosmosDb(documents, context);
    }
}
