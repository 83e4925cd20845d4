package dev.fnkit.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.StorageObjectEvent;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.FunctionDefinition;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Azure Blob Storage trigger → {@link StorageObjectEvent} with change {@code CREATED} (the blob trigger fires for new
 * and overwritten blobs only). The trigger path is {@code <container>/{name}}, so metadata {@code name} is the blob
 * name; the size is the content's length, and content type, ETag, last-modified time and version come from metadata
 * {@code Properties} when it has them. The event id is the invocation id; the subject is
 * {@code /blobServices/default/containers/<container>/blobs/<name>}, as Event Grid's blob events have it. The host
 * downloads the blob to invoke the function; its content is the event's {@code rawData()}.
 */
final class BlobEvents {
    private BlobEvents() {
    }

    /** The native inputs of one invocation, as the emulator passes them. */
    record Native(byte[] content, String name, String properties) {
    }

    static Event<StorageObjectEvent> read(FunctionDefinition function, byte[] content, String name,
                                          String properties, String invocationId) {
        String container = ((Trigger.Storage) function.trigger()).bucket();
        String key = TriggerMetadata.text(name);
        JsonNode props = TriggerMetadata.json(properties);
        if (props != null && props.isTextual()) {
            props = TriggerMetadata.json(props.asText());
        }
        String modified = text(props, "LastModified");
        Instant time = modified == null ? null : TriggerMetadata.parseTime(modified);
        byte[] bytes = content == null ? new byte[0] : content;
        StorageObjectEvent data = new StorageObjectEvent(container, key == null ? "" : key, StorageChange.CREATED,
                bytes.length, text(props, "ContentType"), text(props, "ETag"), text(props, "VersionId"), time);
        return Events.envelope(invocationId, "azure:blob:" + container, EventGridEvents.BLOB_CREATED,
                "/blobServices/default/containers/" + container + "/blobs/" + data.key(), time, data,
                Body.of(bytes), Events.metadata(Bindings.BLOB_NAME, name, Bindings.BLOB_PROPERTIES, properties));
    }

    static Native toNative(Event<?> event, StorageObjectEvent object) {
        Instant time = object.time() != null ? object.time() : event.time().map(Instant::from).orElseGet(Instant::now);
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        properties.put("LastModified", Events.newtonsoftTime(time) + "+00:00");
        properties.put("CreatedOn", Events.newtonsoftTime(time) + "+00:00");
        properties.put("BlobType", "Block");
        properties.put("ContentLength", Math.max(0, object.size()));
        properties.put("ContentType", object.contentType() == null ? "application/octet-stream"
                : object.contentType());
        properties.put("ETag", object.etag() == null ? "\"0x8DC0000000000000\"" : object.etag());
        if (object.version() != null) {
            properties.put("VersionId", object.version());
        }
        return new Native(new byte[(int) Math.max(0, Math.min(object.size(), 1 << 20))], object.key(),
                properties.toString());
    }

    /** A blob name as it appears in a blob URL: each path segment percent-encoded. */
    static String encodePath(String name) {
        StringBuilder out = new StringBuilder();
        for (String segment : name.split("/", -1)) {
            if (out.length() > 0 || name.startsWith("/")) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isValueNode() && !value.isNull() && !value.asText().isEmpty()
                ? value.asText() : null;
    }
}
