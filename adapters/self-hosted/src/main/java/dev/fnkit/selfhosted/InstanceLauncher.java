package dev.fnkit.selfhosted;

import dev.fnkit.api.FunctionOptions;
import dev.fnkit.core.Json;
import dev.fnkit.selfhosted.edge.Edge;
import dev.fnkit.selfhosted.usage.LogStore;
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

/**
 * Starts instance processes: a worker JVM ({@link Worker}) per instance, for JVM functions and, as the watchdog, for
 * executables, or a pre-started worker specialised to the function ({@link PrestartedWorkers}). Each gets only its function's declared environment plus {@code PATH}, {@code JAVA_HOME}, locale and
 * time zone, {@code HOME} and {@code TMPDIR} in its own working directory, and the gateway's configured instance
 * environment; a heap of three quarters of its {@code memoryMb}; and its output re-emitted line by line with the
 * instance id (and captured for {@code /system/logs}). A function that declares secrets gets them as files in its own
 * directory, named by {@code FNKIT_SECRETS_DIR}, and never a pre-started worker.
 */
final class InstanceLauncher {
    private static final List<String> INHERITED = List.of("PATH", "JAVA_HOME", "LANG", "LC_ALL", "TZ",
            "FNKIT_LOG_LEVEL");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The environment variable naming an instance's secrets directory (only when its function declares some). */
    static final String SECRETS_DIR = "FNKIT_SECRETS_DIR";

    private final GatewayConfig config;
    private volatile PrestartedWorkers prestarted;
    private volatile Edge edge;
    private volatile LogStore logs;

    InstanceLauncher(GatewayConfig config) {
        this.config = config;
    }

    /**
     * Starts the process of an instance, or specialises a pre-started worker when the function can take one.
     *
     * @param app the deployed application the function belongs to
     * @throws IOException when the process cannot be started
     */
    Instance launch(FunctionSpec function, DeployedApp app, String id, int generation) throws IOException {
        String token = token();
        List<String> arguments = arguments(function, app, token);
        boolean secrets = edge != null && edge.declaresSecrets(function.name());
        if (prestarted != null && fitsPrestarted(function) && !secrets) {
            Optional<PrestartedWorkers.Prestarted> taken = prestarted.take();
            if (taken.isPresent()) {
                PrestartedWorkers.Prestarted worker = taken.get();
                worker.output().assign(id, token);
                OutputStream stdin = worker.process().getOutputStream();
                stdin.write(Json.encode(arguments));
                stdin.write('\n');
                stdin.flush();
                return new Instance(id, generation, worker.process(), worker.directory(), System.nanoTime(),
                        worker.output().port(), true);
            }
        }
        Path directory = directory(id);
        List<String> command = java(heapMb(function));
        command.addAll(arguments);
        long launched = System.nanoTime();
        Map<String, String> environment = function.options().environment();
        if (secrets) {
            environment = new java.util.HashMap<>(environment);
            environment.put(SECRETS_DIR, edge.secretsFor(function.name(), directory).orElseThrow().toString());
        }
        Process process = start(command, directory, environment);
        InstanceOutput output = new InstanceOutput(process, id, config, logs);
        output.assign(id, token);
        return new Instance(id, generation, process, directory, launched, output.port(), false);
    }

    /** Starts a worker that waits to be specialised. */
    PrestartedWorkers.Prestarted prestart(String id) throws IOException {
        Path directory = directory(id);
        List<String> command = java(heapMb(null));
        command.add(Worker.PRESTARTED);
        long launched = System.nanoTime();
        Process process = start(command, directory, Map.of());
        return new PrestartedWorkers.Prestarted(id, process, directory, new InstanceOutput(process, id, config, logs),
                launched);
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

    /** True for functions a pre-started worker can serve: JVM ones with the default heap and no environment. */
    static boolean fitsPrestarted(FunctionSpec function) {
        return !function.executable() && function.options().environment().isEmpty()
                && heapMb(function) == heapMb(null);
    }

    private Path directory(String id) throws IOException {
        Path directory = config.dataDir().resolve("instances").resolve(id);
        deleteTree(directory);
        Files.createDirectories(directory.resolve("tmp"));
        return directory;
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
        env.put("HOME", directory.toString());
        env.put("TMPDIR", directory.resolve("tmp").toString());
        env.putAll(config.instanceEnvironment());
        env.putAll(environment);
        return builder.start();
    }

    /** The heap of a function's worker, three quarters of its memory; the default function's for null. */
    private static int heapMb(FunctionSpec function) {
        if (function != null && function.executable()) {
            return 64;
        }
        int memory = function == null ? FunctionOptions.DEFAULTS.memoryMb() : function.options().memoryMb();
        return Math.max(32, memory * 3 / 4);
    }

    private List<String> java(int heapMb) {
        List<String> command = new ArrayList<>();
        command.add(config.javaCommand());
        command.add("-Xmx" + heapMb + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Dfile.encoding=UTF-8");
        command.addAll(config.workerJvmOptions());
        command.add("-cp");
        command.add(config.workerClasspath());
        command.add(Worker.class.getName());
        return command;
    }

    private List<String> arguments(FunctionSpec function, DeployedApp app, String token) {
        List<String> arguments = new ArrayList<>(List.of("--function", function.name(), "--ready-token", token,
                "--concurrency", Integer.toString(function.concurrencyLimit()),
                "--timeout-millis", Long.toString(function.options().timeout().toMillis()),
                "--max-body", Integer.toString(config.maxRequestBytes())));
        if (function.executable()) {
            arguments.add("--exec");
            arguments.add("--");
            List<String> exec = new ArrayList<>(function.command());
            Path inBundle = app.directory().resolve(exec.get(0)).normalize();
            if (inBundle.startsWith(app.directory()) && Files.isRegularFile(inBundle)) {
                exec.set(0, inBundle.toString());
            }
            arguments.addAll(exec);
        } else {
            arguments.add("--app");
            arguments.add(app.appJar().toString());
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
