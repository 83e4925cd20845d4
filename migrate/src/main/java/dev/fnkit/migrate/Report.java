package dev.fnkit.migrate;

import java.util.List;

/**
 * What {@code fnkit migrate} found: the handlers, a {@code FunctionApp} to start from, and the files it could not
 * read.
 *
 * @param inputs       the folders and jars read
 * @param classes      how many classes were read
 * @param handlers     the provider-specific handlers
 * @param suggestedApp Java source of a {@code FunctionApp} declaring every handler
 * @param warnings     class files that could not be read, and why
 */
record Report(List<String> inputs, int classes, List<Handler> handlers, String suggestedApp, List<String> warnings) {
    Report {
        inputs = List.copyOf(inputs);
        handlers = List.copyOf(handlers);
        warnings = List.copyOf(warnings);
    }
}
