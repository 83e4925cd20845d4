package dev.fnkit.aws;

import dev.fnkit.api.Provider;
import org.crac.Core;
import org.crac.Resource;

/**
 * Lambda SnapStart support through the {@code org.crac} API (a no-op where the JVM has no CRaC): before the snapshot
 * the application's priming hook runs ({@link dev.fnkit.api.FunctionApp#prime}), so classes are loaded and code is
 * compiled in the snapshot; after a restore the cold-start flag is set again, since the first invocation of a restored
 * environment is a cold start. Priming invocations never count as the cold start.
 */
final class SnapStartPriming implements Resource {
    /** Kept strongly: CRaC contexts may hold resources weakly. */
    private static volatile SnapStartPriming registered;

    private final LambdaFunction function;

    SnapStartPriming(LambdaFunction function) {
        this.function = function;
    }

    static void register(LambdaFunction function) {
        SnapStartPriming resource = new SnapStartPriming(function);
        registered = resource;
        Core.getGlobalContext().register(resource);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws Exception {
        function.application().prime(Provider.AWS_LAMBDA);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        function.contexts().resetColdStart();
    }
}
