package dev.fnkit.selfhosted;

import dev.fnkit.core.Router;
import dev.fnkit.local.NettyHttpServer;
import dev.fnkit.selfhosted.edge.OwnerOnly;
import dev.fnkit.selfhosted.async.AsyncRuntime;
import dev.fnkit.selfhosted.async.AsyncSettings;
import dev.fnkit.selfhosted.triggers.TriggerRuntime;
import dev.fnkit.selfhosted.triggers.TriggerSettings;
import dev.fnkit.selfhosted.edge.Edge;
import dev.fnkit.selfhosted.usage.LogStore;
import dev.fnkit.selfhosted.usage.Usage;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The self-hosted runtime: an HTTP gateway in front of per-function pools of instance processes on loopback,
 * autoscaled after Knative's KPA, with an admin API under {@code /system} and Prometheus metrics at
 * {@code /metrics}. Deployed applications live in the data directory and are served again after a restart.
 *
 * <p>A gateway started on the data directory of a running one (and its port) takes over from it without a request
 * failing (a graceful restart, where the epoll transport is available): it receives the running gateway's listening
 * socket ({@link Takeover}, {@link HandoffSocket}), starts as many instances of each function as the running one has
 * ready, serves on the same socket once they are ready, then the running one stops dispatching asynchronous calls
 * and firing triggers (this one starts them), answers the requests on the connections it has, and closes.
 *
 * <pre>{@code
 * try (Gateway gateway = Gateway.builder().port(0).dataDir(dir).start()) {
 *     gateway.deploy(Path.of("target/fnkit/self-hosted/shop.zip"));
 *     URI url = gateway.url();
 * }
 * }</pre>
 *
 * {@link #close()} drains: function requests already taken are answered, new ones get a 503, then every instance
 * stops. Instances also exit by themselves when the gateway process dies.
 */
public final class Gateway implements AutoCloseable {
    /** The default of {@link Builder#idleSpin}, in microseconds. */
    public static final int DEFAULT_IDLE_SPIN_MICROS = 50;
    private static final Duration DEFAULT_IDLE_SPIN = Duration.ofNanos(DEFAULT_IDLE_SPIN_MICROS * 1000L);
    private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(30);
    private final GatewayConfig config;
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final ScheduledExecutorService timers;
    private final InstanceClient client;
    private final InstanceLauncher launcher;
    private final PrestartedWorkers prestarted;
    private final Deployments deployments;
    private final AdminToken token;
    private final Edge edge;
    private final Usage usage;
    private final LogStore logs;
    private final Map<String, FunctionPool> pools = new ConcurrentHashMap<>();
    private final GatewayHandler handler;
    private final AsyncRuntime async;
    private final TriggerRuntime triggers;
    private final NettyHttpServer server;
    private final HandoffSocket handoff;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Router router = Router.of(List.of());

    private Gateway(GatewayConfig config) throws IOException {
        this.config = config;
        OwnerOnly.directory(config.dataDir());
        Takeover takeover = Takeover.connect(config.dataDir()).orElse(null);
        if (takeover != null && config.port() != 0 && config.port() != takeover.port()) {
            takeover.close();
            throw new IOException("the gateway running on it (pid " + takeover.pid() + ") listens on port "
                    + takeover.port() + "; start this one with that port to take over from it, or stop it first");
        }
        InstanceLauncher.deleteTree(takeover == null ? config.dataDir().resolve("instances") : config.instancesDir());
        this.token = AdminToken.load(config.adminToken(), config.dataDir());
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2,
                new DefaultThreadFactory("fnkit-gateway-timer", true));
        scheduler.setRemoveOnCancelPolicy(true);
        this.timers = scheduler;
        this.client = new InstanceClient(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
        this.launcher = new InstanceLauncher(config);
        this.prestarted = new PrestartedWorkers(launcher, config.prestartedWorkers());
        launcher.prestarted(prestarted);
        this.edge = new Edge(config.dataDir());
        this.usage = new Usage(metrics.registry());
        this.logs = new LogStore(2_000, config.log());
        launcher.edge(edge, logs);
        this.deployments = new Deployments(config.dataDir(), new BundleReader(config.maxBundleBytes(),
                config.maxUnpackedBytes()));
        this.handler = new GatewayHandler(this, new AdminApi(this, token), config.maxRequestBytes());
        GatewayFunctions functions = new GatewayFunctions(this);
        try {
            this.async = AsyncRuntime.open(config.dataDir(), config.async(), functions, metrics.registry(),
                    config.maxRequestBytes(), config.log());
        } catch (UncheckedIOException e) {
            shutdownThreads();
            if (takeover != null) {
                takeover.close();
            }
            throw e;
        }
        this.triggers = TriggerRuntime.create(config.dataDir(), config.triggers(), functions, async,
                config.maxRequestBytes(), config.log());
        try {
            for (String problem : deployments.restore()) {
                config.log().println("fnkit: " + problem);
            }
            for (DeployedApp app : deployments.apps()) {
                apply(new Deployments.Change(app, null));
            }
            prestarted.fill();
            if (takeover != null) {
                warmUp(takeover.warm());
            }
            handler.accept();
            this.server = serve(takeover);
        } catch (RuntimeException | IOException e) {
            pools.values().forEach(FunctionPool::kill);
            async.close();
            shutdownThreads();
            if (takeover != null) {
                takeover.close();
            }
            throw e;
        }
        if (takeover != null) {
            if (!takeover.release(RELEASE_TIMEOUT)) {
                config.log().println("fnkit: the gateway taken over from (pid " + takeover.pid()
                        + ") did not confirm it stopped delivering asynchronous calls; delivering them anyway");
            }
            takeover.close();
            hold(takeover.warm());
            config.log().println("fnkit: took over port " + port() + " from the gateway with pid " + takeover.pid());
        }
        async.start();
        triggers.start();
        OptionalInt socket = server.listeningSocket();
        this.handoff = socket.isPresent() ? HandoffSocket.offer(config.dataDir(), socket.getAsInt(), port(),
                new Predecessor(), config.log()).orElse(null) : null;
    }

    /**
     * Has the autoscaler keep as many instances as the predecessor had ready for one stable window from now (it has
     * seen no traffic of its own yet).
     *
     * @return the pools held, and their instances
     */
    private Map<FunctionPool, Integer> hold(Map<String, Integer> warm) {
        Map<FunctionPool, Integer> held = new java.util.LinkedHashMap<>();
        warm.forEach((function, ready) -> {
            FunctionPool pool = pools.get(function);
            if (pool != null && ready > 0) {
                pool.scaleTo(ready);
                held.put(pool, ready);
            }
        });
        return held;
    }

    /** Binds the configured address, or serves on the socket a predecessor hands over. */
    private NettyHttpServer serve(Takeover takeover) {
        NettyHttpServer.Builder builder = NettyHttpServer.builder()
                .maxBodyBytes((int) Math.min(Integer.MAX_VALUE - 8,
                        Math.max(config.maxBundleBytes(), config.maxRequestBytes())))
                .workerThreads(16)
                .queueCapacity(4096)
                .errors(config.log())
                .handlerOnEventLoop(true)
                .idleSpin(config.idleSpin())
                .nativeTransport(true)
                .connectionHandler(handler);
        if (takeover == null) {
            return builder.address(config.address()).port(config.port()).start();
        }
        NettyHttpServer taken = builder.listeningSocket(takeover.listeningSocket()).start();
        takeover.adopted();
        return taken;
    }

    /**
     * Starts as many instances of each function as the predecessor had ready, and waits (up to the start timeout)
     * until they are ready, so that the requests this gateway takes over find them warm; the autoscaler is held
     * there meanwhile, since no request reaches this gateway yet.
     */
    private void warmUp(Map<String, Integer> warm) {
        Map<FunctionPool, Integer> wanted = hold(warm);
        if (!wanted.isEmpty()) {
            config.log().println("fnkit: taking over: starting " + String.join(", ", wanted.entrySet().stream()
                    .map(e -> e.getKey().name() + " x" + e.getValue()).toList()) + " before serving");
        }
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        long nextHold = 0;
        try {
            while (System.nanoTime() < deadline) {
                wanted.entrySet().removeIf(e -> e.getKey().status().ready() >= e.getValue());
                if (wanted.isEmpty()) {
                    return;
                }
                if (System.nanoTime() >= nextHold) {
                    wanted.forEach(FunctionPool::scaleTo);
                    nextHold = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The port the gateway listens on. */
    public int port() {
        return server.port();
    }

    /** The gateway's base URL. */
    public URI url() {
        String host = config.address().isAnyLocalAddress() || config.address().isLoopbackAddress() ? "localhost"
                : config.address().getHostAddress();
        return URI.create("http://" + host + ":" + port());
    }

    public Path dataDir() {
        return config.dataDir();
    }

    /** The file holding the admin token, empty when the token was given. */
    public Optional<Path> adminTokenFile() {
        return Optional.ofNullable(token.file());
    }

    /** The names of the deployed functions, in deployment order. */
    public List<String> functions() {
        List<String> names = new ArrayList<>();
        for (DeployedApp app : deployments.apps()) {
            app.manifest().functions().forEach(f -> names.add(f.name()));
        }
        return names;
    }

    /**
     * Deploys a bundle from a file, creating or updating its application.
     *
     * @return the application's function names
     * @throws IllegalArgumentException naming the problem when the bundle is refused
     * @throws UncheckedIOException     when it cannot be stored
     */
    public List<String> deploy(Path bundle) {
        return deploy(bundle, Deployments.Mode.UPSERT).current().manifest().functions().stream()
                .map(FunctionSpec::name).toList();
    }

    /**
     * {@link #deploy(Path)}, telling also whether the bundle was the one deployed already (with
     * {@link Deployments.Mode#UPSERT_CHANGED}, which leaves it as it is).
     */
    Deployments.Change deploy(Path bundle, Deployments.Mode mode) {
        try (InputStream in = Files.newInputStream(bundle)) {
            return deploy(in, Files.size(bundle), Map.of(), mode);
        } catch (BundleException e) {
            throw new IllegalArgumentException("bundle " + bundle + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the gateway is closed. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /**
     * Drains and stops: new function requests get a 503 while those taken are answered (at most the longest function
     * timeout), then the server closes and every instance stops. Calling it again waits for the first call. (A
     * gateway that hands over to a successor closes by itself, answering every request it reads while it drains.)
     */
    @Override
    public void close() {
        stop(false);
    }

    private void stop(boolean handedOver) {
        if (!closing.compareAndSet(false, true)) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            if (handoff != null) {
                handoff.close();
            }
            triggers.close();
            async.stopDelivering();
            long longest = pools.values().stream().mapToLong(p -> p.spec().options().timeout().toMillis()).max()
                    .orElse(0);
            Duration drain = Duration.ofMillis(longest + 2_000);
            if (handedOver) {
                logs.close();
                server.handOff(drain);
            } else {
                handler.drain();
                server.close(drain);
            }
            List<CompletableFuture<Void>> stopping = new ArrayList<>();
            for (FunctionPool pool : pools.values()) {
                stopping.add(pool.close());
            }
            try {
                CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                pools.values().forEach(FunctionPool::kill);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pools.values().forEach(FunctionPool::kill);
        } finally {
            async.close();
            shutdownThreads();
            InstanceLauncher.deleteTree(config.instancesDir());
            closed.countDown();
        }
    }

    /** This gateway's side of a graceful restart: what it tells a successor and how it lets go. */
    private final class Predecessor implements HandoffSocket.Predecessor {
        @Override
        public Map<String, Integer> warm() {
            Map<String, Integer> warm = new java.util.LinkedHashMap<>();
            for (FunctionPool pool : pools.values()) {
                int ready = pool.status().ready();
                if (ready > 0) {
                    warm.put(pool.name(), ready);
                }
            }
            return warm;
        }

        @Override
        public void release() {
            triggers.close();
            async.stopDelivering();
        }

        @Override
        public void handOff() {
            stop(true);
        }
    }

    Router router() {
        return router;
    }

    Optional<FunctionPool> pool(String function) {
        return Optional.ofNullable(pools.get(function));
    }

    Collection<FunctionPool> pools() {
        List<FunctionPool> ordered = new ArrayList<>();
        for (String name : functions()) {
            FunctionPool pool = pools.get(name);
            if (pool != null) {
                ordered.add(pool);
            }
        }
        return ordered;
    }

    Optional<DeployedApp> app(String name) {
        return deployments.apps().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    GatewayMetrics metrics() {
        return metrics;
    }

    AsyncRuntime async() {
        return async;
    }

    TriggerRuntime triggers() {
        return triggers;
    }

    Edge edge() {
        return edge;
    }

    Usage usage() {
        return usage;
    }

    LogStore logs() {
        return logs;
    }

    Deployments.Change deploy(InputStream bundle, long size, Map<String, String> autoscaling, Deployments.Mode mode)
            throws BundleException, IOException {
        synchronized (deployments) {
            Deployments.Change change = deployments.deploy(bundle, size, autoscaling, mode);
            apply(change);
            return change;
        }
    }

    Deployments.Change deploy(BundleManifest executables, Map<String, String> autoscaling, Deployments.Mode mode)
            throws BundleException, IOException {
        synchronized (deployments) {
            Deployments.Change change = deployments.deploy(executables, autoscaling, mode);
            apply(change);
            return change;
        }
    }

    /** Removes a deployed function; false when there is none of that name. */
    boolean remove(String function) throws IOException {
        synchronized (deployments) {
            Optional<Deployments.Change> change = deployments.remove(function);
            change.ifPresent(this::apply);
            return change.isPresent();
        }
    }

    private void apply(Deployments.Change change) {
        if (change.unchanged()) {
            return;
        }
        DeployedApp current = change.current();
        DeployedApp previous = change.previous();
        Set<String> kept = new HashSet<>();
        if (current != null) {
            current.manifest().functions().forEach(f -> kept.add(f.name()));
        }
        List<CompletableFuture<Void>> removed = new ArrayList<>();
        if (previous != null) {
            for (FunctionSpec spec : previous.manifest().functions()) {
                if (!kept.contains(spec.name())) {
                    FunctionPool pool = pools.remove(spec.name());
                    if (pool != null) {
                        metrics.unregister(spec.name());
                        removed.add(pool.close());
                    }
                }
            }
        }
        if (current != null) {
            for (FunctionSpec spec : current.manifest().functions()) {
                Autoscaling autoscaling = config.autoscaling().with(settingsFor(spec.name(), current.autoscaling()));
                FunctionPool pool = pools.get(spec.name());
                if (pool == null) {
                    pool = new FunctionPool(spec, current, autoscaling, config, launcher, client, timers, metrics,
                            System::currentTimeMillis);
                    pools.put(spec.name(), pool);
                    metrics.register(pool);
                } else {
                    pool.redeploy(spec, current, autoscaling);
                }
            }
        }
        router = Router.of(deployments.routing());
        if (current == null && previous != null) {
            CompletableFuture.allOf(removed.toArray(CompletableFuture[]::new))
                    .thenRun(() -> deployments.delete(previous));
        }
    }

    /**
     * The autoscaler settings of one function of an application: those named plainly apply to every function,
     * {@code <function>.<setting>} to that one only (and win).
     */
    static Map<String, String> settingsFor(String function, Map<String, String> settings) {
        Map<String, String> common = new java.util.LinkedHashMap<>();
        Map<String, String> own = new java.util.LinkedHashMap<>();
        settings.forEach((name, value) -> {
            int dot = name.indexOf('.');
            if (dot < 0) {
                common.put(name, value);
            } else if (name.substring(0, dot).equals(function)) {
                own.put(name.substring(dot + 1), value);
            }
        });
        common.putAll(own);
        return common;
    }

    private void shutdownThreads() {
        prestarted.close();
        launcher.close();
        timers.shutdownNow();
        client.close();
    }

    /** Configures and starts a {@link Gateway}. */
    public static final class Builder {
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port = 8080;
        private Path dataDir;
        private String adminToken = System.getenv(AdminToken.ENV);
        private Autoscaling autoscaling = Autoscaling.DEFAULTS;
        private int bufferSize = 10_000;
        private long maxBundleBytes = 64L * 1024 * 1024;
        private long maxUnpackedBytes = 1024L * 1024 * 1024;
        private int maxRequestBytes = NettyHttpServer.DEFAULT_MAX_BODY_BYTES;
        private String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        private String workerClasspath = System.getProperty("java.class.path");
        private List<String> workerJvmOptions = List.of();
        private Map<String, String> instanceEnvironment = Map.of();
        private int prestartedWorkers = 1;
        private boolean classDataArchives = true;
        private Duration startTimeout = Duration.ofSeconds(60);
        private Duration idleSpin = DEFAULT_IDLE_SPIN;
        private String instanceUsers = InstanceIsolation.AUTO;
        private AsyncSettings async = AsyncSettings.DEFAULTS;
        private TriggerSettings triggers = TriggerSettings.DEFAULTS;
        private PrintStream out = System.out;
        private PrintStream log = System.err;

        private Builder() {
        }

        /** The address to listen on; the loopback address by default. */
        public Builder address(InetAddress address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The port, 8080 by default; 0 picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535 but was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Where deployments, the admin token and instances' working directories live: by default env
         * {@code FNKIT_DATA_DIR}, else {@code ~/.fnkit}.
         */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** The admin API's bearer token; by default env {@code FNKIT_ADMIN_TOKEN}, else the data directory's. */
        public Builder adminToken(String adminToken) {
            this.adminToken = adminToken;
            return this;
        }

        /** The autoscaler settings of every function (an application's deployment may override them). */
        public Builder autoscaling(Autoscaling autoscaling) {
            this.autoscaling = Objects.requireNonNull(autoscaling, "autoscaling");
            return this;
        }

        /** Requests each function may hold while its instances start or are busy, 10,000 by default. */
        public Builder bufferSize(int bufferSize) {
            if (bufferSize < 1) {
                throw new IllegalArgumentException("bufferSize must be positive");
            }
            this.bufferSize = bufferSize;
            return this;
        }

        /** The largest bundle accepted, 64 MiB by default (also the largest request body the server reads). */
        public Builder maxBundleBytes(long maxBundleBytes) {
            this.maxBundleBytes = maxBundleBytes;
            return this;
        }

        /** The most a bundle may unpack to, 1 GiB by default. */
        public Builder maxUnpackedBytes(long maxUnpackedBytes) {
            this.maxUnpackedBytes = maxUnpackedBytes;
            return this;
        }

        /** The largest function request body, 6 MiB by default. */
        public Builder maxRequestBytes(int maxRequestBytes) {
            this.maxRequestBytes = maxRequestBytes;
            return this;
        }

        /** The {@code java} executable of worker processes; this JVM's by default. */
        public Builder javaCommand(String javaCommand) {
            this.javaCommand = Objects.requireNonNull(javaCommand, "javaCommand");
            return this;
        }

        /** The class path of worker processes (fnkit's runtime); this JVM's by default. */
        public Builder workerClasspath(String workerClasspath) {
            this.workerClasspath = Objects.requireNonNull(workerClasspath, "workerClasspath");
            return this;
        }

        /**
         * How long the gateway's event loops keep polling for the next message before they sleep, while at most one
         * request is in flight: {@value #DEFAULT_IDLE_SPIN_MICROS} µs by default, zero for never. At light load it
         * spares each message a thread wake-up (tens of microseconds on a virtual machine) for at most this much CPU
         * time per message; with more requests in flight the loops sleep as usual.
         */
        public Builder idleSpin(Duration spin) {
            if (spin.isNegative()) {
                throw new IllegalArgumentException("idleSpin must not be negative but was " + spin);
            }
            this.idleSpin = spin;
            return this;
        }

        /** Extra JVM options of worker processes. */
        public Builder workerJvmOptions(List<String> options) {
            this.workerJvmOptions = List.copyOf(options);
            return this;
        }

        /**
         * Environment variables every instance gets (e.g. {@code TZ}), under each function's declared ones; nothing
         * else of the gateway's environment reaches instances but {@code PATH}, {@code JAVA_HOME}, locale and time
         * zone.
         */
        public Builder instanceEnvironment(Map<String, String> environment) {
            this.instanceEnvironment = Map.copyOf(environment);
            return this;
        }

        /**
         * Worker JVMs kept started and warm for each memory size in use, waiting to become an instance of a function
         * at zero (one that declares no environment); 1 by default, 0 for none.
         */
        public Builder prestartedWorkers(int prestartedWorkers) {
            if (prestartedWorkers < 0) {
                throw new IllegalArgumentException("prestartedWorkers must not be negative");
            }
            this.prestartedWorkers = prestartedWorkers;
            return this;
        }

        /**
         * Whether each deployed JVM function gets a class-data-sharing archive, trained in the background, for its
         * instances started from scratch; true by default.
         */
        public Builder classDataArchives(boolean classDataArchives) {
            this.classDataArchives = classDataArchives;
            return this;
        }

        /** How long an instance may take to become ready, 60 s by default. */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
            return this;
        }

        /**
         * The users instances run as: {@code auto} (the default) gives each instance its own user from
         * {@code 200000-299999} when the gateway runs as root, and none otherwise; {@code FIRST-LAST} names the
         * range (and fails the start when it cannot be used); {@code off} runs every instance as the gateway's user.
         *
         * @throws IllegalArgumentException for another value
         */
        public Builder instanceUsers(String instanceUsers) {
            Objects.requireNonNull(instanceUsers, "instanceUsers");
            if (!InstanceIsolation.AUTO.equals(instanceUsers) && !InstanceIsolation.OFF.equals(instanceUsers)) {
                InstanceIsolation.parseRange(instanceUsers);
            }
            this.instanceUsers = instanceUsers;
            return this;
        }

        /** How asynchronous calls and trigger events are retried and dead-lettered. */
        public Builder async(AsyncSettings async) {
            this.async = Objects.requireNonNull(async, "async");
            return this;
        }

        /** Where storage buckets live, how often they and schedules are checked, and the schedules' clock. */
        public Builder triggers(TriggerSettings triggers) {
            this.triggers = Objects.requireNonNull(triggers, "triggers");
            return this;
        }

        /** Where instances' standard output goes, each line prefixed with the instance id. */
        public Builder out(PrintStream out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        /** Where the gateway logs, and instances' standard error goes. */
        public Builder log(PrintStream log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * Starts the gateway and serves what the data directory holds.
         *
         * @throws UncheckedIOException when the port is taken or the data directory is unusable
         * @throws IllegalStateException when the configured instance users cannot be used
         */
        public Gateway start() {
            Path dir = dataDir != null ? dataDir : defaultDataDir();
            if (!InstanceIsolation.AUTO.equals(instanceUsers) && !InstanceIsolation.OFF.equals(instanceUsers)) {
                InstanceIsolation.problem(InstanceIsolation.parseRange(instanceUsers), javaCommand).ifPresent(problem -> {
                    throw new IllegalStateException("cannot run instances as users " + instanceUsers + ": " + problem);
                });
            }
            GatewayConfig config = new GatewayConfig(address, port, dir.toAbsolutePath().normalize(), adminToken,
                    autoscaling, bufferSize, maxBundleBytes, maxUnpackedBytes, maxRequestBytes, javaCommand,
                    absolute(workerClasspath), workerJvmOptions, instanceEnvironment, prestartedWorkers,
                    classDataArchives, startTimeout, idleSpin, instanceUsers, async, triggers, out, log);
            try {
                return new Gateway(config);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot use the data directory " + dir + ": " + e.getMessage(), e);
            }
        }

        /** The class path with every entry absolute, since instances run in their own working directories. */
        private static String absolute(String classpath) {
            List<String> entries = new ArrayList<>();
            for (String entry : classpath.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.add(Path.of(entry).toAbsolutePath().normalize().toString());
                }
            }
            return String.join(java.io.File.pathSeparator, entries);
        }

        /** Env {@code FNKIT_DATA_DIR}, else {@code ~/.fnkit}. */
        public static Path defaultDataDir() {
            String env = System.getenv("FNKIT_DATA_DIR");
            return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".fnkit");
        }
    }
}
