package dev.fnkit.selfhosted;

import dev.fnkit.core.Json;
import dev.fnkit.selfhosted.edge.Edge;
import dev.fnkit.selfhosted.usage.LogStore;
import dev.fnkit.selfhosted.worker.ProcessTrees;
import dev.fnkit.selfhosted.worker.Worker;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Starts instance processes: a worker JVM ({@link Worker}) per instance, for JVM functions and, as the watchdog, for
 * executables, or a pre-started worker specialised to the function ({@link PrestartedWorkers}). Each gets only its
 * function's declared environment plus {@code PATH}, {@code JAVA_HOME}, locale and time zone, {@code HOME} and
 * {@code TMPDIR} in its own working directory, and the gateway's configured instance environment; a heap of three
 * quarters of its {@code memoryMb}, and, where {@link Cgroups} can be written, its own control group limited to
 * {@code memoryMb} plus {@link Cgroups#OVERHEAD_MB} and {@link Cgroups#PIDS_MAX} processes; and its output re-emitted
 * line by line with the instance id (and captured for {@code /system/logs}). A JVM instance started from scratch
 * uses its function's class-data archive when {@link ClassDataArchives} has one. A function that declares secrets
 * gets them as files in its own directory, named by {@code FNKIT_SECRETS_DIR}, and never a pre-started worker.
 * Where {@link InstanceIsolation} is active, each process runs as its own user, which alone can read its directory.
 */
final class InstanceLauncher implements AutoCloseable {
    private static final List<String> INHERITED = List.of("PATH", "JAVA_HOME", "LANG", "LC_ALL", "TZ",
            "FNKIT_LOG_LEVEL");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The Unix domain socket a worker serves the gateway on, in its directory. */
    private static final String SOCKET = "fnkit.sock";
    /** Longer socket paths do not fit {@code sockaddr_un} (108 bytes on Linux, 104 on macOS): those use the port. */
    private static final int MAX_SOCKET_PATH_BYTES = 100;
    private static final int EXECUTABLE_HEAP_MB = 64;

    /** The environment variable naming an instance's secrets directory (only when its function declares some). */
    static final String SECRETS_DIR = "FNKIT_SECRETS_DIR";

    private final GatewayConfig config;
    private final Cgroups cgroups;
    private final ClassDataArchives archives;
    private final InstanceIsolation isolation;
    private final boolean archivable;
    private volatile PrestartedWorkers prestarted;
    private volatile Edge edge;
    private volatile LogStore logs;

    InstanceLauncher(GatewayConfig config) {
        this(config, Cgroups.detect(Path.of("/sys/fs/cgroup")));
    }

    InstanceLauncher(GatewayConfig config, Cgroups cgroups) {
        this.config = config;
        this.cgroups = cgroups;
        this.isolation = InstanceIsolation.configure(config.instanceUsers(), config.dataDir(), config.javaCommand(),
                config.workerClasspath());
        config.log().println(isolation.active() ? "fnkit: instance isolation: " + isolation.describe()
                : "fnkit: warning: instances are not isolated from each other or from the gateway's data: "
                + isolation.describe());
        this.archives = new ClassDataArchives(config.dataDir().resolve("cds"), config.javaCommand() + "\n"
                + config.workerClasspath() + "\n" + config.workerJvmOptions(), config.log());
        config.log().println("fnkit: instance memory limits: " + cgroups.describe());
        List<String> directories = java.util.Arrays.stream(config.workerClasspath().split(java.io.File.pathSeparator))
                .filter(entry -> Files.isDirectory(Path.of(entry))).toList();
        this.archivable = config.classDataArchives() && directories.isEmpty();
        if (config.classDataArchives() && !directories.isEmpty()) {
            config.log().println("fnkit: no class-data archives: the worker class path has directories, which they"
                    + " cannot hold: " + directories);
        }
    }

    /**
     * Prepares for a deployed function: trains its class-data archive and starts pre-started workers of its memory
     * size, both in the background.
     */
    void deployed(FunctionSpec function, DeployedApp app) {
        if (archivable) {
            archives.train(function, app, this::startTraining);
        }
        PrestartedWorkers workers = prestarted;
        if (workers != null && fitsPrestarted(function)) {
            workers.use(function);
            CompletableFuture.runAsync(workers::fill);
        }
    }

    /** Undoes {@link #deployed} when the function (this revision of it) is no longer served. */
    void released(FunctionSpec function) {
        PrestartedWorkers workers = prestarted;
        if (workers != null) {
            workers.release(function);
        }
    }

    /**
     * Starts the process of an instance, or specialises a pre-started worker when the function can take one.
     *
     * @param app the deployed application the function belongs to
     * @throws IOException when the process cannot be started
     */
    Instance.Launched launch(FunctionSpec function, DeployedApp app, String id, int generation) throws IOException {
        String token = token();
        boolean secrets = edge != null && edge.declaresSecrets(function.name());
        if (prestarted != null && fitsPrestarted(function) && !secrets) {
            Optional<PrestartedWorkers.Prestarted> taken = prestarted.take(memoryMb(function));
            if (taken.isPresent()) {
                PrestartedWorkers.Prestarted worker = taken.get();
                worker.output().assign(id, token);
                try {
                    OutputStream stdin = worker.process().getOutputStream();
                    stdin.write(Json.encode(arguments(function, app, token, worker.directory())));
                    stdin.write('\n');
                    stdin.flush();
                } catch (IOException e) {
                    ProcessTrees.kill(worker.process());
                    throw e;
                }
                return new Instance.Launched(worker.process(), worker.directory(), System.nanoTime(),
                        worker.output().endpoint(), true);
            }
        }
        Path directory = directory(id);
        if (function.httpMode()) {
            return HttpExecutables.launch(function, executable(function, app, directory), directory,
                    environment(function, directory, secrets), (command, environment) -> start(command, directory,
                            environment, id, memoryMb(function)),
                    process -> new InstanceOutput(process, id, config, logs), config.startTimeout());
        }
        Optional<Path> archive = function.executable() ? Optional.empty() : archives.existing(function, app);
        if (archive.isPresent()) {
            archive = Optional.of(isolation.readable(archive.get(), directory, "cds.jsa"));
        }
        List<String> command = java(heapMb(function), archive.map(path -> List.of("-XX:SharedArchiveFile=" + path,
                "-Xshare:auto")).orElse(List.of()));
        command.addAll(arguments(function, app, token, directory));
        long launched = System.nanoTime();
        Process process = start(command, directory, environment(function, directory, secrets), id,
                memoryMb(function));
        InstanceOutput output = new InstanceOutput(process, id, config, logs);
        output.assign(id, token);
        return new Instance.Launched(process, directory, launched, output.endpoint(), false);
    }

    /** Starts a worker of a memory size that waits to be specialised. */
    PrestartedWorkers.Prestarted prestart(String id, int memoryMb) throws IOException {
        Path directory = directory(id);
        List<String> command = java(heapMb(memoryMb), List.of());
        command.add(Worker.PRESTARTED);
        long launched = System.nanoTime();
        Process process = start(command, directory, Map.of(), id, memoryMb);
        return new PrestartedWorkers.Prestarted(id, process, directory, new InstanceOutput(process, id, config, logs),
                launched);
    }

    /** Starts a training run of a JVM function that writes its class-data archive to {@code archive} at exit. */
    Process startTraining(FunctionSpec function, DeployedApp app, Path archive) throws IOException {
        String id = function.name() + "-cds";
        Path directory = directory(id);
        Path written = isolation.active() ? directory.resolve("archive.jsa") : archive;
        List<String> command = new ArrayList<>(java(heapMb(function), List.of("-XX:ArchiveClassesAtExit=" + written,
                "-Xlog:cds=off,cds+dynamic=off")));
        String token = token();
        command.addAll(arguments(function, app, token, directory));
        command.add(Worker.TRAIN);
        boolean secrets = edge != null && edge.declaresSecrets(function.name());
        Process process = start(command, directory, environment(function, directory, secrets), id,
                memoryMb(function));
        new InstanceOutput(process, id, config, logs).assign(id, token);
        if (isolation.active()) {
            return new TrainingProcess(process, written, archive, () -> deleteTree(directory));
        }
        process.onExit().thenRun(() -> deleteTree(directory));
        return process;
    }

    private Map<String, String> environment(FunctionSpec function, Path directory, boolean secrets)
            throws IOException {
        Map<String, String> environment = function.options().environment();
        if (secrets) {
            environment = new java.util.HashMap<>(environment);
            environment.put(SECRETS_DIR, edge.secretsFor(function.name(), directory).orElseThrow().toString());
        }
        return environment;
    }

    /** Gives instances their functions' secrets, and captures their output into {@code logs}. */
    void edge(Edge edge, LogStore logs) {
        this.edge = edge;
        this.logs = logs;
    }

    /** Uses these pre-started workers from now on. */
    void prestarted(PrestartedWorkers workers) {
        this.prestarted = workers;
    }

    /**
     * True for functions a pre-started worker can serve: JVM ones that declare no environment (a running JVM's
     * environment cannot change); there are pre-started workers per memory size in use.
     */
    static boolean fitsPrestarted(FunctionSpec function) {
        return !function.executable() && function.options().environment().isEmpty();
    }

    /** Stops class-data training and removes this gateway's control groups and instance root. */
    @Override
    public void close() {
        archives.close();
        cgroups.close();
        isolation.close();
    }

    private Path directory(String id) throws IOException {
        Path directory = isolation.instances().resolve(id);
        deleteTree(directory);
        Files.createDirectories(directory.resolve("tmp"));
        return directory;
    }

    /** Starts a process, in a control group of {@code memoryMb} (plus overhead) named {@code id} when available. */
    private Process start(List<String> command, Path directory, Map<String, String> environment, String id,
                          int memoryMb) throws IOException {
        Cgroups.Group group = cgroups.available() ? cgroups.create(id, memoryMb) : null;
        int uid = -1;
        Process process;
        try {
            uid = isolation.acquire();
            isolation.handOver(directory, uid);
            process = start(isolation.command(uid, command), directory, environment);
        } catch (IOException | RuntimeException e) {
            isolation.release(uid);
            if (group != null) {
                group.remove();
            }
            throw e;
        }
        int user = uid;
        process.onExit().thenRun(() -> isolation.release(user));
        if (group != null) {
            try {
                group.add(process.pid());
            } catch (IOException e) {
                config.log().println("fnkit: instance " + id + " runs without its memory limit: " + e.getMessage());
            }
            process.onExit().thenRun(group::remove);
        }
        return process;
    }

    private Process start(List<String> command, Path directory, Map<String, String> environment)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Map<String, String> env = builder.environment();
        Map<String, String> parent = Map.copyOf(env);
        env.clear();
        for (String name : INHERITED) {
            if (parent.containsKey(name)) {
                env.put(name, parent.get(name));
            }
        }
        env.computeIfPresent("PATH", (name, path) -> isolation.searchPath(path));
        env.put("HOME", directory.toString());
        env.put("TMPDIR", directory.resolve("tmp").toString());
        env.putAll(config.instanceEnvironment());
        env.putAll(environment);
        return builder.start();
    }

    /** The heap of a function's worker: three quarters of its memory; the watchdog's 64 MiB for executables. */
    private static int heapMb(FunctionSpec function) {
        return function.executable() ? EXECUTABLE_HEAP_MB : heapMb(function.options().memoryMb());
    }

    private static int heapMb(int memoryMb) {
        return Math.max(32, memoryMb * 3 / 4);
    }

    /**
     * The memory of an instance's control group before overhead: the function's {@code memoryMb}, plus the
     * watchdog's heap for executables.
     */
    static int memoryMb(FunctionSpec function) {
        int memory = function.options().memoryMb();
        return function.executable() ? memory + EXECUTABLE_HEAP_MB : memory;
    }

    private List<String> java(int heapMb, List<String> options) {
        List<String> command = new ArrayList<>();
        command.add(config.javaCommand());
        command.add("-Xmx" + heapMb + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Dfile.encoding=UTF-8");
        command.addAll(config.workerJvmOptions());
        command.addAll(options);
        command.add("-cp");
        command.add(isolation.classpath());
        command.add(Worker.class.getName());
        return command;
    }

    /**
     * An executable's command line, its program resolved in its bundle (as the instance in {@code directory} sees
     * it) when it is there.
     */
    private List<String> executable(FunctionSpec function, DeployedApp app, Path directory) throws IOException {
        List<String> exec = new ArrayList<>(function.command());
        Path inBundle = app.directory().resolve(exec.get(0)).normalize();
        if (inBundle.startsWith(app.directory()) && Files.isRegularFile(inBundle)) {
            exec.set(0, isolation.bundle(app, directory).resolve(app.directory().relativize(inBundle).toString())
                    .toString());
        }
        return exec;
    }

    /** The worker's arguments for a function, with paths into its bundle as the instance in {@code directory}. */
    private List<String> arguments(FunctionSpec function, DeployedApp app, String token, Path directory)
            throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--function", function.name(), "--ready-token", token,
                "--concurrency", Integer.toString(function.concurrencyLimit()),
                "--timeout-millis", Long.toString(function.options().timeout().toMillis()),
                "--max-body", Integer.toString(config.maxRequestBytes())));
        Path socket = directory.resolve(SOCKET).toAbsolutePath();
        if (socket.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH_BYTES) {
            arguments.add("--socket");
            arguments.add(socket.toString());
        }
        if (function.executable()) {
            arguments.add("--exec");
            arguments.add("--");
            arguments.addAll(executable(function, app, directory));
        } else {
            arguments.add("--app");
            arguments.add(isolation.bundle(app, directory).resolve(app.directory().relativize(app.appJar())
                    .toString()).toString());
            if (!app.manifest().appClasses().isEmpty()) {
                arguments.add("--app-classes");
                arguments.add(String.join(",", app.manifest().appClasses()));
            }
        }
        return arguments;
    }

    private static String token() {
        byte[] nonce = new byte[8];
        RANDOM.nextBytes(nonce);
        return HexFormat.of().formatHex(nonce);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // a leftover directory is removed on the next start
        }
    }
}
