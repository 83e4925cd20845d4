package dev.fnkit.selfhosted;

import dev.fnkit.api.FunctionOptions;
import dev.fnkit.api.Route;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.FunctionKind;
import dev.fnkit.core.FunctionsManifest;

import java.util.List;
import java.util.Objects;

/**
 * One function of a bundle, as its manifest declares it: what the gateway needs without loading the application.
 * An executable function is served like an HTTP function without routes (any method at {@code /function/{name}}).
 *
 * @param name       the function's name
 * @param kind       HTTP, typed, event or batch; HTTP for executables
 * @param executable true for an executable run per request, false for a JVM function of the bundle's jar
 * @param trigger    what runs it
 * @param dataType   the input or event data class name; null when there is none
 * @param options    timeout, memory, scaling, environment
 * @param command    the executable and its arguments; empty for JVM functions
 * @param httpMode   true for an executable that is a long-running HTTP server on the port in env {@code PORT}
 * @param healthPath the path such an executable answers 2xx on once it serves, or null to wait for it to accept
 *                   connections
 */
record FunctionSpec(String name, FunctionKind kind, boolean executable, Trigger trigger, String dataType,
                    FunctionOptions options, List<String> command, boolean httpMode, String healthPath) {
    private static final Object NO_FUNCTION = new Object();

    FunctionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(options, "options");
        command = List.copyOf(command);
    }

    /** A JVM function, or an executable run per request. */
    FunctionSpec(String name, FunctionKind kind, boolean executable, Trigger trigger, String dataType,
                 FunctionOptions options, List<String> command) {
        this(name, kind, executable, trigger, dataType, options, command, false, null);
    }

    /** The function a manifest entry declares; the entry must be a checked one. */
    static FunctionSpec of(FunctionsManifest.Function function) {
        return new FunctionSpec(function.name(), function.functionKind(), function.executable(),
                function.trigger().toTrigger(), function.dataType(), function.options().toFunctionOptions(),
                function.commandLine(), function.httpMode(), function.healthPath());
    }

    /** The manifest entry of this function. */
    FunctionsManifest.Function toManifest() {
        if (!executable) {
            return FunctionsManifest.Function.of(name, kind, trigger, dataType, options);
        }
        FunctionsManifest.Function function = FunctionsManifest.Function.executable(name, command,
                (Trigger.Http) trigger, options);
        return httpMode ? function.httpServer(healthPath) : function;
    }

    /** The kind as the manifest and the admin API spell it. */
    String kindName() {
        return executable ? FunctionsManifest.Function.EXECUTABLE : kind.name();
    }

    List<Route> routes() {
        return trigger instanceof Trigger.Http http ? http.routes() : List.of();
    }

    /** A definition for core's {@link dev.fnkit.core.Router}, with no function object behind it. */
    FunctionDefinition routing() {
        return new FunctionDefinition(name, kind, trigger, null, options, NO_FUNCTION);
    }

    /** The hard limit of requests one instance serves at once: the declared concurrency, else 100. */
    int concurrencyLimit() {
        return options.concurrency() > 0 ? options.concurrency() : 100;
    }
}
