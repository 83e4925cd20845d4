package dev.fnkit.local;

import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Errors;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.HttpDispatch;
import dev.fnkit.core.Problem;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Sends each request to the app that serves it (by route, then by function name for {@code POST /<name>}) through
 * that app's {@link HttpDispatch}, and serves the runner's own endpoints: {@code GET /_fnkit/functions} and
 * {@code POST /_fnkit/invoke/<name>}. Every response carries the request id in {@code X-Request-Id}.
 */
final class LocalDispatcher implements Function<HttpRequest, HttpResponse> {
    static final String FUNCTIONS_PATH = "/_fnkit/functions";
    static final String INVOKE_PATH = "/_fnkit/invoke/";

    private final ServedApps apps;
    private final PrintStream log;
    private volatile String baseUrl = "http://localhost";

    LocalDispatcher(ServedApps apps, PrintStream log) {
        this.apps = apps;
        this.log = log;
    }

    /** The URL the runner is reachable at, for listings. */
    void baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public HttpResponse apply(HttpRequest request) {
        String requestId = LocalContexts.requestId(request);
        if (request.header(LocalContexts.REQUEST_ID_HEADER).filter(requestId::equals).isEmpty()) {
            request = request.toBuilder().headers(request.headers().toBuilder()
                    .set(LocalContexts.REQUEST_ID_HEADER, requestId).build()).build();
        }
        HttpResponse response;
        try {
            response = request.path().startsWith("/_fnkit/") ? runnerEndpoint(request) : serve(request);
        } catch (Exception e) {
            log.println("fnkit: " + request + " failed in the runner:");
            e.printStackTrace(log);
            response = Errors.internal(requestId).toResponse();
        }
        return response.toBuilder().setHeader(LocalContexts.REQUEST_ID_HEADER, requestId).build();
    }

    /** Invokes a function by name, whatever its kind, as {@link HttpDispatch#invoke} does. */
    HttpResponse invoke(String name, HttpRequest request) throws Exception {
        while (true) {
            AppVersion owner = null;
            FunctionDefinition function = null;
            for (AppVersion version : apps.versions()) {
                Optional<FunctionDefinition> found = version.application().function(name);
                if (found.isPresent()) {
                    owner = version;
                    function = found.get();
                    break;
                }
            }
            if (owner == null) {
                List<String> names = new ArrayList<>();
                apps.functions().forEach(f -> names.add(f.name()));
                return new Problem(404, "function-not-found", "No function named '" + name + "'; the runner serves "
                        + names, null).toResponse();
            }
            if (owner.acquire()) {
                FunctionDefinition target = function;
                AppVersion version = owner;
                try {
                    return owner.call(() -> version.dispatch().invoke(target, request));
                } finally {
                    owner.release();
                }
            }
        }
    }

    private HttpResponse serve(HttpRequest request) throws Exception {
        while (true) {
            Served served = resolve(request);
            if (served.response() != null) {
                return served.response();
            }
            AppVersion owner = served.owner();
            if (owner.acquire()) {
                try {
                    return owner.call(() -> owner.dispatch().serve(request, served.target()));
                } finally {
                    owner.release();
                }
            }
        }
    }

    /** Either the app version and target that serve a request, or the response when none does. */
    private record Served(AppVersion owner, HttpDispatch.Target target, HttpResponse response) {
    }

    /**
     * Resolves a request across every app: a matching route wins, then a non-HTTP function of that name; otherwise
     * one 405 listing the methods every app allows at that path, or a 404.
     */
    private Served resolve(HttpRequest request) {
        Served named = null;
        Set<String> allowed = new LinkedHashSet<>();
        for (AppVersion version : apps.versions()) {
            HttpDispatch.Target target;
            try {
                target = version.dispatch().resolve(request);
            } catch (FunctionException e) {
                return new Served(null, null, new Problem(e.status(), e.code(), e.getMessage(), null).toResponse());
            }
            if (target instanceof HttpDispatch.RouteTarget) {
                return new Served(version, target, null);
            }
            if (target instanceof HttpDispatch.NamedTarget && named == null) {
                named = new Served(version, target, null);
            } else if (target instanceof HttpDispatch.NoTarget none) {
                allowed.addAll(none.allowedMethods());
            }
        }
        if (named != null) {
            return named;
        }
        return new Served(null, null, allowed.isEmpty() ? Problem.notFound(request.method(), request.path())
                : Problem.methodNotAllowed(request.method(), request.path(), allowed));
    }

    private HttpResponse runnerEndpoint(HttpRequest request) throws Exception {
        String path = request.path();
        if (path.equals(FUNCTIONS_PATH)) {
            if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
                return Problem.methodNotAllowed(request.method(), path, List.of("GET", "HEAD"));
            }
            return HttpResponse.json(FunctionListing.of(apps, baseUrl));
        }
        if (path.startsWith(INVOKE_PATH) && path.length() > INVOKE_PATH.length()
                && path.indexOf('/', INVOKE_PATH.length()) < 0) {
            if (!request.method().equals("POST")) {
                return Problem.methodNotAllowed(request.method(), path, List.of("POST"));
            }
            return invoke(path.substring(INVOKE_PATH.length()), request);
        }
        return new Problem(404, "not-found", "The runner has no endpoint " + request.method() + " " + path
                + "; it has GET " + FUNCTIONS_PATH + " and POST " + INVOKE_PATH + "<name>", null).toResponse();
    }
}
