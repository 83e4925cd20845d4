package dev.fnkit.aws;

/** The HTTP event shapes Lambda receives, each with its own request fields and response format. */
enum GatewayShape {
    /** API Gateway REST API (and HTTP API with payload format 1.0): {@code httpMethod}, {@code path}, maps. */
    REST_V1("API Gateway REST (payload 1.0)"),
    /** API Gateway HTTP API, payload format 2.0: {@code rawPath}, {@code rawQueryString}, {@code cookies}. */
    HTTP_API_V2("API Gateway HTTP API (payload 2.0)"),
    /** A Lambda function URL: the payload 2.0 format, served from a {@code lambda-url} domain. */
    FUNCTION_URL("Lambda function URL"),
    /** An Application Load Balancer target group without multi-value headers. */
    ALB_SINGLE("Application Load Balancer"),
    /** An Application Load Balancer target group with {@code multi_value_headers} enabled. */
    ALB_MULTI("Application Load Balancer (multi-value headers)");

    private final String description;

    GatewayShape(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}
