package dev.fnkit.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.core.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static dev.fnkit.aws.LambdaTesting.awsEvent;
import static dev.fnkit.aws.LambdaTesting.event;
import static dev.fnkit.aws.LambdaTesting.eventTree;
import static dev.fnkit.aws.LambdaTesting.invokeJson;
import static org.assertj.core.api.Assertions.assertThat;

class HttpEventsTest {
    private static final String BINARY_BASE64 = "AAH+/wo=";

    private static JsonNode echoBody(JsonNode response) {
        JsonNode body = response.get("body");
        assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
        return Json.tree(body.asText().getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void restV1PrefersMultiValueMapsStripsNothingFromPathAndKeepsBinaryBodies() throws Exception {
        APIGatewayProxyRequestEvent aws = awsEvent("apigw-rest-v1.json", APIGatewayProxyRequestEvent.class);
        JsonNode response = invokeJson("echo", event("apigw-rest-v1.json"));
        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        assertThat(response.has("headers")).isFalse();
        assertThat(values(response.get("multiValueHeaders").get("set-cookie")))
                .containsExactly("s=1; Path=/; HttpOnly", "t=2");
        assertThat(values(response.get("multiValueHeaders").get("x-reply"))).containsExactly("a", "b");
        JsonNode echo = echoBody(response);
        assertThat(echo.get("method").asText()).isEqualTo(aws.getHttpMethod());
        assertThat(echo.get("path").asText()).isEqualTo(aws.getPath()).isEqualTo("/echo/a/b%20c");
        assertThat(echo.get("pathParameters").get("path").asText()).isEqualTo(aws.getPathParameters().get("path"));
        assertThat(values(echo.get("query").get("x"))).isEqualTo(aws.getMultiValueQueryStringParameters().get("x"))
                .containsExactly("1", "2");
        assertThat(values(echo.get("query").get("q"))).containsExactly("été x");
        assertThat(values(echo.get("query").get("y"))).containsExactly("");
        assertThat(values(echo.get("headers").get("x-multi"))).isEqualTo(aws.getMultiValueHeaders().get("X-Multi"))
                .containsExactly("one", "two");
        assertThat(echo.get("cookies").get("b").asText()).isEqualTo("2");
        assertThat(echo.get("bodyBase64").asText()).isEqualTo(aws.getBody()).isEqualTo(BINARY_BASE64);
        assertThat(echo.get("sourceIp").asText()).isEqualTo(aws.getRequestContext().getIdentity().getSourceIp());
        assertThat(echo.get("provider").asText()).isEqualTo("AWS_LAMBDA");
    }

    @Test
    void restV1RoutesTheApiRelativePathBehindACustomDomainBasePath() throws Exception {
        ObjectNode event = (ObjectNode) eventTree("apigw-rest-v1.json");
        event.put("path", "/shop/v1/echo/a/b%20c");
        JsonNode echo = echoBody(invokeJson("echo", Json.encode(event)));
        assertThat(echo.get("path").asText()).isEqualTo("/echo/a/b%20c");
        assertThat(echo.get("pathParameters").get("path").asText()).isEqualTo("a/b c");
    }

    @Test
    void restV1FallsBackToSingleValueMaps() throws Exception {
        ObjectNode event = (ObjectNode) eventTree("apigw-rest-v1.json");
        event.remove("multiValueHeaders");
        event.putNull("multiValueQueryStringParameters");
        JsonNode echo = echoBody(invokeJson("echo", Json.encode(event)));
        assertThat(values(echo.get("headers").get("x-multi"))).containsExactly("two");
        assertThat(values(echo.get("query").get("x"))).containsExactly("2");
    }

    @Test
    void httpApiV2ParsesRawQuerySplitsOnlyListHeadersAndTakesCookiesFromTheArray() throws Exception {
        APIGatewayV2HTTPEvent aws = awsEvent("apigw-http-v2.json", APIGatewayV2HTTPEvent.class);
        JsonNode response = invokeJson("echo", event("apigw-http-v2.json"));
        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        assertThat(values(response.get("cookies"))).containsExactly("s=1; Path=/; HttpOnly", "t=2");
        assertThat(response.get("headers").has("set-cookie")).isFalse();
        assertThat(response.get("headers").get("x-reply").asText()).isEqualTo("a, b");
        assertThat(response.get("headers").get("content-type").asText()).isEqualTo("application/json");
        JsonNode echo = echoBody(response);
        assertThat(echo.get("method").asText()).isEqualTo(aws.getRequestContext().getHttp().getMethod());
        assertThat(echo.get("path").asText()).isEqualTo("/echo/a/b%20c");
        assertThat(echo.get("pathParameters").get("path").asText()).isEqualTo(aws.getPathParameters().get("path"));
        assertThat(values(echo.get("query").get("x"))).containsExactly("1", "2");
        assertThat(values(echo.get("query").get("y"))).containsExactly("");
        assertThat(values(echo.get("query").get("q"))).containsExactly("été x");
        assertThat(values(echo.get("headers").get("accept"))).containsExactly("text/html", "application/json;q=0.9");
        assertThat(values(echo.get("headers").get("if-none-match"))).containsExactly("\"a,b\"", "\"c\"");
        assertThat(values(echo.get("headers").get("x-forwarded-for"))).containsExactly("198.51.100.1", "203.0.113.9");
        assertThat(values(echo.get("headers").get("x-multi"))).containsExactly(aws.getHeaders().get("x-multi"))
                .containsExactly("one,two");
        assertThat(values(echo.get("headers").get("if-modified-since")))
                .containsExactly("Tue, 12 Mar 2024 19:03:58 GMT");
        assertThat(values(echo.get("headers").get("cookie"))).containsExactly(String.join("; ", aws.getCookies()));
        assertThat(echo.get("cookies").toString()).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
        assertThat(echo.get("bodyBase64").asText()).isEqualTo(aws.getBody());
        assertThat(echo.get("sourceIp").asText()).isEqualTo(aws.getRequestContext().getHttp().getSourceIp());
    }

    @Test
    void httpApiV2StripsANamedStageFromTheRawPath() throws Exception {
        ObjectNode event = (ObjectNode) eventTree("apigw-http-v2.json");
        event.put("rawPath", "/prod/echo/x");
        ((ObjectNode) event.get("requestContext")).put("stage", "prod");
        event.put("routeKey", "$default");
        JsonNode echo = echoBody(invokeJson("echo", Json.encode(event)));
        assertThat(echo.get("path").asText()).isEqualTo("/echo/x");
        assertThat(echo.get("pathParameters").get("path").asText()).isEqualTo("x");
    }

    @Test
    void functionUrlKeepsTheEncodedPath() throws Exception {
        APIGatewayV2HTTPEvent aws = awsEvent("function-url.json", APIGatewayV2HTTPEvent.class);
        JsonNode response = invokeJson("echo", event("function-url.json"));
        assertThat(values(response.get("cookies"))).hasSize(2);
        JsonNode echo = echoBody(response);
        assertThat(echo.get("path").asText()).isEqualTo(aws.getRawPath());
        assertThat(echo.get("pathParameters").get("path").asText()).isEqualTo("a/b c");
        assertThat(values(echo.get("query").get("x"))).containsExactly("1", "2");
        assertThat(echo.get("bodyBase64").asText()).isEqualTo(BINARY_BASE64);
    }

    @Test
    void albSingleValueModeDecodesTheQueryAndAnswersWithHeadersAndStatusDescription() throws Exception {
        ApplicationLoadBalancerRequestEvent aws = awsEvent("alb-single.json",
                ApplicationLoadBalancerRequestEvent.class);
        JsonNode response = invokeJson("echo", event("alb-single.json"));
        assertThat(response.get("statusDescription").asText()).isEqualTo("200 OK");
        assertThat(response.has("multiValueHeaders")).isFalse();
        assertThat(response.get("headers").get("vary").asText()).isEqualTo("accept, cookie");
        assertThat(response.get("headers").get("set-cookie").asText()).isEqualTo("t=2");
        JsonNode echo = echoBody(response);
        assertThat(echo.get("path").asText()).isEqualTo(aws.getPath());
        assertThat(values(echo.get("query").get("q"))).containsExactly("été x");
        assertThat(aws.getQueryStringParameters().get("q")).isEqualTo("%C3%A9t%C3%A9+x");
        assertThat(values(echo.get("query").get("x"))).containsExactly("2");
        assertThat(values(echo.get("headers").get("x-multi"))).containsExactly("two");
        assertThat(echo.get("cookies").get("a").asText()).isEqualTo("1");
        assertThat(echo.get("sourceIp").asText()).isEqualTo("203.0.113.9");
        assertThat(echo.get("bodyBase64").asText()).isEqualTo(aws.getBody());
    }

    @Test
    void albMultiValueModeAnswersWithMultiValueHeaders() throws Exception {
        ApplicationLoadBalancerRequestEvent aws = awsEvent("alb-multi.json", ApplicationLoadBalancerRequestEvent.class);
        JsonNode response = invokeJson("echo", event("alb-multi.json"));
        assertThat(response.get("statusDescription").asText()).isEqualTo("200 OK");
        assertThat(response.has("headers")).isFalse();
        assertThat(values(response.get("multiValueHeaders").get("set-cookie")))
                .containsExactly("s=1; Path=/; HttpOnly", "t=2");
        JsonNode echo = echoBody(response);
        assertThat(values(echo.get("query").get("x"))).isEqualTo(aws.getMultiValueQueryStringParameters().get("x"));
        assertThat(values(echo.get("query").get("q"))).containsExactly("été x");
        assertThat(values(echo.get("headers").get("x-multi"))).isEqualTo(aws.getMultiValueHeaders().get("x-multi"));
    }

    @Test
    void binaryAndNonTextualBodiesGoAsBase64AndTextAsText() throws Exception {
        JsonNode png = invokeJson("files", get("/files/logo.png"));
        assertThat(png.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(png.get("body").asText()))
                .containsExactly((byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff);
        JsonNode text = invokeJson("files", get("/files/note.txt"));
        assertThat(text.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(text.get("body").asText()).isEqualTo("héllo\n\"quoted\"");
        JsonNode raw = invokeJson("files", get("/files/raw"));
        assertThat(raw.get("isBase64Encoded").asBoolean()).isTrue();
        JsonNode empty = invokeJson("files", get("/files/other"));
        assertThat(empty.get("statusCode").asInt()).isEqualTo(204);
        assertThat(empty.get("body").asText()).isEmpty();
        assertThat(empty.get("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void functionErrorsBecomeProblemResponsesNotInvocationErrors() throws Exception {
        JsonNode boom = invokeJson("files", get("/files/boom"));
        assertThat(boom.get("statusCode").asInt()).isEqualTo(500);
        assertThat(boom.get("headers").get("content-type").asText()).isEqualTo("application/problem+json");
        assertThat(boom.get("body").asText()).doesNotContain("secret detail").contains("internal-error");
        JsonNode teapot = invokeJson("files", get("/files/teapot"));
        assertThat(teapot.get("statusCode").asInt()).isEqualTo(418);
        assertThat(teapot.get("body").asText()).contains("\"code\":\"teapot\"");
    }

    @Test
    void unroutedPathsAndMethodsAre404And405() throws Exception {
        JsonNode missing = invokeJson("files", get("/other"));
        assertThat(missing.get("statusCode").asInt()).isEqualTo(404);
        ObjectNode post = (ObjectNode) Json.tree(get("/files/x"));
        ((ObjectNode) post.get("requestContext").get("http")).put("method", "POST");
        JsonNode notAllowed = invokeJson("files", Json.encode(post));
        assertThat(notAllowed.get("statusCode").asInt()).isEqualTo(405);
        assertThat(notAllowed.get("headers").get("allow").asText()).contains("GET").contains("DELETE");
    }

    @Test
    void malformedHttpEventsAreProblemResponses() throws Exception {
        JsonNode sqs = invokeJson("echo", event("sqs.json"));
        assertThat(sqs.get("statusCode").asInt()).isEqualTo(400);
        assertThat(sqs.get("body").asText()).contains("malformed-event").contains("requestContext.http")
                .contains("requestContext.elb").contains("httpMethod");
        JsonNode notJson = invokeJson("echo", "not json".getBytes(StandardCharsets.UTF_8));
        assertThat(notJson.get("statusCode").asInt()).isEqualTo(400);
        ObjectNode noPath = (ObjectNode) eventTree("apigw-http-v2.json");
        noPath.remove("rawPath");
        JsonNode missing = invokeJson("echo", Json.encode(noPath));
        assertThat(missing.get("statusCode").asInt()).isEqualTo(400);
        assertThat(missing.get("body").asText()).contains("HTTP API (payload 2.0)").contains("'rawPath'");
        ObjectNode badBase64 = (ObjectNode) eventTree("apigw-rest-v1.json");
        badBase64.put("body", "%%%");
        JsonNode bad = invokeJson("echo", Json.encode(badBase64));
        assertThat(bad.get("statusCode").asInt()).isEqualTo(400);
        assertThat(bad.has("multiValueHeaders")).isTrue();
        assertThat(bad.get("body").asText()).contains("isBase64Encoded");
    }

    @Test
    void traceFromTheLambdaContextReachesTheFunction() throws Exception {
        String previous = System.setProperty(XRayTrace.PROPERTY,
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        try {
            JsonNode echo = echoBody(invokeJson("echo", event("apigw-http-v2.json")));
            assertThat(echo.get("trace").asText())
                    .isEqualTo("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01");
        } finally {
            if (previous == null) {
                System.clearProperty(XRayTrace.PROPERTY);
            } else {
                System.setProperty(XRayTrace.PROPERTY, previous);
            }
        }
    }

    /** A payload 2.0 GET of a path. */
    static byte[] get(String path) {
        ObjectNode event = (ObjectNode) eventTree("apigw-http-v2.json");
        event.put("routeKey", "$default");
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        event.remove("body");
        event.put("isBase64Encoded", false);
        ((ObjectNode) event.get("requestContext").get("http")).put("method", "GET");
        return Json.encode(event);
    }
}
