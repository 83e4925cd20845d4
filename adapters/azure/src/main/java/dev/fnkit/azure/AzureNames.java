package dev.fnkit.azure;

/**
 * Azure function names of portable functions. An Azure HTTP trigger has one route, so an HTTP function with several
 * route templates becomes several Azure functions: the first keeps the portable name, the others are
 * {@code <name>_2}, {@code <name>_3}, ... Portable names never contain {@code _}, so the portable name is whatever
 * precedes the first one.
 */
final class AzureNames {
    static final char SEPARATOR = '_';

    private AzureNames() {
    }

    /** The Azure function serving a portable function's route template number {@code index} (from 0). */
    static String forRoute(String function, int index) {
        return index == 0 ? function : function + SEPARATOR + (index + 1);
    }

    /** The portable function an Azure function serves. */
    static String portable(String azureFunction) {
        int separator = azureFunction.indexOf(SEPARATOR);
        return separator < 0 ? azureFunction : azureFunction.substring(0, separator);
    }
}
