package dev.fnkit.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.core.Json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What the per-source event mappings share: building the envelope and writing metadata as the host sends it. */
final class Events {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);

    private Events() {
    }

    static <T> Event<T> envelope(String id, String source, String type, String subject, Instant time, T data,
                                 Body raw, Object nativeEvent) {
        return Event.<T>builder().id(id).source(source).type(type).subject(subject)
                .time(time == null ? null : OffsetDateTime.ofInstant(time, ZoneOffset.UTC))
                .data(data).rawData(raw).nativeEvent(nativeEvent).build();
    }

    /** The metadata a function received, for {@code Event.nativeEvent(Map.class)}; null values are left out. */
    static Map<String, String> metadata(String... namesAndValues) {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                metadata.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return metadata;
    }

    /** A value as the host sends a non-string metadata value: its JSON. */
    static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A {@code DateTimeOffset} in UTC as Newtonsoft writes it, quoted: {@code "2024-05-01T10:00:00.5+00:00"}. */
    static String dateTimeOffset(Instant time) {
        return json(newtonsoftTime(time) + "+00:00");
    }

    /** A .NET {@code DateTime} of unspecified kind as Newtonsoft writes it, quoted and without an offset. */
    static String unspecifiedDateTime(Instant time) {
        return json(newtonsoftTime(time));
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} and up to seven fraction digits without trailing zeros ({@code .FFFFFFF}). */
    static String newtonsoftTime(Instant time) {
        LocalDateTime local = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(local.format(SECONDS));
        String fraction = String.format(Locale.ROOT, "%09d", local.getNano()).substring(0, 7).replaceAll("0+$", "");
        if (!fraction.isEmpty()) {
            out.append('.').append(fraction);
        }
        return out.toString();
    }
}
