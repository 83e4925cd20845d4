package dev.fnkit.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.fnkit.core.FunctionDefinition;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks {@link FnkitAzure}'s methods against the Java worker's parameter resolution for a hand-written
 * {@code function.json} (azure-functions-java-worker {@code CoreTypeResolver} and {@code ParameterResolver}): a
 * parameter's binding name is the {@code name()} of an annotation whose text names the package
 * {@code com.microsoft.azure.functions.annotation}, and it gets that input binding's data; a parameter with only
 * {@code @BindingName} gets the trigger metadata of that key; a parameter with neither gets the
 * {@code ExecutionContext}. The binding names must be those the packager writes.
 */
class WorkerBindingTest {
    private static final Map<AzureTrigger, Set<String>> DOCUMENTED_METADATA = new EnumMap<>(Map.of(
            AzureTrigger.STORAGE_QUEUE, Set.of("QueueTrigger", "DequeueCount", "ExpirationTime", "Id",
                    "InsertionTime", "NextVisibleTime", "PopReceipt"),
            AzureTrigger.SERVICE_BUS, Set.of("DeliveryCount", "DeadLetterSource", "LockToken", "ExpiresAtUtc",
                    "EnqueuedTimeUtc", "MessageId", "ContentType", "ReplyTo", "SequenceNumber", "To", "Subject",
                    "CorrelationId", "ApplicationProperties"),
            AzureTrigger.EVENT_HUB, Set.of("PartitionContext", "PartitionKeyArray", "OffsetArray",
                    "SequenceNumberArray", "EnqueuedTimeUtcArray", "PropertiesArray", "SystemPropertiesArray"),
            AzureTrigger.BLOB, Set.of("BlobTrigger", "Uri", "Properties", "Metadata", Bindings.BLOB_NAME)));

    /** The worker's {@code CoreTypeResolver.getAnnotationName}. */
    static String annotationName(Parameter parameter) {
        String name = null;
        for (Annotation annotation : parameter.getAnnotations()) {
            if (annotation.toString().contains("com.microsoft.azure.functions.annotation")) {
                name = nameOf(annotation);
            }
            if (name == null) {
                for (Annotation meta : annotation.annotationType().getAnnotations()) {
                    if (meta.annotationType().getName()
                            .equals("com.microsoft.azure.functions.annotation.CustomBinding")) {
                        name = nameOf(annotation);
                    }
                }
            }
        }
        return name;
    }

    private static String nameOf(Annotation annotation) {
        for (Method method : annotation.getClass().getMethods()) {
            if (method.getName().equals("name")) {
                try {
                    return (String) method.invoke(annotation);
                } catch (ReflectiveOperationException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The worker's {@code CoreTypeResolver.getBindingNameAnnotation}. */
    static String bindingNameAnnotation(Parameter parameter) {
        for (Annotation annotation : parameter.getAnnotations()) {
            if (annotation.annotationType().getName().equals("com.microsoft.azure.functions.annotation.BindingName")) {
                try {
                    return (String) annotation.annotationType().getMethod("value").invoke(annotation);
                } catch (ReflectiveOperationException e) {
                    return null;
                }
            }
        }
        return "";
    }

    /** What the worker passes for each parameter: {@code data:<name>}, {@code metadata:<key>} or {@code context}. */
    static List<String> resolution(Method method) {
        List<String> sources = new ArrayList<>();
        for (Parameter parameter : method.getParameters()) {
            String name = annotationName(parameter);
            String metadata = bindingNameAnnotation(parameter);
            if (name != null && !name.isEmpty()) {
                sources.add("data:" + name);
            } else if (name == null && !metadata.isEmpty()) {
                sources.add("metadata:" + metadata);
            } else {
                assertThat(parameter.getType()).as("an unannotated parameter is resolved by type")
                        .isEqualTo(ExecutionContext.class);
                sources.add("context");
            }
        }
        return sources;
    }

    private static Method method(String name) {
        List<Method> methods = Arrays.stream(FnkitAzure.class.getMethods()).filter(m -> m.getName().equals(name))
                .toList();
        assertThat(methods).as("the worker resolves the entry point by name: no overloads of " + name).hasSize(1);
        return methods.get(0);
    }

    @Test
    void theWorkerCanCreateTheEntryPointAndFindEveryMethod() throws Exception {
        assertThat(Modifier.isPublic(FnkitAzure.class.getConstructor().getModifiers())).isTrue();
        for (AzureTrigger trigger : AzureTrigger.values()) {
            Method method = method(trigger.method());
            assertThat(Modifier.isStatic(method.getModifiers())).isFalse();
            assertThat(method.getReturnType()).isEqualTo(trigger == AzureTrigger.HTTP ? HttpResponseMessage.class
                    : void.class);
        }
        assertThat(Arrays.stream(FnkitAzure.class.getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(Method::getName)).containsExactlyInAnyOrder(Arrays.stream(AzureTrigger.values())
                .map(AzureTrigger::method).toArray(String[]::new));
    }

    @Test
    void parametersResolveToTheBindingsThePackagerWrites() {
        Map<AzureTrigger, List<String>> expected = new EnumMap<>(AzureTrigger.class);
        expected.put(AzureTrigger.HTTP, List.of("data:request", "context"));
        expected.put(AzureTrigger.STORAGE_QUEUE, List.of("data:message", "metadata:Id", "metadata:DequeueCount",
                "metadata:InsertionTime", "context"));
        expected.put(AzureTrigger.SERVICE_BUS, List.of("data:message", "metadata:MessageId",
                "metadata:DeliveryCount", "metadata:EnqueuedTimeUtc", "metadata:ApplicationProperties", "context"));
        expected.put(AzureTrigger.EVENT_GRID, List.of("data:event", "context"));
        expected.put(AzureTrigger.EVENT_HUB, List.of("data:events", "metadata:SystemPropertiesArray", "context"));
        expected.put(AzureTrigger.BLOB, List.of("data:content", "metadata:name", "metadata:Properties", "context"));
        expected.put(AzureTrigger.TIMER, List.of("data:timer", "context"));
        expected.put(AzureTrigger.COSMOS_DB, List.of("data:documents", "context"));
        for (AzureTrigger trigger : AzureTrigger.values()) {
            List<String> resolved = resolution(method(trigger.method()));
            assertThat(resolved).as(trigger.method()).isEqualTo(expected.get(trigger));
            for (String source : resolved) {
                if (source.startsWith("metadata:")) {
                    assertThat(DOCUMENTED_METADATA.get(trigger)).as("documented metadata of " + trigger)
                            .contains(source.substring("metadata:".length()));
                }
            }
        }
    }

    @Test
    void everyGeneratedTriggerBindingNamesAParameterOfItsEntryPoint() {
        AzureSettings eventGridTopics = new AzureSettings(Map.of("azure.topic.trigger", "eventGrid",
                "azure.function.orders.queue.trigger", "serviceBus"));
        Consumer<String> log = line -> { };
        Set<AzureTrigger> seen = java.util.EnumSet.noneOf(AzureTrigger.class);
        for (AzureSettings settings : List.of(AzureSettings.none(), eventGridTopics)) {
            for (FunctionDefinition function : TestApp.application().functions()) {
                for (FunctionJson.AzureFunction azure : FunctionJson.of(function, settings, "shop", "shop.jar", log)) {
                    JsonNode json = azure.json();
                    String entryPoint = json.get("entryPoint").asText();
                    assertThat(entryPoint).startsWith(FnkitAzure.class.getName() + ".");
                    Method method = method(entryPoint.substring(entryPoint.lastIndexOf('.') + 1));
                    List<String> resolved = resolution(method);
                    for (JsonNode binding : json.get("bindings")) {
                        String name = binding.get("name").asText();
                        if (binding.get("direction").asText().equals("in")) {
                            assertThat(resolved).as(azure.name()).contains("data:" + name);
                            assertThat(binding.get("type").asText()).isEqualTo(azure.trigger().bindingType());
                        } else {
                            assertThat(name).isEqualTo("$return");
                            assertThat(method.getReturnType()).isEqualTo(HttpResponseMessage.class);
                        }
                    }
                    seen.add(azure.trigger());
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(AzureTrigger.values());
    }
}
