package dev.fnkit.compat.aws;

import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.Route;
import dev.fnkit.core.RouteTemplate;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Optional;

/**
 * Which declared route served a request, written as API Gateway writes routes: {@code {name}} stays,
 * fnkit's catch-all {@code {+name}} becomes {@code {name+}}, any method is {@code ANY}.
 */
final class GatewayRoutes {
    private GatewayRoutes() {
    }

    /** The most specific declared route matching the request, if any. */
    static Optional<Route> matched(Declared declared, HttpRequest request) {
        return declared.routes().stream()
                .filter(r -> r.route().anyMethod() || r.route().method().equals(request.method()))
                .filter(r -> r.template().match(request.path()) != null)
                .min(Comparator.comparing(Declared.DeclaredRoute::template, RouteTemplate::compareTo))
                .map(Declared.DeclaredRoute::route);
    }

    /** The template in API Gateway's syntax. */
    static String resource(Route route) {
        return route.template().replaceAll("\\{\\+([^}]+)}", "{$1+}");
    }

    /** {@code GET /orders/{id}}, {@code ANY /{proxy+}}. */
    static String routeKey(Route route) {
        return (route.anyMethod() ? "ANY" : route.method()) + " " + resource(route);
    }

    /** The path decoded as API Gateway passes it to Lambda ({@code +} stays a plus). */
    static String decodedPath(String rawPath) {
        if (rawPath.indexOf('%') < 0) {
            return rawPath;
        }
        try {
            return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return rawPath;
        }
    }
}
