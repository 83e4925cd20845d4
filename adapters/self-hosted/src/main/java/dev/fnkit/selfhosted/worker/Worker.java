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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The process of one function instance, started by the gateway. It serves one function over HTTP on a loopback
 * ephemeral port and prints {@link InstanceProtocol#readyLine} once it does, then serves until it is stopped: it
 * exits when its standard input ends (the gateway is gone) and drains in-flight requests on SIGTERM.
 *
 * <pre>
 * java -cp ... dev.fnkit.selfhosted.worker.Worker --function NAME --ready-token T --concurrency N
 *     --timeout-millis MS --max-body BYTES (--app APP.jar [--app-classes A,B] | --exec -- COMMAND ARGS...)
 * </pre>
 *
 * A pre-started worker ({@code Worker --prestarted}) warms up first and prints {@link InstanceProtocol#WARM_LINE}
 * (or exits with status 3 when its warm-up failed), then reads the same arguments as a JSON array line on standard
 * input, so that a function at zero instances does not wait for a JVM to start.
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
                args = awaitSpecialisation();
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
        if (arguments.socket() != null) {
            Thread warming = new Thread(Worker::warmDomainSockets, "fnkit-socket-warm-up");
            warming.setDaemon(true);
            warming.start();
        }
        Duration timeout = Duration.ofMillis(arguments.timeoutMillis());
        Function<HttpRequest, HttpResponse> handler;
        AutoCloseable resources;
        if (arguments.executable()) {
            ExecutorService io = Executors.newCachedThreadPool(new DefaultThreadFactory("fnkit-exec-io", true));
            handler = new ExecutableHandler(arguments.command(), Path.of("").toAbsolutePath(), timeout, io, err);
            resources = io::shutdownNow;
        } else {
            if (arguments.train() && !warmUp()) {
                throw new IllegalStateException("its warm-up failed");
            }
            URLClassLoader loader = appLoader(arguments.app(), err);
            Application application = withLoader(loader, () -> Application.load(loader, arguments.appClasses()));
            FunctionDefinition function = application.select(arguments.function());
            withLoader(loader, () -> {
                application.initialize();
                application.prime(Provider.SELF_HOSTED);
                return null;
            });
            handler = new JvmFunctionHandler(application, function, loader, new WorkerContexts(out));
            resources = loader;
        }
        NettyHttpServer server = serve(arguments, handler, err);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            try {
                resources.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
        }, "fnkit-worker-shutdown"));
        out.println(InstanceProtocol.readyLine(arguments.readyToken(), server.port(),
                server.unixSocket().orElse(null)));
        out.flush();
        if (arguments.train()) {
            System.exit(request(server.port(), "/", InstanceProtocol.PROBE, null) ? 0 : 1);
        }
        new CountDownLatch(1).await();
    }

    /**
     * Serves on a loopback port, and on the Unix domain socket the gateway asked for when it can bind it (else the
     * gateway uses the port).
     */
    private static NettyHttpServer serve(WorkerArguments arguments, Function<HttpRequest, HttpResponse> handler,
                                         PrintStream err) {
        NettyHttpServer.Builder builder = NettyHttpServer.builder()
                .port(0)
                .maxBodyBytes(arguments.maxBodyBytes())
                .workerThreads(arguments.concurrency() + 1)
                .queueCapacity(arguments.concurrency() + 16)
                .drainTimeoutMillis(arguments.timeoutMillis())
                .errors(err)
                .handler(handler);
        if (arguments.socket() != null) {
            try {
                return builder.unixSocket(arguments.socket()).start();
            } catch (java.io.UncheckedIOException e) {
                err.println("fnkit worker: serving on the loopback port only: " + e.getCause().getMessage());
                builder.unixSocket(null);
            }
        }
        return builder.start();
    }

    /**
     * Warms up in the background while waiting for the gateway's arguments on standard input; prints
     * {@link InstanceProtocol#WARM_LINE} once warm, exits with status 3 when the warm-up fails. Arguments that
     * arrive first end the warm-up after its current request, which finishes alongside the specialisation: the
     * caller waits for this JVM, not for its warm-up.
     */
    private static String[] awaitSpecialisation() throws IOException {
        AtomicBoolean stop = new AtomicBoolean();
        Thread warming = new Thread(() -> {
            if (!warmUp(stop) && !stop.get()) {
                System.exit(3);
            }
            if (!stop.get()) {
                System.out.println(InstanceProtocol.WARM_LINE);
                System.out.flush();
            }
        }, "fnkit-warm-up");
        warming.start();
        String line = ParentWatch.readLine();
        if (line == null) {
            Runtime.getRuntime().halt(0);
        }
        stop.set(true);
        return Json.decode(line.getBytes(StandardCharsets.UTF_8), String[].class);
    }

    /** Warms up to the end: see {@link #warmUp(AtomicBoolean)}. */
    private static boolean warmUp() {
        return warmUp(new AtomicBoolean());
    }

    /**
     * Loads and runs what every function needs, so that specialising a pre-started worker loads little more than
     * the application's own classes: the decoding of the gateway's arguments, and up to {@link #WARM_UP_REQUESTS}
     * HTTP requests (fewer once {@code stop} is set) through the server and core's dispatch to a throw-away function
     * that routes a path parameter, reads and answers JSON records (so that the serving path is loaded and its
     * hottest parts compiled).
     *
     * @return false, said on stderr, when a request failed
     */
    private static boolean warmUp(AtomicBoolean stop) {
        warmDomainSockets();
        Json.decode("[\"--function\",\"warm\"]".getBytes(StandardCharsets.UTF_8), String[].class);
        Application warm = Application.of(functions -> functions.http("warm", (request, context) -> {
            WarmGreeting in = "POST".equals(request.method()) ? request.bodyAs(WarmGreeting.class)
                    : new WarmGreeting(request.pathParameter("name").orElse("world"), 1);
            return HttpResponse.json(new WarmGreeting("Hello, " + in.name() + "!", in.count() + 1));
        }).route("GET", "/warm/{name}").route("POST", "/warm"));
        FunctionDefinition function = warm.select("warm");
        JvmFunctionHandler handler = new JvmFunctionHandler(warm, function, Worker.class.getClassLoader(),
                new WorkerContexts(new PrintStream(java.io.OutputStream.nullOutputStream())));
        try (NettyHttpServer server = NettyHttpServer.builder().port(0).drainTimeoutMillis(0).handler(handler)
                .start()) {
            for (int i = 0; i < WARM_UP_REQUESTS && !stop.get(); i++) {
                boolean post = i % 2 == 1;
                if (!request(server.port(), post ? "/warm" : "/warm/w" + i + "?up=1", InstanceProtocol.REQUEST_ID,
                        post ? "{\"name\":\"w\",\"count\":" + i + "}" : null)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Loads and initialises what serving a Unix domain socket needs (the JDK's support seeds a {@code SecureRandom}
     * when first used: some 20 ms on a cold JVM), so that binding the instance's socket later is quick: a worker from
     * scratch does it on a thread of its own while it loads the application, a pre-started one while it warms up.
     * Failures are left to the real bind to report.
     */
    private static void warmDomainSockets() {
        Path probe = Path.of("fnkit-warm-up.sock").toAbsolutePath();
        try (java.nio.channels.ServerSocketChannel channel = java.nio.channels.ServerSocketChannel.open(
                java.net.StandardProtocolFamily.UNIX)) {
            channel.bind(java.net.UnixDomainSocketAddress.of(probe));
            new io.netty.channel.socket.nio.NioServerDomainSocketChannel().unsafe().closeForcibly();
        } catch (IOException | RuntimeException e) {
            // the instance's own bind says what is wrong
        } finally {
            try {
                java.nio.file.Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // a leftover probe file is harmless
            }
        }
    }

    /** The requests of {@link #warmUp}: enough to load the serving path and have its hottest parts compiled. */
    private static final int WARM_UP_REQUESTS = 40;

    /** The JSON record the warm-up function reads and answers. */
    record WarmGreeting(String name, int count) {
    }

    /**
     * Sends a GET (or a POST of a JSON {@code body}) with the header {@code marker} to this process's own server.
     *
     * @return false, said on stderr, when it was not answered with a 2xx
     */
    private static boolean request(int port, String path, String marker, String body) {
        try {
            java.net.HttpURLConnection connection = (java.net.HttpURLConnection) new URL("http://127.0.0.1:" + port
                    + path).openConnection();
            connection.setRequestProperty(marker, "warm-up");
            if (body != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("content-type", "application/json");
                try (java.io.OutputStream out = connection.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = connection.getResponseCode();
            try (java.io.InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            if (status / 100 != 2) {
                System.err.println("fnkit worker: warming up failed: " + path + " answered " + status);
                return false;
            }
            return true;
        } catch (IOException e) {
            System.err.println("fnkit worker: warming up failed: " + e.getMessage());
            return false;
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
