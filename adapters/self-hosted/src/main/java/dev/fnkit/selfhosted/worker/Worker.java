package dev.fnkit.selfhosted.worker;

import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Provider;
import dev.fnkit.core.Application;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.Json;
import dev.fnkit.local.NettyHttpServer;
import dev.fnkit.local.AppLocator;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The process of one function instance, started by the gateway. It serves one function over HTTP on a loopback
 * ephemeral port and prints {@link InstanceProtocol#readyLine} once it does, then serves until it is stopped: it
 * exits when its standard input ends (the gateway is gone) and drains in-flight requests on SIGTERM.
 *
 * <pre>
 * java -cp ... dev.fnkit.selfhosted.worker.Worker --function NAME --ready-token T --concurrency N
 *     --timeout-millis MS --max-body BYTES (--app APP.jar | --exec -- COMMAND ARGS...)
 * </pre>
 *
 * A pre-started worker ({@code Worker --prestarted}) warms up first, then reads the same arguments as a JSON array
 * line on standard input, so that a function at zero instances does not wait for a JVM to start.
 *
 * <p>With {@code --app}, the jar (and the jars of a {@code lib/} folder next to it) is loaded in its own class loader,
 * the application's {@code initialize} and {@code prime} hooks run, and requests go through core's dispatch. With
 * {@code --exec}, the command runs once per request (see {@link ExecutableHandler}).
 *
 * <p>With {@code --train} the worker also runs the warm-up of a pre-started worker, loads and primes the function,
 * serves one probe through its own server, then exits normally: the gateway starts it with
 * {@code -XX:ArchiveClassesAtExit}, so that the JVM writes the class-data archive later instances start from.
 *
 * <p>{@code Worker --container [--once]} is the entry point of the application's OCI image: see
 * {@link ContainerMode}.
 */
public final class Worker {
    /** The only argument of a pre-started worker, which reads its real arguments as a JSON array on stdin. */
    public static final String PRESTARTED = "--prestarted";
    /** The argument of a training run, which exits once ready so that the JVM writes its class-data archive. */
    public static final String TRAIN = "--train";

    private Worker() {
    }

    public static void main(String[] args) {
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        if (args.length > 0 && args[0].equals(ContainerMode.FLAG)) {
            System.exit(ContainerMode.main(java.util.Arrays.asList(args).subList(1, args.length), System.getenv(),
                    System.out, System.err));
        }
        WorkerArguments arguments;
        try {
            if (args.length == 1 && args[0].equals(PRESTARTED)) {
                warmUp();
                String line = ParentWatch.readLine();
                if (line == null) {
                    Runtime.getRuntime().halt(0);
                }
                args = Json.decode(line.getBytes(StandardCharsets.UTF_8), String[].class);
            }
            ParentWatch.start(() -> Runtime.getRuntime().halt(0));
            arguments = WorkerArguments.parse(args);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("fnkit worker: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            run(arguments, System.out, System.err);
        } catch (Throwable e) {
            System.err.println("fnkit worker: function '" + arguments.function() + "' cannot start: " + describe(e));
            System.err.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    private static void run(WorkerArguments arguments, PrintStream out, PrintStream err) throws Exception {
        Duration timeout = Duration.ofMillis(arguments.timeoutMillis());
        Function<HttpRequest, HttpResponse> handler;
        AutoCloseable resources;
        if (arguments.executable()) {
            ExecutorService io = Executors.newCachedThreadPool(new DefaultThreadFactory("fnkit-exec-io", true));
            handler = new ExecutableHandler(arguments.command(), Path.of("").toAbsolutePath(), timeout, io, err);
            resources = io::shutdownNow;
        } else {
            if (arguments.train()) {
                warmUp();
            }
            URLClassLoader loader = appLoader(arguments.app(), err);
            Application application = withLoader(loader, () -> Application.load(loader));
            FunctionDefinition function = application.select(arguments.function());
            withLoader(loader, () -> {
                application.initialize();
                application.prime(Provider.SELF_HOSTED);
                return null;
            });
            handler = new JvmFunctionHandler(application, function, loader, new WorkerContexts(out));
            resources = loader;
        }
        NettyHttpServer server = NettyHttpServer.builder()
                .port(0)
                .maxBodyBytes(arguments.maxBodyBytes())
                .workerThreads(arguments.concurrency() + 1)
                .queueCapacity(arguments.concurrency() + 16)
                .drainTimeoutMillis(arguments.timeoutMillis())
                .errors(err)
                .handler(handler)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            try {
                resources.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
        }, "fnkit-worker-shutdown"));
        out.println(InstanceProtocol.readyLine(arguments.readyToken(), server.port()));
        out.flush();
        if (arguments.train()) {
            request(server.port(), "/", InstanceProtocol.PROBE);
            System.exit(0);
        }
        new CountDownLatch(1).await();
    }

    /**
     * Loads and runs once what every function needs, so that a pre-started worker specialises fast: an HTTP request
     * through the server and core's dispatch to a throw-away function that answers JSON.
     */
    private static void warmUp() {
        Application warm = Application.of(functions -> functions.http("warm", (request, context) ->
                HttpResponse.json(java.util.Map.of("path", request.path(), "query", request.query().asMap()))));
        FunctionDefinition function = warm.select("warm");
        JvmFunctionHandler handler = new JvmFunctionHandler(warm, function, Worker.class.getClassLoader(),
                new WorkerContexts(new PrintStream(java.io.OutputStream.nullOutputStream())));
        try (NettyHttpServer server = NettyHttpServer.builder().port(0).drainTimeoutMillis(0).handler(handler)
                .start()) {
            request(server.port(), "/warm?up=1", InstanceProtocol.REQUEST_ID);
        }
    }

    /** Sends a GET with the header {@code marker} to this process's own server, reporting a failure on stderr. */
    private static void request(int port, String path, String marker) {
        try {
            java.net.HttpURLConnection connection = (java.net.HttpURLConnection) new URL("http://127.0.0.1:" + port
                    + path).openConnection();
            connection.setRequestProperty(marker, "warm-up");
            try (java.io.InputStream in = connection.getInputStream()) {
                in.readAllBytes();
            }
        } catch (IOException e) {
            System.err.println("fnkit worker: warming up failed: " + e.getMessage());
        }
    }

    private static URLClassLoader appLoader(Path jar, PrintStream err) {
        List<AppLocator.App> apps = AppLocator.resolve(jar, err);
        AppLocator.App app = apps.get(0);
        List<URL> urls = new ArrayList<>();
        for (Path entry : app.classpath()) {
            try {
                urls.add(entry.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException("invalid class path entry " + entry, e);
            }
        }
        return new URLClassLoader("fnkit-app-" + app.name(), urls.toArray(URL[]::new),
                AppLocator.appParent(Worker.class.getClassLoader()));
    }

    private static <T> T withLoader(ClassLoader loader, Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static String describe(Throwable e) {
        return e instanceof IllegalStateException || e instanceof IllegalArgumentException ? e.getMessage()
                : e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
