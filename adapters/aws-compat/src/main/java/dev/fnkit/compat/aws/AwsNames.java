package dev.fnkit.compat.aws;

/**
 * The region, account and ARNs the synthesised events carry. The region is {@code AWS_REGION} when set (as on
 * Lambda), else {@code us-east-1}; the account is {@code FNKIT_AWS_ACCOUNT} when set, else {@code 000000000000}. A
 * declared source that already is an ARN is used as it is.
 */
final class AwsNames {
    static final String REGION = envOr("AWS_REGION", "us-east-1");
    static final String ACCOUNT = envOr("FNKIT_AWS_ACCOUNT", "000000000000");

    private AwsNames() {
    }

    /** {@code arn:aws:<service>:<region>:<account>:<resource>}, or {@code name} when it is an ARN already. */
    static String arn(String service, String name, String resourcePrefix) {
        return name.startsWith("arn:") ? name
                : "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT + ":" + resourcePrefix + name;
    }

    /** The event's CloudEvents source when it is an ARN of this service (the event came from AWS), else null. */
    static String sourceArn(dev.fnkit.api.Event<?> event, String service) {
        return event.source().startsWith("arn:aws:" + service + ":") ? event.source() : null;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
