package dev.fnkit.selfhosted;

/** A deployment the gateway refuses, with the HTTP status and a message naming the problem. */
final class BundleException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    BundleException(String message) {
        this(400, message);
    }

    BundleException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
