package dev.fnkit.selfhosted;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * One deployed revision of an application: its unpacked bundle and declarations.
 *
 * @param name        the application's name
 * @param revision    increases with each deployment of the application
 * @param directory   the unpacked bundle
 * @param appJar      the application jar in it; null when every function is an executable
 * @param manifest    its declarations
 * @param autoscaling autoscaler settings for its functions, by name (see {@link Autoscaling#with})
 * @param deployedAt  when it was deployed
 */
record DeployedApp(String name, int revision, Path directory, Path appJar, BundleManifest manifest,
                   Map<String, String> autoscaling, Instant deployedAt) {
    DeployedApp {
        autoscaling = Map.copyOf(autoscaling);
    }
}
