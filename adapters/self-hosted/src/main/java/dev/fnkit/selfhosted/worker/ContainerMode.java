package dev.fnkit.selfhosted.worker;

import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Provider;
import dev.fnkit.core.Application;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.local.NettyHttpServer;

import java.io.PrintStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * The worker as the entry point of an OCI image ({@code Worker --container}), following the Knative / Cloud Run
 * container contract: the same handler as an instance of the self-hosted gateway, for the application on the class
 * path.
 * <ul>
 *   <li>{@code FNKIT_FUNCTION} names the function (optional when the application declares exactly one);</li>
 *   <li>{@code FNKIT_APP} names the application's {@code FunctionApp} classes (optional: the image the Kubernetes
 *       packager builds sets it, so that start-up loads them by name instead of reading every jar's service
 *       files);</li>
 *   <li>listens on all interfaces at {@code $PORT} (8080 when unset);</li>
 *   <li>the application's {@code initialize} and {@code prime} hooks run before the port opens, and
 *       {@value #READINESS_PATH} answers 204 from then on;</li>
 *   <li>SIGTERM stops accepting and drains in-flight requests for up to the function's timeout;</li>
 *   <li>with {@value #ONCE} it invokes the function once with an empty POST (a schedule tick for a schedule
 *       function) instead of serving and exits 0 when the function succeeded, 1 otherwise: what a {@code CronJob}
 *       runs.</li>
 * </ul>
 */
public final class ContainerMode {
    /** The worker's first argument in an image. */
    public static final String FLAG = "--container";
    /** The readiness probe's path; no function sees it. */
    public static final String READINESS_PATH = "/.fnkit/ready";
    /** The argument after {@value #FLAG} that invokes the function once and exits. */
    public static final String ONCE = "--once";
    /** The port when {@code PORT} is unset, and the one the image exposes. */
    public static final int DEFAULT_PORT = 8080;
    static final int DEFAULT_CONCURRENCY = 100;

    private ContainerMode() {
    }

    /** Serves (or invokes once) and returns the exit status when it stops on its own: 2 for wrong arguments. */
    static int main(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        boolean once = args.equals(List.of(ONCE));
        if (!args.isEmpty() && !once) {
            err.println("fnkit container: unknown arguments " + args + "; the only one is " + ONCE);
            return 2;
        }
        try {
            ClassLoader loader = ContainerMode.class.getClassLoader();
            Application application = Application.load(loader, env.get(Application.APP_ENV));
            FunctionDefinition function = select(application, env.get(Application.FUNCTION_ENV));
            application.initialize();
            application.prime(Provider.SELF_HOSTED);
            Function<HttpRequest, HttpResponse> handler = handler(application, function, loader, out);
            if (once) {
                HttpResponse response = handler.apply(HttpRequest.builder("POST", "/").build());
                out.println("fnkit container: " + function.name() + " answered " + response.status());
                return response.status() < 300 ? 0 : 1;
            }
            NettyHttpServer server = serve(handler, function, InetAddress.getByName("0.0.0.0"),
                    port(env.get("PORT")), err);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "fnkit-container-shutdown"));
            out.println("fnkit container: " + function.name() + " listening on port " + server.port());
            out.flush();
            new CountDownLatch(1).await();
            return 0;
        } catch (Throwable e) {
            err.println("fnkit container: cannot start: " + Worker.describe(e));
            return 1;
        }
    }

    /** The function named by {@code FNKIT_FUNCTION}, or the application's only function. */
    static FunctionDefinition select(Application application, String name) {
        if (name != null && !name.isBlank()) {
            return application.select(name.strip());
        }
        if (application.functions().size() == 1) {
            return application.functions().get(0);
        }
        throw new IllegalStateException("set " + Application.FUNCTION_ENV + " to one of "
                + application.functions().stream().map(FunctionDefinition::name).toList());
    }

    /** {@code PORT}'s value, or {@value #DEFAULT_PORT} when unset. */
    static int port(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalStateException("PORT must be a port number but is '" + value + "'");
    }

    /** The gateway instances' handler, with the readiness path in front. */
    static Function<HttpRequest, HttpResponse> handler(Application application, FunctionDefinition function,
                                                       ClassLoader loader, PrintStream out) {
        JvmFunctionHandler functionHandler = new JvmFunctionHandler(application, function, loader,
                new WorkerContexts(out));
        return request -> request.path().equals(READINESS_PATH) ? HttpResponse.noContent()
                : functionHandler.apply(request);
    }

    /** Serves at this address and port with as many threads as the function's concurrency. */
    static NettyHttpServer serve(Function<HttpRequest, HttpResponse> handler, FunctionDefinition function,
                                 InetAddress address, int port, PrintStream err) {
        int concurrency = function.options().concurrency() > 0 ? function.options().concurrency()
                : DEFAULT_CONCURRENCY;
        return NettyHttpServer.builder()
                .address(address)
                .port(port)
                .workerThreads(concurrency + 1)
                .queueCapacity(concurrency + 16)
                .drainTimeoutMillis(function.options().timeout().toMillis())
                .errors(err)
                .handler(handler)
                .start();
    }
}
