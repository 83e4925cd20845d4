package dev.fnkit.selfhosted.triggers;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.StorageObjectEvent;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.Json;
import dev.fnkit.selfhosted.async.AsyncRuntime;
import dev.fnkit.selfhosted.async.Call;
import dev.fnkit.selfhosted.async.DeployedFunction;
import dev.fnkit.selfhosted.async.FunctionRuntime;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Storage triggers on local directories: each bucket a storage function declares is the directory of that name
 * under the buckets directory, scanned periodically. A file that appeared or changed (size or modification time) is
 * a {@link StorageChange#CREATED} object, one that went away {@link StorageChange#DELETED}; keys are paths relative
 * to the bucket with {@code /}. The listing is kept in the journal, so changes made while the runtime was down are
 * delivered after a restart (and a bucket's files present when it is first watched count as created). Files and
 * directories whose names start with {@code .} are ignored: write an object elsewhere and move it in.
 */
final class Buckets {
    private static final String STATE = "storage:";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
    private static final TypeReference<TreeMap<String, String>> LISTING = new TypeReference<>() {
    };

    private final FunctionRuntime functions;
    private final AsyncRuntime async;
    private final Path root;
    private final PrintStream log;
    private final Set<String> refused = new LinkedHashSet<>();

    Buckets(FunctionRuntime functions, AsyncRuntime async, Path root, PrintStream log) {
        this.functions = functions;
        this.async = async;
        this.root = root;
        this.log = log;
    }

    void scan() {
        Set<String> buckets = new LinkedHashSet<>();
        for (DeployedFunction function : functions.functions()) {
            if (function.trigger() instanceof Trigger.Storage storage) {
                buckets.add(storage.bucket());
            }
        }
        for (String bucket : buckets) {
            if (!NAME.matcher(bucket).matches() || bucket.contains("..")) {
                if (refused.add(bucket)) {
                    log.println("fnkit: storage bucket '" + bucket + "' is not a usable directory name; not watched");
                }
                continue;
            }
            scan(bucket);
        }
    }

    private void scan(String bucket) {
        Path dir = root.resolve(bucket);
        TreeMap<String, String> current;
        try {
            Files.createDirectories(dir);
            current = listing(dir);
        } catch (IOException | UncheckedIOException e) {
            log.println("fnkit: storage bucket '" + bucket + "' cannot be read: " + e.getMessage());
            return;
        }
        String key = STATE + bucket;
        TreeMap<String, String> previous = async.journal().state(key).join()
                .map(json -> Json.mapper().convertValue(Json.tree(json.getBytes(StandardCharsets.UTF_8)), LISTING))
                .orElseGet(TreeMap::new);
        if (previous.equals(current)) {
            return;
        }
        List<Call> calls = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (Map.Entry<String, String> object : current.entrySet()) {
            if (!object.getValue().equals(previous.get(object.getKey()))) {
                changed(bucket, object.getKey(), object.getValue(), StorageChange.CREATED, dir, now, calls);
            }
        }
        for (Map.Entry<String, String> object : previous.entrySet()) {
            if (!current.containsKey(object.getKey())) {
                changed(bucket, object.getKey(), object.getValue(), StorageChange.DELETED, dir, now, calls);
            }
        }
        if (!calls.isEmpty()) {
            async.publish(calls).join();
        }
        async.journal().state(key, new String(Json.encode(current), StandardCharsets.UTF_8)).join();
    }

    private void changed(String bucket, String objectKey, String fingerprint, StorageChange change, Path dir,
                         long now, List<Call> calls) {
        String[] parts = fingerprint.split(":");
        long size = Long.parseLong(parts[0]);
        Instant time = change == StorageChange.CREATED ? Instant.ofEpochMilli(Long.parseLong(parts[1]))
                : Instant.ofEpochMilli(now);
        String contentType = null;
        if (change == StorageChange.CREATED) {
            try {
                contentType = Files.probeContentType(dir.resolve(objectKey));
            } catch (IOException e) {
                contentType = null;
            }
        }
        StorageObjectEvent record = new StorageObjectEvent(bucket, objectKey, change, size, contentType,
                fingerprint, null, time);
        String changeName = change.name().toLowerCase(Locale.ROOT);
        Event<Body> event = Events.event(bucket + "/" + objectKey + "@" + fingerprint + "/" + changeName,
                "fnkit:storage:" + bucket, "dev.fnkit.storage." + changeName, objectKey, "application/json",
                Body.of(Json.encode(record)), Instant.ofEpochMilli(now));
        for (DeployedFunction function : functions.functions()) {
            if (function.trigger() instanceof Trigger.Storage storage && storage.bucket().equals(bucket)
                    && storage.changes().contains(change)) {
                calls.add(Events.call("storage", function, event,
                        "storage:" + bucket + "/" + objectKey + "@" + fingerprint + "/" + changeName, null, now));
            }
        }
    }

    private static TreeMap<String, String> listing(Path dir) throws IOException {
        TreeMap<String, String> listing = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = dir.relativize(file);
                if (hidden(relative)) {
                    continue;
                }
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (IOException gone) {
                    continue;
                }
                if (attributes.isRegularFile()) {
                    listing.put(relative.toString().replace('\\', '/'),
                            attributes.size() + ":" + attributes.lastModifiedTime().toMillis());
                }
            }
        }
        return listing;
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
