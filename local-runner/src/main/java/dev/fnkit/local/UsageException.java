package dev.fnkit.local;

/** Wrong command-line arguments: the CLI prints the message and the usage, and exits with status 2. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
