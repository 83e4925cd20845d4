package dev.fnkit.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.fnkit.core.Application;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The AWS Lambda entry point of every fnkit application: handler {@code dev.fnkit.aws.FnkitLambda::handleRequest}.
 *
 * <p>The function served is named by the environment variable {@code FNKIT_FUNCTION} (or is the application's only
 * function), and the event is decoded according to that function's declared trigger, never by guessing from the
 * payload: an HTTP function takes API Gateway REST (payload 1.0), HTTP API (payload 2.0), function URL and ALB events
 * and answers in the same shape; a typed function takes its input JSON directly; an event function takes the events
 * of its trigger's source (SQS, SNS, S3, EventBridge, Kinesis, DynamoDB Streams), batch sources answering with
 * {@code batchItemFailures}. The application is loaded, validated and initialised once per execution environment,
 * when the runtime first creates the handler.
 */
public final class FnkitLambda implements RequestStreamHandler {
    private static LambdaFunction booted;

    private final LambdaFunction function;

    /**
     * Used by the Lambda runtime: serves the function of the application on this class loader, loaded on first use.
     *
     * @throws IllegalStateException (an init error on Lambda) when the application cannot be loaded, the function
     *                               cannot be chosen, or the application's initialisation fails
     */
    public FnkitLambda() {
        this(boot());
    }

    FnkitLambda(LambdaFunction function) {
        this.function = function;
    }

    /**
     * An entry point for an application built by hand (say, with its dependencies injected) rather than found with
     * {@link java.util.ServiceLoader}: a custom handler class can delegate to it. Nothing is initialised here; call
     * {@link Application#initialize()} first if the application needs it.
     *
     * @param function the function's name, or null for the application's only function
     * @throws IllegalStateException naming the functions there are, when the name is missing or unknown
     */
    public static FnkitLambda of(Application application, String function) {
        return new FnkitLambda(new LambdaFunction(application, application.select(function),
                LambdaLogs.fromEnvironment()));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try {
            function.handle(input, context, output);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw FnkitLambda.<RuntimeException>unchecked(e);
        }
    }

    /** Rethrows a function's checked exception as it is, so Lambda reports its own type and message. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E unchecked(Exception e) throws E {
        throw (E) e;
    }

    /** Boots once per execution environment; thrown (not wrapped) so Lambda's init error shows the reason. */
    private static synchronized LambdaFunction boot() {
        if (booted == null) {
            booted = LambdaFunction.boot(FnkitLambda.class.getClassLoader());
        }
        return booted;
    }
}
