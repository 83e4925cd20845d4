package dev.fnkit.api;

/** Where a function is running. */
public enum Provider {
    AWS_LAMBDA,
    AZURE_FUNCTIONS,
    GOOGLE_CLOUD_FUNCTIONS,
    SELF_HOSTED,
    /** The local runner or a test. */
    LOCAL
}
