package {{package}};

import dev.fnkit.api.Context;
import dev.fnkit.api.Event;
import dev.fnkit.api.EventFunction;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.StorageObjectEvent;

/** Runs when an object is created in the bucket; refuses objects over 10 MiB (they are not retried). */
public final class Handler implements EventFunction<StorageObjectEvent> {
    static final long MAX_BYTES = 10L * 1024 * 1024;

    @Override
    public void handle(Event<StorageObjectEvent> event, Context context) {
        StorageObjectEvent object = event.data();
        if (object.size() > MAX_BYTES) {
            throw FunctionException.unprocessable("too-large", object.key() + " is over " + MAX_BYTES + " bytes");
        }
        context.logger().with("bucket", object.bucket()).info("new object " + object.key() + " (" + object.size()
                + " bytes)");
    }
}
