package dev.fnkit.local;

/** An app that cannot be built, loaded or served beside the others; the message says which and why. */
final class AppLoadException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    AppLoadException(String message) {
        super(message);
    }

    AppLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
