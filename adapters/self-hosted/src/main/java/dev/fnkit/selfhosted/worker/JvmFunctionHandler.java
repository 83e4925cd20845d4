package dev.fnkit.selfhosted.worker;

import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Application;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.FunctionKind;
import dev.fnkit.core.HttpDispatch;
import dev.fnkit.core.Router;

import java.util.function.Function;

/**
 * Serves one function of a loaded application: an HTTP function gets its path parameters when the path matches one
 * of its routes and the request as is otherwise; typed, event and batch functions are invoked as
 * {@link HttpDispatch#invoke} describes. Runs with the application's class loader as the context class loader.
 */
final class JvmFunctionHandler implements Function<HttpRequest, HttpResponse> {
    private final Application application;
    private final FunctionDefinition function;
    private final ClassLoader loader;
    private final WorkerContexts contexts;

    JvmFunctionHandler(Application application, FunctionDefinition function, ClassLoader loader,
                       WorkerContexts contexts) {
        this.application = application;
        this.function = function;
        this.loader = loader;
        this.contexts = contexts;
    }

    @Override
    public HttpResponse apply(HttpRequest forwarded) {
        ForwardedRequest in = ForwardedRequest.of(forwarded, function.options().timeout());
        if (in.probe()) {
            return HttpResponse.noContent();
        }
        HttpRequest request = in.request();
        HttpDispatch dispatch = new HttpDispatch(application,
                (fn, req) -> contexts.create(fn, req, in.requestId(), in.deadline()));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            HttpResponse response = serve(dispatch, request);
            return response.header(InstanceProtocol.REQUEST_ID).isPresent() ? response
                    : response.toBuilder().setHeader(InstanceProtocol.REQUEST_ID, in.requestId()).build();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private HttpResponse serve(HttpDispatch dispatch, HttpRequest request) {
        if (function.kind() == FunctionKind.HTTP
                && application.router().route(request.method(), request.path()) instanceof Router.Match match
                && match.function().name().equals(function.name())) {
            return dispatch.serve(request, new HttpDispatch.RouteTarget(match));
        }
        return dispatch.invoke(function, request);
    }
}
