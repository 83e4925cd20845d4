package dev.fnkit.core;

import dev.fnkit.api.Body;
import dev.fnkit.api.Context;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Primer;
import dev.fnkit.api.Provider;

import java.time.Instant;
import java.util.UUID;

final class AppPrimer implements Primer {
    private final Application app;
    private final Provider provider;

    AppPrimer(Application app, Provider provider) {
        this.app = app;
        this.provider = provider;
    }

    @Override
    public HttpResponse http(String function, HttpRequest request) {
        FunctionDefinition definition = require(function, FunctionKind.HTTP);
        Router.Result route = app.router().route(request.method(), request.path());
        HttpRequest routed = route instanceof Router.Match m && m.function() == definition
                ? request.toBuilder().pathParameters(m.pathParameters()).build() : request;
        return Invoker.http(definition, routed, context(definition));
    }

    @Override
    public Body typed(String function, Object input) throws Exception {
        FunctionDefinition definition = require(function, FunctionKind.TYPED);
        return Invoker.typedJson(definition, Body.of(Json.encode(input)), context(definition));
    }

    @Override
    public void event(String function, Object data) throws Exception {
        FunctionDefinition definition = app.function(function)
                .filter(FunctionDefinition::consumesEvents)
                .orElseThrow(() -> new IllegalArgumentException("no event function named '" + function + "'"));
        Body body = data instanceof Body b ? b : data instanceof String s ? Body.of(s) : Body.of(Json.encode(data));
        String id = "prime-" + UUID.randomUUID();
        Invoker.event(definition, EventData.wrap(definition, body, id, Instant.now()), context(definition));
    }

    private FunctionDefinition require(String name, FunctionKind kind) {
        return app.function(name).filter(f -> f.kind() == kind).orElseThrow(() -> new IllegalArgumentException(
                "no " + kind.name().toLowerCase() + " function named '" + name + "'"));
    }

    private Context context(FunctionDefinition definition) {
        return InvocationContext.builder().requestId("prime-" + UUID.randomUUID())
                .functionName(definition.name())
                .deadline(Instant.now().plus(definition.options().timeout()))
                .provider(provider).coldStart(false).build();
    }

}
