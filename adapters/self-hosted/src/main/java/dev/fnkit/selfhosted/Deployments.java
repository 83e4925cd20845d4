package dev.fnkit.selfhosted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.core.DeclarationException;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.Json;
import dev.fnkit.core.Router;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The deployed applications, kept in the data directory so that they come back after a restart:
 * {@code apps/<app>/<revision>/} holds an unpacked bundle and {@code apps/<app>/deployment.json} names the current
 * revision and its autoscaler settings. Function names are unique across applications and routes may not clash.
 */
final class Deployments {
    /** How a deployment treats an application that is already deployed. */
    enum Mode {
        /** Refuse it (409). */
        CREATE,
        /** Require it (404 otherwise). */
        UPDATE,
        /** Either. */
        UPSERT,
        /** Either, but the very bundle deployed already (same files, same settings) is left as it is. */
        UPSERT_CHANGED
    }

    private static final String RECORD = "deployment.json";

    private final Path appsDir;
    private final BundleReader reader;
    private final Map<String, DeployedApp> apps = new LinkedHashMap<>();

    Deployments(Path dataDir, BundleReader reader) {
        this.appsDir = dataDir.resolve("apps");
        this.reader = reader;
    }

    synchronized List<DeployedApp> apps() {
        return List.copyOf(apps.values());
    }

    /** The application that has this function. */
    synchronized Optional<DeployedApp> appOf(String function) {
        for (DeployedApp app : apps.values()) {
            for (FunctionSpec spec : app.manifest().functions()) {
                if (spec.name().equals(function)) {
                    return Optional.of(app);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Reads the applications deployed before, dropping leftovers (unfinished uploads, old revisions).
     *
     * @return the applications, and for each one that cannot be restored, a line saying why
     */
    synchronized List<String> restore() throws IOException {
        Files.createDirectories(appsDir);
        List<String> problems = new ArrayList<>();
        for (Path dir : list(appsDir)) {
            String name = dir.getFileName().toString();
            if (name.startsWith(".incoming-")) {
                InstanceLauncher.deleteTree(dir);
                continue;
            }
            Path record = dir.resolve(RECORD);
            if (!Files.isRegularFile(record)) {
                continue;
            }
            try {
                JsonNode node = Json.mapper().readTree(record.toFile());
                int revision = node.path("revision").asInt();
                Path revisionDir = dir.resolve(Integer.toString(revision));
                BundleManifest manifest = BundleManifest.parse(Files.readAllBytes(
                        revisionDir.resolve(BundleManifest.FILE_NAME)));
                String jar = node.path("appJar").asText("");
                Map<String, String> autoscaling = new LinkedHashMap<>();
                node.path("autoscaling").fields().forEachRemaining(e -> autoscaling.put(e.getKey(),
                        e.getValue().asText()));
                checkClashes(manifest, name);
                apps.put(name, new DeployedApp(name, revision, revisionDir,
                        jar.isEmpty() ? null : revisionDir.resolve(jar), manifest, autoscaling,
                        Instant.parse(node.path("deployedAt").asText())));
                for (Path other : list(dir)) {
                    if (Files.isDirectory(other) && !other.equals(revisionDir)) {
                        InstanceLauncher.deleteTree(other);
                    }
                }
            } catch (IOException | RuntimeException | BundleException e) {
                problems.add("app '" + name + "' in " + dir + " cannot be restored: " + e.getMessage());
            }
        }
        return problems;
    }

    /**
     * Unpacks, checks and records a bundle as the current revision of its application.
     *
     * @param size        the bundle's size in bytes, or -1 when unknown
     * @param autoscaling autoscaler settings for its functions
     * @return the new deployment and the one it replaces (or null)
     */
    synchronized Change deploy(InputStream bundle, long size, Map<String, String> autoscaling, Mode mode)
            throws BundleException, IOException {
        if (size >= 0) {
            reader.checkSize(size);
        }
        Files.createDirectories(appsDir);
        Path incoming = appsDir.resolve(".incoming-" + UUID.randomUUID());
        try {
            BundleReader.Unpacked unpacked = reader.unpack(bundle, incoming);
            return install(incoming, unpacked.manifest(), unpacked.appJar(), autoscaling, mode);
        } finally {
            InstanceLauncher.deleteTree(incoming);
        }
    }

    /** Records an application of executables that needs no files but its manifest. */
    synchronized Change deploy(BundleManifest manifest, Map<String, String> autoscaling, Mode mode)
            throws BundleException, IOException {
        Files.createDirectories(appsDir);
        Path incoming = appsDir.resolve(".incoming-" + UUID.randomUUID());
        try {
            Files.createDirectories(incoming);
            Files.write(incoming.resolve(BundleManifest.FILE_NAME), manifest.toJson());
            BundleManifest checked = BundleManifest.parse(manifest.toJson());
            return install(incoming, checked, null, autoscaling, mode);
        } finally {
            InstanceLauncher.deleteTree(incoming);
        }
    }

    /**
     * Removes a function; an application left without functions is removed whole.
     *
     * @return the application before and after (after is null when it was removed), or empty for no such function
     */
    synchronized Optional<Change> remove(String function) throws IOException {
        Optional<DeployedApp> owner = appOf(function);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        DeployedApp app = owner.get();
        List<FunctionSpec> kept = new ArrayList<>(app.manifest().functions());
        kept.removeIf(spec -> spec.name().equals(function));
        if (kept.isEmpty()) {
            apps.remove(app.name());
            Files.deleteIfExists(appsDir.resolve(app.name()).resolve(RECORD));
            return Optional.of(new Change(null, app));
        }
        BundleManifest manifest = new BundleManifest(app.manifest().app(), app.manifest().version(),
                app.manifest().appClasses(), kept);
        Files.write(app.directory().resolve(BundleManifest.FILE_NAME), manifest.toJson());
        DeployedApp after = new DeployedApp(app.name(), app.revision(), app.directory(), app.appJar(), manifest,
                app.autoscaling(), app.deployedAt());
        apps.put(app.name(), after);
        return Optional.of(new Change(after, app));
    }

    /** Deletes the files of a removed application. */
    synchronized void delete(DeployedApp app) {
        if (!apps.containsKey(app.name())) {
            InstanceLauncher.deleteTree(appsDir.resolve(app.name()));
        }
    }

    /**
     * A deployment's effect.
     *
     * @param current  the application now, or null when it was removed
     * @param previous the application before, or null when it is new
     */
    record Change(DeployedApp current, DeployedApp previous) {
        /** True when the bundle was the one deployed already, with the same settings: nothing to do. */
        boolean unchanged() {
            return current == previous;
        }
    }

    /** True when both directories hold the same files with the same contents. */
    private static boolean sameFiles(Path one, Path other) throws IOException {
        List<Path> files = files(one);
        if (!files.equals(files(other))) {
            return false;
        }
        for (Path file : files) {
            if (Files.mismatch(one.resolve(file), other.resolve(file)) != -1) {
                return false;
            }
        }
        return true;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }

    private Change install(Path incoming, BundleManifest manifest, Path appJar, Map<String, String> autoscaling,
                           Mode mode) throws BundleException, IOException {
        String name = manifest.app();
        DeployedApp existing = apps.get(name);
        if (mode == Mode.CREATE && existing != null) {
            throw new BundleException(409, "app '" + name + "' is deployed already; update it with PUT");
        }
        if (mode == Mode.UPDATE && existing == null) {
            throw new BundleException(404, "app '" + name + "' is not deployed; create it with POST");
        }
        checkClashes(manifest, name);
        for (String setting : autoscaling.keySet()) {
            int dot = setting.indexOf('.');
            if (dot >= 0 && manifest.functions().stream().noneMatch(f -> f.name().equals(setting.substring(0, dot)))) {
                throw new BundleException("autoscaling setting " + setting + " names no function of app '" + name
                        + "'");
            }
        }
        try {
            for (FunctionSpec function : manifest.functions()) {
                Autoscaling.DEFAULTS.with(Gateway.settingsFor(function.name(), autoscaling));
            }
        } catch (IllegalArgumentException e) {
            throw new BundleException(e.getMessage());
        }
        if (mode == Mode.UPSERT_CHANGED && existing != null && existing.autoscaling().equals(autoscaling)
                && sameFiles(incoming, existing.directory())) {
            return new Change(existing, existing);
        }
        int revision = existing == null ? 1 : existing.revision() + 1;
        Path appDir = appsDir.resolve(name);
        Path revisionDir = appDir.resolve(Integer.toString(revision));
        InstanceLauncher.deleteTree(revisionDir);
        Files.createDirectories(appDir);
        Files.move(incoming, revisionDir, StandardCopyOption.ATOMIC_MOVE);
        InstanceLauncher.deleteTree(appDir.resolve(Integer.toString(revision - 2)));
        Path jar = appJar == null ? null : revisionDir.resolve(appJar.getFileName().toString());
        Instant now = Instant.now();
        ObjectNode record = Json.mapper().createObjectNode();
        record.put("app", name);
        record.put("revision", revision);
        record.put("deployedAt", now.toString());
        record.put("appJar", jar == null ? "" : jar.getFileName().toString());
        ObjectNode settings = record.putObject("autoscaling");
        autoscaling.forEach(settings::put);
        Path temporary = appDir.resolve(RECORD + ".tmp");
        Files.write(temporary, Json.mapper().writeValueAsBytes(record));
        Files.move(temporary, appDir.resolve(RECORD), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        DeployedApp deployed = new DeployedApp(name, revision, revisionDir, jar, manifest, autoscaling, now);
        apps.put(name, deployed);
        return new Change(deployed, existing);
    }

    private void checkClashes(BundleManifest manifest, String appName) throws BundleException {
        List<FunctionDefinition> others = new ArrayList<>();
        for (DeployedApp app : apps.values()) {
            if (app.name().equals(appName)) {
                continue;
            }
            for (FunctionSpec spec : app.manifest().functions()) {
                for (FunctionSpec mine : manifest.functions()) {
                    if (mine.name().equals(spec.name())) {
                        throw new BundleException(409, "function '" + spec.name() + "' is deployed already by app '"
                                + app.name() + "'; function names must be unique on the gateway");
                    }
                }
                others.add(spec.routing());
            }
        }
        for (FunctionSpec mine : manifest.functions()) {
            others.add(mine.routing());
        }
        try {
            Router.of(others);
        } catch (DeclarationException e) {
            throw new BundleException(409, "the routes of app '" + appName + "' clash with a deployed function: "
                    + e.getMessage());
        }
    }

    /** Every deployed function's routing definition. */
    synchronized List<FunctionDefinition> routing() {
        List<FunctionDefinition> all = new ArrayList<>();
        for (DeployedApp app : apps.values()) {
            for (FunctionSpec spec : app.manifest().functions()) {
                all.add(spec.routing());
            }
        }
        return all;
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
