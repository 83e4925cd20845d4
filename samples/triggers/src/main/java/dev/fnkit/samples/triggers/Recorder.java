package dev.fnkit.samples.triggers;

import dev.fnkit.api.Event;
import dev.fnkit.api.EventFunction;
import dev.fnkit.api.spi.JsonCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps what the event functions received where a test can see it: in memory (served by the {@code received}
 * function) and, when env {@code FNKIT_RECORD_DIR} names a folder, as one JSON line per event in
 * {@code <dir>/<function>.jsonl} (for tests that run the sample in another process).
 */
public final class Recorder {
    private static final List<Map<String, Object>> RECEIVED = new ArrayList<>();

    private Recorder() {
    }

    /** An event function that only records. */
    public static <T> EventFunction<T> recording(String function) {
        return (event, context) -> record(function, event);
    }

    /** Records one event. */
    public static void record(String function, Event<?> event) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("function", function);
        entry.put("id", event.id());
        entry.put("source", event.source());
        entry.put("type", event.type());
        entry.put("subject", event.subject().orElse(null));
        entry.put("data", event.data());
        synchronized (RECEIVED) {
            RECEIVED.add(entry);
        }
        String dir = System.getenv("FNKIT_RECORD_DIR");
        if (dir != null && !dir.isBlank()) {
            byte[] line = JsonCodec.get().write(entry);
            try {
                Files.write(Path.of(dir, function + ".jsonl"),
                        (new String(line, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8),
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What a function received (all functions when null), oldest first. */
    public static List<Map<String, Object>> received(String function) {
        synchronized (RECEIVED) {
            return RECEIVED.stream().filter(e -> function == null || function.equals(e.get("function"))).toList();
        }
    }

    /** Forgets everything recorded in memory. */
    public static void clear() {
        synchronized (RECEIVED) {
            RECEIVED.clear();
        }
    }
}
