package dev.fnkit.selfhosted;

import dev.fnkit.local.CliOptions;
import dev.fnkit.local.UsageException;
import dev.fnkit.selfhosted.async.AsyncSettings;
import dev.fnkit.selfhosted.triggers.TriggerSettings;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code fnkit serve [apps...] [--port N] [--data-dir DIR] [--bind ADDRESS] [--prestarted N] [--autoscaling S]
 * [--async S] [--buckets DIR] [--instance-uids U]}:
 * starts the gateway, serves what the data
 * directory holds, deploys the named apps (as {@code fnkit run} takes them; one deployed already, unchanged, is
 * left as it is), and serves until SIGTERM or Ctrl-C, which drain in-flight requests and stop every instance. Started
 * on the data directory (and port) of a running gateway, it takes over from it without failing a request (see
 * {@link Gateway}).
 */
final class ServeCommand {
    static final String USAGE = """
            serve [<app>...] [--port N] [--data-dir DIR] [--bind ADDRESS] [--prestarted N]
                  [--autoscaling NAME=VALUE,...] [--async NAME=VALUE,...] [--buckets DIR] [--no-cds]
                  [--instance-uids FIRST-LAST|auto|off]
                Run the self-hosted gateway: every function of every app (Maven project directories, built
                first; jars; classes directories; executable-function directories with a functions.json;
                folders of those) and of the data directory's deployments,
                each in its own autoscaled instance processes, at /function/<name> and its declared routes;
                admin API at /system (bearer token), metrics at /metrics.
                  --port N           the port (default 8080)
                  --data-dir DIR     deployments and the admin token (default $FNKIT_DATA_DIR or ~/.fnkit)
                  --bind ADDRESS     the address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
                  --prestarted N     warm worker JVMs kept for scale-from-zero (default 1; 0 for none)
                  --autoscaling S    autoscaler settings for every function, e.g. stableWindow=60s,
                                     scaleToZeroGrace=30s,tick=2s,targetUtilization=0.7,panicThreshold=2,
                                     panicWindowPercentage=10,maxScaleUpRate=1000,maxScaleDownRate=2,
                                     initialScale=0
                  --async S          retries of asynchronous calls and trigger events, e.g. maxAttempts=10,
                                     initialDelay=10s,maxDelay=120s,pollInterval=500ms,maxInFlight=256
                  --buckets DIR      the directories of storage buckets (default DATA_DIR/buckets)
                  --no-cds           no class-data archives for instances started from scratch
                  --idle-spin US     microseconds the gateway keeps polling for the next message before its
                                     threads sleep, while at most one request is in flight (default 50; 0 for
                                     never): less latency at light load for that much CPU per message
                  --instance-uids U  the user ids instances run as, one each (default auto: 200000-299999
                                     when run as root, else the gateway's own user; off for that always)
                Graceful restart (Linux): started on the data directory and port of a running gateway, it takes
                over its listening socket, starts instances as warm as the running one's, and only then has the
                running one stop taking connections, finish its requests and exit; no request fails meanwhile.
                Example:
                  fnkit serve samples --port 8080
            """;

    private ServeCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        CliOptions line = CliOptions.parse("serve", args, Set.of("--port", "--data-dir", "--bind", "--prestarted",
                "--autoscaling", "--async", "--buckets", "--instance-uids", "--idle-spin"), Set.of("--no-cds"));
        Gateway.Builder builder = Gateway.builder().port(line.intValue("--port", 8080, 0, 65535))
                .prestartedWorkers(line.intValue("--prestarted", 1, 0, 64))
                .idleSpin(Duration.ofNanos(1000L * line.intValue("--idle-spin", Gateway.DEFAULT_IDLE_SPIN_MICROS, 0,
                        1000)))
                .classDataArchives(!line.flag("--no-cds")).out(out).log(err);
        if (line.value("--autoscaling").isPresent()) {
            builder.autoscaling(autoscaling(line, line.value("--autoscaling").get()));
        }
        line.value("--data-dir").ifPresent(dir -> builder.dataDir(Path.of(dir)));
        if (line.value("--instance-uids").isPresent()) {
            try {
                builder.instanceUsers(line.value("--instance-uids").get());
            } catch (IllegalArgumentException e) {
                throw line.error("--instance-uids: " + e.getMessage());
            }
        }
        if (line.value("--async").isPresent()) {
            try {
                builder.async(AsyncSettings.DEFAULTS.with(pairs(line, "--async", line.value("--async").get())));
            } catch (IllegalArgumentException e) {
                throw line.error("--async: " + e.getMessage());
            }
        }
        line.value("--buckets").ifPresent(dir -> builder.triggers(TriggerSettings.DEFAULTS.withBucketsDir(
                Path.of(dir).toAbsolutePath())));
        if (line.value("--bind").isPresent()) {
            try {
                builder.address(InetAddress.getByName(line.value("--bind").get()));
            } catch (UnknownHostException e) {
                throw line.error("--bind: unknown address " + line.value("--bind").get());
            }
        }
        Gateway gateway;
        try {
            gateway = builder.start();
        } catch (UncheckedIOException | IllegalStateException e) {
            err.println("fnkit serve: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            out.println("fnkit gateway stopped");
        }, "fnkit-serve-shutdown"));
        try {
            deploy(gateway, line.positional(), err);
        } catch (IllegalStateException | IllegalArgumentException | IOException e) {
            err.println("fnkit serve: " + e.getMessage());
            gateway.close();
            return 1;
        }
        for (String function : gateway.functions()) {
            out.println("  " + gateway.url() + "/function/" + function);
        }
        out.println("fnkit gateway listening on " + gateway.url() + " ("
                + gateway.adminTokenFile().map(file -> "admin token in " + file)
                .orElse("admin token from $" + AdminToken.ENV) + ")");
        try {
            gateway.awaitClose();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gateway.close();
            return 1;
        }
    }

    private static Autoscaling autoscaling(CliOptions line, String settings) throws UsageException {
        Map<String, String> values = pairs(line, "--autoscaling", settings);
        try {
            return Autoscaling.DEFAULTS.with(values);
        } catch (IllegalArgumentException e) {
            throw line.error("--autoscaling: " + e.getMessage());
        }
    }

    private static Map<String, String> pairs(CliOptions line, String option, String settings)
            throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String setting : settings.split(",")) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw line.error(option + " takes NAME=VALUE pairs separated by commas, not '" + setting + "'");
            }
            values.put(setting.substring(0, eq).strip(), setting.substring(eq + 1).strip());
        }
        return values;
    }

    /** Builds a bundle of each app at these locations and deploys it. */
    static void deploy(Gateway gateway, List<String> locations, PrintStream log) throws IOException {
        if (locations.isEmpty()) {
            return;
        }
        Path staging = Files.createTempDirectory("fnkit-serve-");
        try {
            for (String location : locations) {
                List<Path> bundles = new java.util.ArrayList<>();
                List<Path> executables = ExecutableBundles.find(Path.of(location));
                for (Path executable : executables) {
                    bundles.add(ExecutableBundles.zip(executable, staging));
                }
                if (ExecutableBundles.hasJavaApps(Path.of(location), executables)) {
                    bundles.addAll(AppBundles.write(Path.of(location), staging, log));
                }
                for (Path bundle : bundles) {
                    Deployments.Change change = gateway.deploy(bundle, Deployments.Mode.UPSERT_CHANGED);
                    log.println("fnkit: " + (change.unchanged() ? "deployed already, unchanged: " : "deployed ")
                            + bundle.getFileName() + ": " + String.join(", ", change.current().manifest().functions()
                            .stream().map(FunctionSpec::name).toList()));
                }
            }
        } finally {
            InstanceLauncher.deleteTree(staging);
        }
    }
}
