package dev.fnkit.compat.spring;

import dev.fnkit.api.Body;
import dev.fnkit.api.EventDeclaration;
import dev.fnkit.api.Functions;
import dev.fnkit.api.HttpDeclaration;
import dev.fnkit.api.StorageObjectEvent;
import dev.fnkit.api.Trigger;
import dev.fnkit.api.TypedDeclaration;
import dev.fnkit.core.EventData;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code Function}, {@code Consumer} and {@code Supplier} beans of a Spring Cloud Function application, declared
 * as fnkit functions. Each declaration names a fnkit function and a function definition of the application's
 * {@code FunctionCatalog} (a bean name, or a composition such as {@code uppercase|reverse}), and chooses how it is
 * called:
 * <ul>
 *   <li>{@link #typed}: JSON in, JSON out, exactly as a fnkit {@link dev.fnkit.api.TypedFunction} (fnkit decodes
 *   the input into the bean's input type and encodes its result);</li>
 *   <li>{@link #http}: an HTTP function; the body becomes the input (text for {@code String}, bytes for
 *   {@code byte[]}, a {@code Message} with the request headers, or JSON), the result the response;</li>
 *   <li>{@link #event}: an event function on any event trigger; the event's data becomes the input.</li>
 * </ul>
 * Declaring starts nothing ({@link dev.fnkit.api.FunctionApp#register} also runs at build time); the Spring context
 * starts once, on {@link #start()} (call it from {@link dev.fnkit.api.FunctionApp#initialize()}, as
 * {@link SpringFunctionApp} does) or else on the first invocation.
 */
public final class SpringFunctions implements AutoCloseable {
    private final SpringContext context;
    private final Set<String> definitions = new LinkedHashSet<>();

    private SpringFunctions(SpringContext context) {
        this.context = context;
    }

    /** The functions of the Spring application built from these configuration classes (usually the Boot class). */
    public static SpringFunctions from(Class<?>... sources) {
        if (sources.length == 0) {
            throw new IllegalArgumentException("name the Spring Boot application class");
        }
        return new SpringFunctions(new SpringContext(List.of(sources), new LinkedHashMap<>()));
    }

    /** A Spring property the context starts with (lower precedence than the application's own configuration). */
    public SpringFunctions property(String name, String value) {
        context.defaultProperties().put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** The bean {@code definition} as a typed function of the same name. */
    public TypedDeclaration typed(Functions functions, String definition) {
        return typed(functions, definition, definition);
    }

    /** The function {@code definition} as a typed (JSON in, JSON out) function called {@code name}. */
    public TypedDeclaration typed(Functions functions, String name, String definition) {
        return functions.typed(name, Body.class, new TypedBean(bean(definition)));
    }

    /** The bean {@code definition} as an HTTP function of the same name. */
    public HttpDeclaration http(Functions functions, String definition) {
        return http(functions, definition, definition);
    }

    /**
     * The function {@code definition} as an HTTP function called {@code name}: a {@code Supplier} answers any
     * request, a {@code Consumer} answers 202.
     */
    public HttpDeclaration http(Functions functions, String name, String definition) {
        return functions.http(name, new HttpBean(bean(definition)));
    }

    /**
     * The function {@code definition} as an event function called {@code name} on this trigger. Queue, topic and
     * stream payloads are converted to the bean's input type ({@code String}, {@code byte[]}, a {@code Message}
     * carrying the CloudEvents attributes as {@code ce-*} headers, or JSON); storage, schedule and change events
     * arrive as the portable record ({@link StorageObjectEvent}, ...) or converted from it. A function's result
     * is discarded; a throw means "retry this event".
     */
    public EventDeclaration event(Functions functions, String name, Trigger trigger, String definition) {
        @SuppressWarnings("unchecked")
        Class<Object> dataType = (Class<Object>) dataType(trigger);
        return functions.event(name, trigger, dataType, new EventBean(bean(definition)));
    }

    /** The function {@code definition} on messages from {@code queue}. */
    public EventDeclaration queue(Functions functions, String name, String queue, String definition) {
        return event(functions, name, Trigger.queue(queue), definition);
    }

    /** The function {@code definition} on messages published to {@code topic}. */
    public EventDeclaration topic(Functions functions, String name, String topic, String definition) {
        return event(functions, name, Trigger.topic(topic), definition);
    }

    /** The function (usually a {@code Supplier} or {@code Consumer<ScheduleTick>}) on a 5-field cron schedule. */
    public EventDeclaration schedule(Functions functions, String name, String cron, String definition) {
        return event(functions, name, Trigger.schedule(cron), definition);
    }

    /**
     * Starts the Spring context, once, and looks up every declared definition.
     *
     * @throws IllegalStateException naming the definitions the catalog lacks, or a reactive function
     */
    public void start() {
        context.start(definitions);
    }

    /** The function definitions the application's {@code FunctionCatalog} holds (starts the context). */
    public Set<String> catalog() {
        return context.names();
    }

    /** Closes the Spring context, if it was started. */
    @Override
    public void close() {
        context.close();
    }

    private SpringBean bean(String definition) {
        if (definition == null || definition.isBlank()) {
            throw new IllegalArgumentException("name the Spring function definition (a bean name)");
        }
        definitions.add(definition);
        return new SpringBean(definition, context);
    }

    private static Class<?> dataType(Trigger trigger) {
        if (trigger instanceof Trigger.Http || trigger instanceof Trigger.Invoke) {
            throw new IllegalArgumentException("an event needs an event trigger, not " + trigger
                    + ": declare HTTP functions with http() and invoked ones with typed()");
        }
        return EventData.hasPayload(trigger) ? Body.class : EventData.recordType(trigger);
    }

    @Override
    public String toString() {
        return "SpringFunctions" + context.sources();
    }
}
