package dev.fnkit.core;

import dev.fnkit.api.Route;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the HTTP function for a method and path among every declared route. The most specific template wins; a path
 * that matches only under other methods is a 405 with the allowed methods; {@code HEAD} is served by {@code GET}
 * routes.
 */
public final class Router {
    /** The outcome of routing one request. */
    public sealed interface Result {
    }

    /** A function serves this request; {@code pathParameters} are decoded. */
    public record Match(FunctionDefinition function, Route route, Map<String, String> pathParameters)
            implements Result {
    }

    /** No route has this path. */
    public record NotFound() implements Result {
    }

    /** Routes have this path, but not for this method; {@code allowed} is in declaration order. */
    public record MethodNotAllowed(Set<String> allowed) implements Result {
    }

    private record Entry(FunctionDefinition function, Route route, RouteTemplate template) {
    }

    private static final NotFound NOT_FOUND = new NotFound();

    private final List<Entry> entries;

    private Router(List<Entry> entries) {
        this.entries = entries;
    }

    /**
     * Builds a router over the HTTP functions among these definitions.
     *
     * @throws DeclarationException when two functions declare the same method and template
     */
    public static Router of(List<FunctionDefinition> functions) {
        List<Entry> entries = new ArrayList<>();
        for (FunctionDefinition function : functions) {
            for (Route route : function.routes()) {
                RouteTemplate template = RouteTemplate.parse(route.template());
                for (Entry existing : entries) {
                    boolean sameMethod = existing.route.method().equals(route.method()) || existing.route.anyMethod()
                            || route.anyMethod();
                    if (sameMethod && existing.template.equals(template)) {
                        throw new DeclarationException(function.name(), "route " + route.method() + " "
                                + route.template() + " clashes with function '" + existing.function.name() + "' ("
                                + existing.route.method() + " " + existing.route.template() + ")");
                    }
                }
                entries.add(new Entry(function, route, template));
            }
        }
        entries.sort(new Order());
        return new Router(List.copyOf(entries));
    }

    /** Routes a request. */
    public Result route(String method, String rawPath) {
        Set<String> allowed = null;
        for (Entry entry : entries) {
            Map<String, String> params = entry.template.match(rawPath);
            if (params == null) {
                continue;
            }
            if (accepts(entry.route, method)) {
                return new Match(entry.function, entry.route, params);
            }
            if (allowed == null) {
                allowed = new LinkedHashSet<>();
            }
            allowed.add(entry.route.method());
            if ("GET".equals(entry.route.method())) {
                allowed.add("HEAD");
            }
        }
        return allowed == null ? NOT_FOUND : new MethodNotAllowed(Collections.unmodifiableSet(allowed));
    }

    /** True when no function has a route. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    private static boolean accepts(Route route, String method) {
        return route.anyMethod() || route.method().equals(method)
                || "HEAD".equals(method) && "GET".equals(route.method());
    }

    /** Most specific template first; for the same template, a method-specific route before an any-method one. */
    private static final class Order implements Comparator<Entry> {
        @Override
        public int compare(Entry a, Entry b) {
            int byTemplate = a.template().compareTo(b.template());
            return byTemplate != 0 ? byTemplate
                    : Boolean.compare(a.route.anyMethod(), b.route.anyMethod());
        }
    }
}
