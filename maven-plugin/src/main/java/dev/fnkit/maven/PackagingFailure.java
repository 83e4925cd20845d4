package dev.fnkit.maven;

/** A problem the user can fix in the application or the build configuration; the message says what it is. */
final class PackagingFailure extends Exception {
    private static final long serialVersionUID = 1L;

    PackagingFailure(String message) {
        super(message);
    }

    PackagingFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
