package dev.fnkit.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.QueryParameters;
import dev.fnkit.core.RouteTemplate;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Query strings and route templates. {@link QueryParameters#parse} and {@link RouteTemplate#match} may only fail
 * with a 400; {@link RouteTemplate#parse} rejects a bad template with {@link IllegalArgumentException}, its contract.
 * The route input is the template, a newline, then the path.
 */
class QueryAndRouteFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void queryParameters(byte[] input) {
        String raw = new String(input, StandardCharsets.UTF_8);
        try {
            QueryParameters query = QueryParameters.parse(raw);
            assertThat(QueryParameters.parse(query.encode())).isEqualTo(query);
        } catch (FunctionException e) {
            FuzzChecks.clientError(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void routeTemplate(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String template = newline < 0 ? text : text.substring(0, newline);
        String path = newline < 0 ? "/" : text.substring(newline + 1);
        RouteTemplate route;
        try {
            route = RouteTemplate.parse(template);
        } catch (IllegalArgumentException e) {
            return;
        }
        try {
            Map<String, String> values = route.match(path);
            if (values != null) {
                assertThat(values.keySet()).containsExactlyInAnyOrderElementsOf(route.variables());
            }
        } catch (FunctionException e) {
            FuzzChecks.clientError(e);
        }
    }
}
