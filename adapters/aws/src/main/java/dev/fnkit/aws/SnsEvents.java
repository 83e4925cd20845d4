package dev.fnkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.api.TopicMessage;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.EventData;
import dev.fnkit.core.FunctionDefinition;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SNS → {@link TopicMessage}: id {@code Sns.MessageId}, topic {@code Sns.TopicArn}, body {@code Sns.Message},
 * attributes {@code Sns.MessageAttributes}' {@code Value}, published at {@code Sns.Timestamp}, subscription
 * {@code EventSubscriptionArn}. CloudEvents (as the CloudEvents SNS adapter maps it): source the subscription ARN,
 * type {@code com.amazonaws.sns.} + {@code Sns.Type}, subject {@code Sns.Subject}.
 */
final class SnsEvents implements EventSource {
    static final SnsEvents INSTANCE = new SnsEvents();

    private SnsEvents() {
    }

    @Override
    public String description() {
        return "SNS";
    }

    @Override
    public List<Event<?>> read(JsonNode event, FunctionDefinition function, EventJson json) {
        JsonNode records = json.records(event);
        List<Event<?>> events = new ArrayList<>(records.size());
        int index = 0;
        for (JsonNode record : records) {
            String where = "record " + index;
            json.checkSource(record, index++, "aws:sns");
            JsonNode sns = json.object(record, "Sns", where);
            String id = json.text(sns, "MessageId", where + " Sns");
            String text = json.text(sns, "Message", where + " Sns");
            String topicArn = EventJson.optionalText(sns, "TopicArn");
            String subscription = EventJson.optionalText(record, "EventSubscriptionArn");
            String type = EventJson.optionalText(sns, "Type");
            Instant published = EventJson.isoTime(EventJson.optionalText(sns, "Timestamp"));
            Body body = Body.of(text);
            TopicMessage message = new TopicMessage(id, topicArn == null
                    ? ((Trigger.Topic) function.trigger()).topic() : topicArn, body,
                    EventJson.attributes(sns.get("MessageAttributes"), "Value"), published, subscription);
            String source = subscription != null ? subscription : topicArn != null ? topicArn : "aws:sns";
            events.add(Event.builder().id(id).source(source)
                    .type("com.amazonaws.sns." + (type == null ? "Notification" : type))
                    .subject(EventJson.optionalText(sns, "Subject")).time(EventJson.envelopeTime(published))
                    .data(message).rawData(body).nativeEvent(record).build());
        }
        return events;
    }

    @Override
    public Failures failures(JsonNode event) {
        return Failures.WHOLE_EVENT;
    }

    @Override
    public JsonNode toNative(List<Event<?>> events, FunctionDefinition function) {
        String topic = ((Trigger.Topic) function.trigger()).topic();
        String topicArn = topic.startsWith("arn:") ? topic
                : "arn:aws:sns:" + AwsEmulator.REGION + ":" + AwsEmulator.ACCOUNT + ":" + topic;
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode records = root.putArray("Records");
        for (Event<?> event : events) {
            TopicMessage message = event.data() instanceof TopicMessage m ? m : null;
            Instant published = message != null && message.publishedAt() != null ? message.publishedAt()
                    : event.time().map(Instant::from).orElseGet(Instant::now);
            ObjectNode record = records.addObject();
            record.put("EventSource", "aws:sns");
            record.put("EventVersion", "1.0");
            record.put("EventSubscriptionArn", topicArn + ":" + UUID.nameUUIDFromBytes(topicArn.getBytes()));
            ObjectNode sns = record.putObject("Sns");
            sns.put("Type", "Notification");
            sns.put("MessageId", event.id());
            sns.put("TopicArn", topicArn);
            sns.put("Subject", event.subject().orElse(null));
            sns.put("Message", EventData.payload(event).text());
            sns.put("Timestamp", published.truncatedTo(ChronoUnit.MILLIS).toString());
            sns.put("SignatureVersion", "1");
            sns.put("Signature", "tcc6faL2yUC6dgZdmrwh1Y4cGa/ebXEkAi6RibDsvpi+tE/1+82j...65r==");
            sns.put("SigningCertUrl", "https://sns." + AwsEmulator.REGION
                    + ".amazonaws.com/SimpleNotificationService-ac565b8b1a6c5d002d285f9598aa1d9b.pem");
            sns.put("UnsubscribeUrl", "https://sns." + AwsEmulator.REGION
                    + ".amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + record.get("EventSubscriptionArn")
                    .asText());
            ObjectNode attributes = sns.putObject("MessageAttributes");
            for (Map.Entry<String, String> attribute : (message == null ? Map.<String, String>of()
                    : message.attributes()).entrySet()) {
                ObjectNode value = attributes.putObject(attribute.getKey());
                value.put("Type", "String");
                value.put("Value", attribute.getValue());
            }
        }
        return root;
    }
}
