package dev.fnkit.selfhosted.edge;

/** Reaches the edge package's internals from other packages' tests. */
public final class EdgeTestAccess {
    private EdgeTestAccess() {
    }

    public static String sha256(String value) {
        return ApiKeys.sha256(value);
    }
}
