package dev.fnkit.kubernetes;

import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Provider;
import dev.fnkit.core.Application;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.FunctionKind;
import dev.fnkit.core.HttpDispatch;
import dev.fnkit.core.Router;
import dev.fnkit.local.NettyHttpServer;
import dev.fnkit.selfhosted.worker.WorkerContexts;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;

import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * The entry point of the image: serves one function of the application on the image's class path, following the
 * Knative / Cloud Run container contract.
 *
 * <ul>
 *   <li>{@code FNKIT_FUNCTION} names the function (optional when the application declares exactly one);</li>
 *   <li>listens on all interfaces at {@code $PORT} (8080 when unset);</li>
 *   <li>the application's {@code initialize} and {@code prime} hooks run before the port opens, and
 *       {@value #READINESS_PATH} answers 204 from then on;</li>
 *   <li>SIGTERM stops accepting and drains in-flight requests for up to the function's timeout;</li>
 *   <li>with the single argument {@value #ONCE}, it invokes the function once with an empty POST (a schedule tick for
 *       a schedule function) instead of serving, and exits 0 when the function succeeded, 1 otherwise: what a
 *       {@code CronJob} runs.</li>
 * </ul>
 */
public final class ContainerServer {
    /** The readiness probe's path; no function sees it. */
    public static final String READINESS_PATH = "/.fnkit/ready";
    /** The argument that makes the container invoke its function once and exit. */
    public static final String ONCE = "--once";
    static final int DEFAULT_PORT = 8080;
    static final int DEFAULT_CONCURRENCY = 100;

    private ContainerServer() {
    }

    /** Serves, or with {@value #ONCE} invokes once; exits 1 when the application cannot start. */
    public static void main(String[] args) {
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        boolean once = args.length == 1 && args[0].equals(ONCE);
        if (args.length > 0 && !once) {
            System.err.println("fnkit container: unknown arguments; the only one is " + ONCE);
            System.exit(2);
        }
        try {
            Application application = Application.load(ContainerServer.class.getClassLoader());
            FunctionDefinition function = select(application, System.getenv(Application.FUNCTION_ENV));
            application.initialize();
            application.prime(Provider.SELF_HOSTED);
            Handler handler = new Handler(application, function, System.out);
            if (once) {
                HttpResponse response = handler.apply(HttpRequest.builder("POST", "/").build());
                System.out.println("fnkit container: " + function.name() + " answered " + response.status());
                System.out.flush();
                System.exit(response.status() < 300 ? 0 : 1);
            }
            serve(handler, function, port(System.getenv("PORT")));
        } catch (Throwable e) {
            System.err.println("fnkit container: cannot start: " + describe(e));
            System.err.flush();
            Runtime.getRuntime().halt(1);
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

    static int concurrency(FunctionDefinition function) {
        return function.options().concurrency() > 0 ? function.options().concurrency() : DEFAULT_CONCURRENCY;
    }

    private static void serve(Handler handler, FunctionDefinition function, int port) throws Exception {
        int concurrency = concurrency(function);
        NettyHttpServer server = NettyHttpServer.builder()
                .address(InetAddress.getByName("0.0.0.0"))
                .port(port)
                .workerThreads(concurrency + 1)
                .queueCapacity(concurrency + 16)
                .drainTimeoutMillis(function.options().timeout().toMillis())
                .errors(System.err)
                .handler(handler)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "fnkit-container-shutdown"));
        System.out.println("fnkit container: " + function.name() + " listening on port " + server.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static String describe(Throwable e) {
        return e instanceof IllegalStateException || e instanceof IllegalArgumentException ? e.getMessage()
                : e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** Serves the function: its routes for an HTTP function, core's dispatch for the other kinds. */
    static final class Handler implements java.util.function.Function<HttpRequest, HttpResponse> {
        private static final String REQUEST_ID = "x-request-id";
        private final Application application;
        private final FunctionDefinition function;
        private final WorkerContexts contexts;

        Handler(Application application, FunctionDefinition function, PrintStream out) {
            this.application = application;
            this.function = function;
            this.contexts = new WorkerContexts(out);
        }

        @Override
        public HttpResponse apply(HttpRequest request) {
            if (request.path().equals(READINESS_PATH)) {
                return HttpResponse.noContent();
            }
            String requestId = request.header(REQUEST_ID).map(String::strip).filter(s -> !s.isEmpty())
                    .orElseGet(() -> UUID.randomUUID().toString());
            Instant deadline = Instant.now().plus(function.options().timeout());
            HttpDispatch dispatch = new HttpDispatch(application, (fn, req) -> contexts.create(fn, req, requestId, deadline));
            HttpResponse response;
            if (function.kind() == FunctionKind.HTTP
                    && application.router().route(request.method(), request.path()) instanceof Router.Match match
                    && match.function().name().equals(function.name())) {
                response = dispatch.serve(request, new HttpDispatch.RouteTarget(match));
            } else {
                response = dispatch.invoke(function, request);
            }
            return response.header(REQUEST_ID).isPresent() ? response
                    : response.toBuilder().setHeader(REQUEST_ID, requestId).build();
        }

    }
}
