package dev.fnkit.compat.aws;

import dev.fnkit.api.FunctionOptions;
import dev.fnkit.api.Route;
import dev.fnkit.core.RouteTemplate;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a compat declaration was given after the factory returned: the memory (for the Lambda context's
 * {@code getMemoryLimitInMB}) and, for HTTP functions, the routes (for {@code routeKey} and {@code resource}).
 */
final class Declared {
    private volatile int memoryMb = FunctionOptions.DEFAULTS.memoryMb();
    private final List<DeclaredRoute> routes = new CopyOnWriteArrayList<>();

    /** A declared route with its parsed template. */
    record DeclaredRoute(Route route, RouteTemplate template) {
    }

    int memoryMb() {
        return memoryMb;
    }

    void memoryMb(int memoryMb) {
        this.memoryMb = memoryMb;
    }

    void route(String method, String template) {
        Route route = new Route(method, template);
        routes.add(new DeclaredRoute(route, RouteTemplate.parse(route.template())));
    }

    List<DeclaredRoute> routes() {
        return routes;
    }
}
