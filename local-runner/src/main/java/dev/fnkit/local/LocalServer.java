package dev.fnkit.local;

import dev.fnkit.api.Body;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.ScheduleTick;
import dev.fnkit.core.Application;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.Json;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The local runner: serves one or more apps over HTTP on localhost as {@code fnkit run} does. Declared routes go to
 * HTTP functions, {@code POST /<name>} invokes typed, event and batch functions, {@code POST /_fnkit/invoke/<name>}
 * invokes any function by name and {@code GET /_fnkit/functions} lists them. Apps loaded from compiled classes
 * reload when the classes change; with {@link Builder#schedules(boolean)} schedule-triggered functions fire on their
 * cron.
 *
 * <pre>{@code
 * try (LocalServer runner = LocalServer.builder().app(Path.of("target/classes")).port(0).start()) {
 *     URI url = runner.url();
 * }
 * }</pre>
 */
public final class LocalServer implements AutoCloseable {
    private final ServedApps apps;
    private final LocalDispatcher dispatcher;
    private final NettyHttpServer server;
    private final ClassesWatcher watcher;
    private final Scheduler scheduler;
    private final ExecutorService scheduledRuns;
    private final PrintStream log;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private LocalServer(Builder builder, ServedApps apps) {
        this.apps = apps;
        this.log = builder.log;
        this.dispatcher = new LocalDispatcher(apps, builder.log);
        this.server = NettyHttpServer.builder()
                .port(builder.port)
                .maxBodyBytes(builder.maxBodyBytes)
                .requestReadTimeout(builder.requestReadTimeout)
                .errors(builder.log)
                .handler(dispatcher)
                .start();
        try {
            dispatcher.baseUrl(url().toString());
            List<RunningApp> reloadable = apps.apps().stream().filter(RunningApp::reloadable).toList();
            this.watcher = builder.reload && !reloadable.isEmpty()
                    ? new ClassesWatcher(reloadable, apps::reload, builder.log) : null;
            if (builder.schedules) {
                this.scheduledRuns = Executors.newCachedThreadPool(new DefaultThreadFactory("fnkit-schedule", true));
                this.scheduler = new Scheduler(builder.scheduleClock, apps::functions, this::fire, builder.log);
                apps.onReload(scheduler::wakeUp);
                scheduler.start();
            } else {
                this.scheduledRuns = null;
                this.scheduler = null;
            }
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The port the runner listens on. */
    public int port() {
        return server.port();
    }

    /** The runner's base URL, {@code http://localhost:<port>}. */
    public URI url() {
        return URI.create("http://localhost:" + port());
    }

    /** Every function served now (after reloads, the current versions'), in app order. */
    public List<FunctionDefinition> functions() {
        return apps.functions();
    }

    List<FunctionListing> listing() {
        return FunctionListing.of(apps, url().toString());
    }

    /** The scheduler, when schedules run. */
    Scheduler scheduler() {
        return scheduler;
    }

    /**
     * Waits until the runner is closed.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Stops watching and scheduling, lets requests being served finish, then stops serving and closes the apps. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            if (watcher != null) {
                watcher.close();
            }
            if (scheduler != null) {
                scheduler.close();
                scheduledRuns.shutdown();
            }
            server.close();
            apps.close();
        } finally {
            closed.countDown();
        }
    }

    private void fire(FunctionDefinition function, ScheduleTick tick) {
        scheduledRuns.execute(() -> {
            HttpRequest request = HttpRequest.builder("POST", LocalDispatcher.INVOKE_PATH + function.name())
                    .header("content-type", "application/json")
                    .header(LocalContexts.REQUEST_ID_HEADER, "schedule-" + UUID.randomUUID())
                    .body(Body.of(Json.encode(tick)))
                    .build();
            HttpResponse response = dispatcher.apply(request);
            if (response.status() >= 300) {
                log.println("fnkit: the scheduled run of '" + function.name() + "' due at " + tick.scheduledTime()
                        + " failed with " + response.status() + ": " + response.bodyText());
            }
        });
    }

    /** Configures and starts a {@link LocalServer}. */
    public static final class Builder {
        private final List<Path> locations = new ArrayList<>();
        private final Map<String, Application> applications = new LinkedHashMap<>();
        private final List<AppSource> sources = new ArrayList<>();
        private int port = 8080;
        private int maxBodyBytes = NettyHttpServer.DEFAULT_MAX_BODY_BYTES;
        private Duration requestReadTimeout = NettyHttpServer.DEFAULT_REQUEST_READ_TIMEOUT;
        private boolean schedules;
        private boolean reload = true;
        private PrintStream out = System.out;
        private PrintStream log = System.err;
        private Clock scheduleClock = Clock.systemUTC();
        private MavenBuild maven;

        private Builder() {
        }

        /**
         * Serves the apps at this location, as {@code fnkit run} names them: a Maven project directory (built
         * first), a jar (with a {@code lib/} folder next to it), a classes directory, or a directory of those.
         */
        public Builder app(Path location) {
            locations.add(Objects.requireNonNull(location, "location"));
            return this;
        }

        /**
         * Serves an app from a class path its build resolved (its own classes first; fnkit-api and fnkit-core are
         * left off, the runner has them); it reloads when the classes of a directory on it change.
         */
        public Builder app(String name, List<Path> classpath) {
            if (classpath.isEmpty()) {
                throw new IllegalArgumentException("app '" + name + "' has an empty class path");
            }
            sources.add(new AppSource(Objects.requireNonNull(name, "name"), classpath.get(0),
                    AppLoader.withoutFnkitRuntime(classpath),
                    classpath.stream().filter(java.nio.file.Files::isDirectory).toList()));
            return this;
        }

        /** Serves the apps at each of these locations. */
        public Builder apps(Collection<Path> locations) {
            locations.forEach(this::app);
            return this;
        }

        /** Serves an application the caller loaded (e.g. from the test class path); it does not reload. */
        public Builder application(String name, Application application) {
            applications.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(application, "application"));
            return this;
        }

        /** The port, 8080 by default; 0 picks a free one, see {@link LocalServer#port()}. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535 but was " + port);
            }
            this.port = port;
            return this;
        }

        /** The largest request body, 6 MiB by default; a larger one is refused with 413. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be positive but was " + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * How long a client may take to send a request (60 s by default): a slow client then gets a 408, an idle
         * connection is closed.
         */
        public Builder requestReadTimeout(Duration requestReadTimeout) {
            this.requestReadTimeout = Objects.requireNonNull(requestReadTimeout, "requestReadTimeout");
            return this;
        }

        /** Whether schedule-triggered functions fire on their cron (off by default). */
        public Builder schedules(boolean schedules) {
            this.schedules = schedules;
            return this;
        }

        /** Whether apps reload when their compiled classes change (on by default). */
        public Builder reload(boolean reload) {
            this.reload = reload;
            return this;
        }

        /** Where functions' log lines go (standard output by default). */
        public Builder out(PrintStream out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        /** Where the runner reports builds, reloads and failures (standard error by default). */
        public Builder log(PrintStream log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        Builder scheduleClock(Clock clock) {
            this.scheduleClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        Builder maven(MavenBuild maven) {
            this.maven = maven;
            return this;
        }

        /**
         * Builds and loads the apps, checks that their function names and routes do not clash, and starts serving.
         *
         * @throws IllegalStateException          naming the app and the problem when an app cannot be built or
         *                                        loaded, or two apps clash
         * @throws java.io.UncheckedIOException when the port is taken
         */
        public LocalServer start() {
            if (locations.isEmpty() && applications.isEmpty() && sources.isEmpty()) {
                throw new IllegalStateException("no app to serve");
            }
            List<RunningApp> running = new ArrayList<>();
            try {
                for (Map.Entry<String, Application> given : applications.entrySet()) {
                    running.add(new RunningApp(null, given(given.getKey(), given.getValue())));
                }
                for (AppSource source : sources) {
                    running.add(new RunningApp(source, AppVersion.load(source, out, Clock.systemUTC())));
                }
                AppLoader loader = new AppLoader(maven != null ? maven : new MavenBuild(log));
                for (Path location : locations) {
                    for (AppSource source : loader.resolve(location)) {
                        running.add(new RunningApp(source, AppVersion.load(source, out, Clock.systemUTC())));
                    }
                }
                return new LocalServer(this, new ServedApps(running, out, log, Clock.systemUTC()));
            } catch (RuntimeException | Error e) {
                running.forEach(RunningApp::retire);
                throw e;
            }
        }

        private AppVersion given(String name, Application application) {
            try {
                application.initialize();
            } catch (Exception e) {
                throw new AppLoadException("app '" + name + "' failed to initialize: " + e, e);
            }
            return AppVersion.of(name, application, out, Clock.systemUTC());
        }
    }
}
