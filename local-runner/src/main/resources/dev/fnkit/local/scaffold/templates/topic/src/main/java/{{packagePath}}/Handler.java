package {{package}};

import dev.fnkit.api.Context;
import dev.fnkit.api.Event;
import dev.fnkit.api.EventFunction;
import dev.fnkit.api.FunctionException;

/** Receives every message published to the topic; a message without text is refused and not retried. */
public final class Handler implements EventFunction<Handler.Notice> {
    /** A message's JSON data. */
    public record Notice(String text) {
    }

    @Override
    public void handle(Event<Notice> event, Context context) {
        Notice notice = event.data();
        if (notice == null || notice.text() == null || notice.text().isBlank()) {
            throw FunctionException.badRequest("text-missing", "Message " + event.id() + " has no text");
        }
        context.logger().with("messageId", event.id()).info("notice: " + notice.text());
    }
}
