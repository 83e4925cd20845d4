package dev.fnkit.gcp;

/** POSIX shell quoting for the generated scripts. */
final class Shell {
    private static final String SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_@%+=:,./-";

    private Shell() {
    }

    /** The word as the shell reads it back unchanged: bare when it is safe, else in single quotes. */
    static String quote(String word) {
        if (!word.isEmpty() && word.chars().allMatch(c -> SAFE.indexOf(c) >= 0)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
