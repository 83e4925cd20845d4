package dev.fnkit.core;

import dev.fnkit.api.BatchFunction;
import dev.fnkit.api.Declaration;
import dev.fnkit.api.EventDeclaration;
import dev.fnkit.api.EventFunction;
import dev.fnkit.api.FunctionOptions;
import dev.fnkit.api.Functions;
import dev.fnkit.api.HttpDeclaration;
import dev.fnkit.api.HttpFunction;
import dev.fnkit.api.RetryPolicy;
import dev.fnkit.api.Route;
import dev.fnkit.api.Trigger;
import dev.fnkit.api.TypedDeclaration;
import dev.fnkit.api.TypedFunction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Collects and validates declarations made through {@link Functions}. Each problem is reported as a
 * {@link DeclarationException} naming the function; {@link #definitions()} returns the finished, validated list.
 */
public final class FunctionRegistry implements Functions {
    private static final Pattern NAME = Pattern.compile("[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private final Map<String, Draft<?>> drafts = new LinkedHashMap<>();

    @Override
    public HttpDeclaration http(String name, HttpFunction function) {
        return add(new HttpDraft(name, function));
    }

    @Override
    public <I, O> TypedDeclaration typed(String name, Class<I> inputType, TypedFunction<I, O> function) {
        requireType(name, inputType);
        return add(new TypedDraft(name, inputType, function));
    }

    @Override
    public <T> EventDeclaration event(String name, Trigger trigger, Class<T> dataType, EventFunction<T> function) {
        return add(new EventDraft(name, FunctionKind.EVENT, trigger, dataType, function));
    }

    @Override
    public <T> EventDeclaration batch(String name, Trigger trigger, Class<T> dataType, BatchFunction<T> function) {
        return add(new EventDraft(name, FunctionKind.BATCH, trigger, dataType, function));
    }

    /** The validated definitions, in declaration order. */
    public List<FunctionDefinition> definitions() {
        List<FunctionDefinition> out = new ArrayList<>(drafts.size());
        for (Draft<?> draft : drafts.values()) {
            out.add(draft.finish());
        }
        Router.of(out);
        return List.copyOf(out);
    }

    private <D extends Draft<?>> D add(D draft) {
        String name = draft.name;
        if (name == null || !NAME.matcher(name).matches()) {
            throw new DeclarationException(name, "invalid name: use 1 to 63 lower-case letters, digits and hyphens,"
                    + " starting with a letter and not ending with a hyphen");
        }
        if (draft.function == null) {
            throw new DeclarationException(name, "the function object is null");
        }
        if (drafts.containsKey(name)) {
            throw new DeclarationException(name, "declared twice: function names must be unique");
        }
        drafts.put(name, draft);
        return draft;
    }

    private static void requireType(String name, Class<?> type) {
        if (type == null) {
            throw new DeclarationException(name, "the data type is null");
        }
    }

    private abstract static class Draft<D extends Declaration<D>> implements Declaration<D> {
        final String name;
        final Object function;
        Duration timeout = FunctionOptions.DEFAULTS.timeout();
        int memoryMb = FunctionOptions.DEFAULTS.memoryMb();
        int minInstances;
        int maxInstances;
        int concurrency;
        final Map<String, String> environment = new LinkedHashMap<>();
        RetryPolicy retry;

        Draft(String name, Object function) {
            this.name = name;
            this.function = function;
        }

        abstract D self();

        abstract FunctionDefinition finish();

        FunctionOptions options() {
            try {
                return new FunctionOptions(timeout, memoryMb, minInstances, maxInstances, concurrency, environment,
                        retry);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new DeclarationException(name, e.getMessage(), e);
            }
        }

        @Override
        public D timeout(Duration timeout) {
            this.timeout = timeout;
            return self();
        }

        @Override
        public D memoryMb(int memoryMb) {
            this.memoryMb = memoryMb;
            return self();
        }

        @Override
        public D minInstances(int minInstances) {
            this.minInstances = minInstances;
            return self();
        }

        @Override
        public D maxInstances(int maxInstances) {
            this.maxInstances = maxInstances;
            return self();
        }

        @Override
        public D concurrency(int concurrency) {
            this.concurrency = concurrency;
            return self();
        }

        @Override
        public D env(String key, String value) {
            if (key == null || key.isEmpty() || value == null) {
                throw new DeclarationException(name, "environment variables need a name and a value");
            }
            environment.put(key, value);
            return self();
        }

        @Override
        public D retry(RetryPolicy retry) {
            this.retry = retry;
            return self();
        }
    }

    private static final class HttpDraft extends Draft<HttpDeclaration> implements HttpDeclaration {
        private final List<Route> routes = new ArrayList<>();

        HttpDraft(String name, HttpFunction function) {
            super(name, function);
        }

        @Override
        HttpDeclaration self() {
            return this;
        }

        @Override
        public HttpDeclaration route(String method, String template) {
            Route route;
            try {
                route = new Route(method, template);
                RouteTemplate.parse(route.template());
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new DeclarationException(name, e.getMessage(), e);
            }
            if (!route.anyMethod() && !route.method().matches("[A-Z]+")) {
                throw new DeclarationException(name, "invalid HTTP method '" + method + "'");
            }
            routes.add(route);
            return this;
        }

        @Override
        FunctionDefinition finish() {
            List<Route> declared = routes.isEmpty() ? List.of(new Route(Route.ANY_METHOD, "/" + name)) : routes;
            return new FunctionDefinition(name, FunctionKind.HTTP, new Trigger.Http(declared), null, options(),
                    function);
        }
    }

    private static final class TypedDraft extends Draft<TypedDeclaration> implements TypedDeclaration {
        private final Class<?> inputType;

        TypedDraft(String name, Class<?> inputType, TypedFunction<?, ?> function) {
            super(name, function);
            this.inputType = inputType;
        }

        @Override
        TypedDeclaration self() {
            return this;
        }

        @Override
        FunctionDefinition finish() {
            return new FunctionDefinition(name, FunctionKind.TYPED, new Trigger.Invoke(), inputType, options(),
                    function);
        }
    }

    private static final class EventDraft extends Draft<EventDeclaration> implements EventDeclaration {
        private final FunctionKind kind;
        private final Class<?> dataType;
        private Trigger trigger;

        EventDraft(String name, FunctionKind kind, Trigger trigger, Class<?> dataType, Object function) {
            super(name, function);
            this.kind = kind;
            this.trigger = trigger;
            this.dataType = dataType;
            requireType(name, dataType);
            validate();
        }

        @Override
        EventDeclaration self() {
            return this;
        }

        @Override
        public EventDeclaration batchSize(int batchSize) {
            try {
                if (trigger instanceof Trigger.Queue q) {
                    trigger = new Trigger.Queue(q.queue(), batchSize);
                } else if (trigger instanceof Trigger.Stream s) {
                    trigger = new Trigger.Stream(s.stream(), batchSize);
                } else if (trigger instanceof Trigger.Change c) {
                    trigger = new Trigger.Change(c.source(), batchSize);
                } else {
                    throw new DeclarationException(name, "batchSize applies to queue, stream and change triggers,"
                            + " not " + trigger.getClass().getSimpleName().toLowerCase());
                }
            } catch (IllegalArgumentException e) {
                throw new DeclarationException(name, e.getMessage(), e);
            }
            return this;
        }

        private void validate() {
            if (trigger == null) {
                throw new DeclarationException(name, "the trigger is null");
            }
            if (trigger instanceof Trigger.Http || trigger instanceof Trigger.Invoke) {
                throw new DeclarationException(name, "an event function needs an event trigger (queue, topic,"
                        + " storage, schedule, stream or change), not " + trigger.getClass().getSimpleName());
            }
            if (trigger instanceof Trigger.Schedule s) {
                try {
                    Cron.parse(s.cron());
                } catch (IllegalArgumentException e) {
                    throw new DeclarationException(name, e.getMessage(), e);
                }
            }
            Class<?> record = EventData.recordType(trigger);
            boolean payloadTrigger = EventData.hasPayload(trigger);
            if (dataType != record
                    && !(payloadTrigger && !EventData.isRecordType(dataType) && !dataType.isPrimitive())) {
                throw new DeclarationException(name, "a " + trigger.getClass().getSimpleName().toLowerCase()
                        + " trigger delivers " + record.getSimpleName() + ", so the data type must be "
                        + record.getSimpleName() + (payloadTrigger
                        ? ", Body, String, byte[] or a JSON-mapped class" : "") + ", not " + dataType.getName());
            }
        }


        @Override
        FunctionDefinition finish() {
            return new FunctionDefinition(name, kind, trigger, dataType, options(), function);
        }
    }
}
