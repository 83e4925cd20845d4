package dev.fnkit.core;

/** A function declaration that cannot work; the message names the function and the problem. */
public final class DeclarationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DeclarationException(String function, String problem) {
        super(function == null ? problem : "Function '" + function + "': " + problem);
    }

    DeclarationException(String function, String problem, Throwable cause) {
        super(function == null ? problem : "Function '" + function + "': " + problem, cause);
    }
}
