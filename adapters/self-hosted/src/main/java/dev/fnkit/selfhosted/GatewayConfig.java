package dev.fnkit.selfhosted;

import dev.fnkit.selfhosted.async.AsyncSettings;
import dev.fnkit.selfhosted.triggers.TriggerSettings;

import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the gateway is configured with; see {@link Gateway.Builder} for each setting.
 */
record GatewayConfig(InetAddress address, int port, Path dataDir, String adminToken, Autoscaling autoscaling,
                     int bufferSize, long maxBundleBytes, long maxUnpackedBytes, int maxRequestBytes,
                     String javaCommand, String workerClasspath, List<String> workerJvmOptions,
                     Map<String, String> instanceEnvironment, int prestartedWorkers,
                     boolean classDataArchives, Duration startTimeout, Duration idleSpin,
                     String instanceUsers,
                     AsyncSettings async, TriggerSettings triggers,
                     PrintStream out,
                     PrintStream log) {
    GatewayConfig {
        workerJvmOptions = List.copyOf(workerJvmOptions);
        instanceEnvironment = Map.copyOf(instanceEnvironment);
    }

    /**
     * The working directories of this gateway process's instances: its own, since a gateway taking over from another
     * on the same data directory runs beside it for a while.
     */
    Path instancesDir() {
        return dataDir.resolve("instances").resolve(Long.toString(ProcessHandle.current().pid()));
    }
}
