package dev.fnkit.local.packaging;

/** A problem the user can fix in the application or the build configuration; the message says what it is. */
public final class PackagingFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what to do */
    public PackagingFailure(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and what to do
     * @param cause   the underlying problem
     */
    public PackagingFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
