package dev.fnkit.aws;

import com.amazonaws.services.lambda.runtime.Context;
import dev.fnkit.core.Application;
import dev.fnkit.core.FunctionDefinition;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * The portable function one Lambda function serves, with everything its invocations need built once: the dispatch
 * for its trigger (HTTP gateways, direct invocation, or its event source), the context factory and the log settings.
 */
final class LambdaFunction {
    /** Lambda's initialisation type: {@code on-demand}, {@code provisioned-concurrency} or {@code snap-start}. */
    static final String INITIALIZATION_TYPE_ENV = "AWS_LAMBDA_INITIALIZATION_TYPE";
    static final String SNAP_START = "snap-start";

    private final Application application;
    private final LambdaContexts contexts;
    private final LambdaDispatch dispatch;

    LambdaFunction(Application application, FunctionDefinition function, LambdaLogs logs) {
        this.application = application;
        this.contexts = new LambdaContexts(function, logs);
        this.dispatch = switch (function.kind()) {
            case HTTP -> new HttpEvents(function, contexts);
            case TYPED -> new TypedInvocations(function, contexts);
            case EVENT, BATCH -> new EventDispatch(function, contexts);
        };
    }

    /**
     * Loads the application on this class loader (its {@code FunctionApp} classes named by {@code FNKIT_APP}, which
     * the SAM template sets, else found with {@link java.util.ServiceLoader}), picks the function named by {@code FNKIT_FUNCTION} (or the only
     * one), runs the application's initialisation and, when Lambda initialises it for SnapStart
     * ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}) and {@code org.crac} is on the class path, registers the
     * SnapStart priming hook; on-demand starts skip loading CRaC.
     *
     * @throws IllegalStateException naming the functions there are, when the choice is missing or unknown, or when
     *                               initialisation fails
     */
    static LambdaFunction boot(ClassLoader loader) {
        Application application = Application.load(loader, System.getenv(Application.APP_ENV));
        LambdaFunction lambda = new LambdaFunction(application,
                application.select(System.getenv(Application.FUNCTION_ENV)), LambdaLogs.fromEnvironment());
        try {
            application.initialize();
        } catch (Exception e) {
            throw new IllegalStateException("The application's initialize() failed: " + e, e);
        }
        if (SNAP_START.equals(System.getenv(INITIALIZATION_TYPE_ENV))) {
            try {
                SnapStartPriming.register(lambda);
            } catch (LinkageError noCrac) {
                System.out.println("fnkit: org.crac is not on the class path, so SnapStart will not prime the"
                        + " application");
            }
        }
        return lambda;
    }

    void handle(InputStream event, Context lambda, OutputStream out) throws Exception {
        dispatch.handle(event, lambda, out);
    }

    Application application() {
        return application;
    }

    LambdaContexts contexts() {
        return contexts;
    }
}
