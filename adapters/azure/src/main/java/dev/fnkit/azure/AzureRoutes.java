package dev.fnkit.azure;

import dev.fnkit.api.Route;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.FunctionKind;
import dev.fnkit.core.RouteTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Azure HTTP functions of a portable function. An HTTP trigger has one route and a list of methods, so the
 * portable routes are grouped by template: each template is one Azure function (named by {@link AzureNames}) whose
 * methods are the template's methods in lower case, {@code head} added after {@code get} (portable GET routes serve
 * HEAD), or no methods at all (every method) when a route takes any method. A typed function is {@code POST /<name>}.
 * Templates translate directly: {@code {name}} stays, the catch-all {@code {+path}} becomes {@code {*path}}; the
 * leading {@code /} is dropped, as Azure routes are relative to the host's route prefix.
 */
final class AzureRoutes {
    private AzureRoutes() {
    }

    /**
     * One Azure HTTP function.
     *
     * @param name     the Azure function name
     * @param route    the Azure route template
     * @param template the portable route template
     * @param methods  lower-case methods; empty for every method
     */
    record HttpFunction(String name, String route, String template, List<String> methods) {
    }

    static List<HttpFunction> of(FunctionDefinition function) {
        if (function.kind() == FunctionKind.TYPED) {
            String template = "/" + function.name();
            return List.of(new HttpFunction(function.name(), azureRoute(template), template, List.of("post")));
        }
        Map<String, Set<String>> methodsByTemplate = new LinkedHashMap<>();
        Map<String, Boolean> anyMethod = new LinkedHashMap<>();
        for (Route route : function.routes()) {
            String template = RouteTemplate.parse(route.template()).template();
            Set<String> methods = methodsByTemplate.computeIfAbsent(template, t -> new LinkedHashSet<>());
            if (route.anyMethod()) {
                anyMethod.put(template, true);
            } else {
                String method = route.method().toLowerCase(Locale.ROOT);
                methods.add(method);
                if ("get".equals(method)) {
                    methods.add("head");
                }
            }
        }
        List<HttpFunction> functions = new ArrayList<>(methodsByTemplate.size());
        for (Map.Entry<String, Set<String>> entry : methodsByTemplate.entrySet()) {
            String template = entry.getKey();
            List<String> methods = anyMethod.getOrDefault(template, false) ? List.of() : List.copyOf(entry.getValue());
            functions.add(new HttpFunction(AzureNames.forRoute(function.name(), functions.size()),
                    azureRoute(template), template, methods));
        }
        return functions;
    }

    /**
     * The Azure route of a portable template.
     *
     * @throws IllegalArgumentException for the root template {@code /}, which an Azure HTTP trigger cannot have
     */
    static String azureRoute(String template) {
        List<String> parts = new ArrayList<>();
        for (RouteTemplate.Segment segment : RouteTemplate.parse(template).segments()) {
            if (segment instanceof RouteTemplate.Literal literal) {
                parts.add(literal.text());
            } else if (segment instanceof RouteTemplate.Variable variable) {
                parts.add("{" + variable.name() + "}");
            } else if (segment instanceof RouteTemplate.CatchAll catchAll) {
                parts.add("{*" + catchAll.name() + "}");
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("The route '/' cannot be served by an Azure HTTP trigger: an empty"
                    + " route means the function's name");
        }
        return String.join("/", parts);
    }
}
