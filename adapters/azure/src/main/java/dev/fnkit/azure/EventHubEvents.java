package dev.fnkit.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.api.StreamRecord;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.EventData;
import dev.fnkit.core.FunctionDefinition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Azure Event Hubs trigger with cardinality {@code many} → a batch of {@link StreamRecord}: the events' bodies as
 * bytes ({@code dataType: binary}), and for each the {@code SequenceNumber}, {@code PartitionKey} and
 * {@code EnqueuedTimeUtc} from metadata {@code SystemPropertiesArray} (one object per event, in order). The event id
 * is the sequence number. The partition id is not among the metadata bound (binding {@code PartitionContext} would
 * fail every invocation where the host leaves it out), so {@link StreamRecord#shard()} is null. CloudEvents source
 * {@code azure:event-hub:<hub>}, type {@value #TYPE}.
 */
final class EventHubEvents {
    static final String TYPE = "com.microsoft.azure.eventhubs.event";

    private EventHubEvents() {
    }

    /** The native inputs of one invocation, as the emulator passes them. */
    record Native(List<byte[]> events, String systemPropertiesArray) {
    }

    static List<Event<?>> read(FunctionDefinition function, List<byte[]> bodies, String systemPropertiesArray,
                               String invocationId) {
        String hub = ((Trigger.Stream) function.trigger()).stream();
        JsonNode properties = TriggerMetadata.json(systemPropertiesArray);
        if (properties != null && properties.isTextual()) {
            properties = TriggerMetadata.json(properties.asText());
        }
        List<Event<?>> events = new ArrayList<>(bodies == null ? 0 : bodies.size());
        for (int i = 0; bodies != null && i < bodies.size(); i++) {
            JsonNode system = properties != null && properties.isArray() && i < properties.size()
                    ? properties.get(i) : null;
            String sequence = TriggerMetadata.field(system, "SequenceNumber");
            if (sequence == null) {
                sequence = TriggerMetadata.field(system, "x-opt-sequence-number");
            }
            if (sequence == null) {
                sequence = invocationId + "-" + i;
            }
            String enqueued = TriggerMetadata.field(system, "EnqueuedTimeUtc");
            Instant arrived = enqueued == null ? null : TriggerMetadata.parseTime(enqueued);
            Body data = Body.of(bodies.get(i));
            StreamRecord record = new StreamRecord(hub, TriggerMetadata.field(system, "PartitionKey"), sequence,
                    data, arrived, null);
            events.add(Events.envelope(sequence, "azure:event-hub:" + hub, TYPE, null, arrived, record, data,
                    system));
        }
        return events;
    }

    static Native toNative(List<Event<?>> events) {
        List<byte[]> bodies = new ArrayList<>(events.size());
        ArrayNode properties = JsonNodeFactory.instance.arrayNode();
        long offset = 4096;
        for (int i = 0; i < events.size(); i++) {
            Event<?> event = events.get(i);
            StreamRecord record = event.data() instanceof StreamRecord r ? r : null;
            Body payload = EventData.payload(event);
            bodies.add(payload.bytes());
            Instant arrived = record != null && record.arrivedAt() != null ? record.arrivedAt()
                    : event.time().map(Instant::from).orElseGet(Instant::now);
            String sequence = record != null && record.sequenceNumber() != null ? record.sequenceNumber()
                    : event.id();
            String partitionKey = record == null ? null : record.partitionKey();
            ObjectNode system = properties.addObject();
            system.put("x-opt-sequence-number", sequence);
            system.put("x-opt-offset", String.valueOf(offset));
            system.put("x-opt-enqueued-time", Events.newtonsoftTime(arrived) + "+00:00");
            if (partitionKey == null) {
                system.putNull("x-opt-partition-key");
            } else {
                system.put("x-opt-partition-key", partitionKey);
            }
            putNumberOrText(system, "SequenceNumber", sequence);
            system.put("Offset", offset);
            if (partitionKey == null) {
                system.putNull("PartitionKey");
            } else {
                system.put("PartitionKey", partitionKey);
            }
            system.put("EnqueuedTimeUtc", Events.newtonsoftTime(arrived));
            offset += payload.size() + 128;
        }
        return new Native(bodies, properties.toString());
    }

    private static void putNumberOrText(ObjectNode node, String field, String value) {
        try {
            node.put(field, Long.parseLong(value));
        } catch (NumberFormatException e) {
            node.put(field, value);
        }
    }
}
