package dev.fnkit.selfhosted;

import dev.fnkit.api.HttpRequest;
import dev.fnkit.selfhosted.edge.Edge;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The gateway settings of a deployment (API-key auth, rate limit, CORS, request-size limit, secrets; see
 * {@link dev.fnkit.selfhosted.edge.Edge}), named like autoscaler settings: plainly for every function of the
 * application, {@code <function>.<setting>} for one. They are given with the deployment (JSON {@code "gateway"},
 * or {@code gateway.<setting>} query parameters with a zip) and set before the deployment goes live, so that a
 * function that needs a key never answers without one; a deployment that fails puts the previous ones back.
 */
final class GatewaySettings {
    private static final String QUERY_PREFIX = "gateway.";
    private static final long MAX_MANIFEST_BYTES = 4L * 1024 * 1024;

    /** A deployment that may fail. */
    interface Deploy {
        Deployments.Change run() throws BundleException, IOException;
    }

    private GatewaySettings() {
    }

    /** The {@code gateway.<setting>} query parameters. */
    static Map<String, String> fromQuery(HttpRequest request) {
        Map<String, String> settings = new LinkedHashMap<>();
        request.query().asMap().forEach((name, values) -> {
            if (name.startsWith(QUERY_PREFIX) && !values.isEmpty()) {
                settings.put(name.substring(QUERY_PREFIX.length()), values.get(0));
            }
        });
        return settings;
    }

    /**
     * Sets an application's gateway settings, then deploys it.
     *
     * @param manifest the application's manifest read ahead, or null when it could not be read (the deployment then
     *                 names the problem, or the settings are set right after it)
     */
    static Deployments.Change deploy(Edge edge, BundleManifest manifest, Map<String, String> settings, Deploy deploy)
            throws BundleException, IOException {
        if (manifest == null) {
            Deployments.Change change = deploy.run();
            configure(edge, change.current().manifest(), settings);
            return change;
        }
        Runnable undo = configure(edge, manifest, settings);
        try {
            return deploy.run();
        } catch (BundleException | IOException | RuntimeException e) {
            undo.run();
            throw e;
        }
    }

    /** The manifest of a zip bundle, or null when there is none to read. */
    static BundleManifest peek(byte[] zip) {
        return peek(new ByteArrayInputStream(zip));
    }

    /** The manifest of a zip bundle file, or null when there is none to read. */
    static BundleManifest peek(Path zip) {
        try (InputStream in = Files.newInputStream(zip)) {
            return peek(in);
        } catch (IOException e) {
            return null;
        }
    }

    private static BundleManifest peek(InputStream in) {
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.getName().equals(BundleManifest.FILE_NAME)) {
                    byte[] json = zip.readNBytes((int) MAX_MANIFEST_BYTES);
                    return BundleManifest.parse(json);
                }
            }
            return null;
        } catch (IOException | BundleException | RuntimeException e) {
            return null;
        }
    }

    private static Runnable configure(Edge edge, BundleManifest manifest, Map<String, String> settings)
            throws BundleException, IOException {
        for (String setting : settings.keySet()) {
            int dot = setting.indexOf('.');
            if (dot >= 0 && manifest.functions().stream()
                    .noneMatch(f -> f.name().equals(setting.substring(0, dot)))) {
                throw new BundleException("gateway setting " + setting + " names no function of app '"
                        + manifest.app() + "'");
            }
        }
        Map<String, Map<String, String>> byFunction = new LinkedHashMap<>();
        for (FunctionSpec function : manifest.functions()) {
            byFunction.put(function.name(), Gateway.settingsFor(function.name(), settings));
        }
        try {
            return edge.configure(manifest.app(), byFunction);
        } catch (IllegalArgumentException e) {
            throw new BundleException(e.getMessage());
        }
    }
}
