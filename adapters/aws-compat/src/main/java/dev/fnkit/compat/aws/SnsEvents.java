package dev.fnkit.compat.aws;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import dev.fnkit.api.Event;
import dev.fnkit.api.TopicMessage;
import dev.fnkit.core.EventData;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link SNSEvent} of one record from a portable topic message, as SNS delivers to Lambda: {@code MessageId} the
 * event id, {@code Message} the text, {@code Subject} the event's subject, {@code Timestamp} the publish time,
 * String {@code MessageAttributes}, the topic ARN and a subscription ARN.
 */
final class SnsEvents {
    private SnsEvents() {
    }

    static SNSEvent toEvent(Event<TopicMessage> event, String topic) {
        TopicMessage message = event.data();
        String topicArn = message.topic() != null && message.topic().startsWith("arn:aws:sns:") ? message.topic()
                : AwsNames.arn("sns", topic, "");
        Instant published = message.publishedAt() != null ? message.publishedAt() : Instant.now();
        Map<String, SNSEvent.MessageAttribute> attributes = new LinkedHashMap<>();
        message.attributes().forEach((name, value) ->
                attributes.put(name, new SNSEvent.MessageAttribute().withType("String").withValue(value)));
        SNSEvent.SNS sns = new SNSEvent.SNS()
                .withType("Notification").withMessageId(event.id()).withTopicArn(topicArn)
                .withSubject(event.subject().orElse(null)).withMessage(EventData.payload(event).text())
                .withTimestamp(new DateTime(published.toEpochMilli(), DateTimeZone.UTC))
                .withSignatureVersion("1").withMessageAttributes(attributes);
        String subscription = message.subscription() != null && message.subscription().startsWith("arn:aws:sns:")
                ? message.subscription() : topicArn + ":fnkit";
        SNSEvent.SNSRecord record = new SNSEvent.SNSRecord().withEventSource("aws:sns").withEventVersion("1.0")
                .withEventSubscriptionArn(subscription).withSns(sns);
        return new SNSEvent().withRecords(new ArrayList<>(List.of(record)));
    }
}
