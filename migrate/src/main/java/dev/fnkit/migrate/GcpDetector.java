package dev.fnkit.migrate;

import java.util.List;
import java.util.Optional;

/** Google Cloud Functions classes: {@code HttpFunction}, {@code CloudEventsFunction} and the legacy kinds. */
final class GcpDetector implements ClassDetector {
    static final String API = "com/google/cloud/functions/";
    private static final GenericType OBJECT = new GenericType("java/lang/Object", List.of());

    @Override
    public List<Handler> detect(ClassInfo info, ClassIndex index, String name) {
        String quoted = Names.quote(name);
        String type = info.javaName();
        if (implemented(info, index, "HttpFunction").isPresent()) {
            String compat = "GcpCompat.http(functions, " + quoted + ", new " + type + "())";
            return List.of(handler(info, "HttpFunction", "service", name, "HTTP", null,
                    "an HTTP function: functions.http(name, fn).route(...)", compat, compat));
        }
        if (implemented(info, index, "CloudEventsFunction").isPresent()) {
            String compat = "GcpCompat.pubSub(functions, " + quoted + ", \"TOPIC\", new " + type + "())";
            return List.of(handler(info, "CloudEventsFunction", "accept", name,
                    "CloudEvents (Pub/Sub, Cloud Storage, Eventarc: chosen at deploy time; for Cloud Storage use"
                            + " GcpCompat.storage)", "CloudEvent",
                    "an event function on the same trigger: functions.topic(...), functions.storage(...), ...",
                    compat, compat));
        }
        Optional<GenericType> background = implemented(info, index, "BackgroundFunction");
        if (background.isPresent() || implemented(info, index, "RawBackgroundFunction").isPresent()) {
            Optional<GenericType> payload = background.map(t -> t.arguments().isEmpty() ? OBJECT : t.arguments().get(0));
            String data = payload.map(GenericType::display).orElse("String (raw JSON)");
            String compat = payload
                    .map(p -> "GcpCompat.background(functions, " + quoted + ", Trigger.topic(\"TOPIC\"), "
                            + p.sourceClass() + ".class, new " + type + "())")
                    .orElse("GcpCompat.rawBackground(functions, " + quoted + ", Trigger.topic(\"TOPIC\"), new "
                            + type + "())");
            return List.of(handler(info, background.isPresent() ? "BackgroundFunction" : "RawBackgroundFunction",
                    "accept", name, "legacy background event (Pub/Sub google.pubsub.topic.publish, or Cloud Storage"
                            + " google.storage.object.*: chosen at deploy time; for Cloud Storage use"
                            + " Trigger.storage(\"BUCKET\", StorageChange.CREATED))", data,
                    "an event function: functions.topic(...) or functions.storage(...); the legacy event's"
                            + " Context becomes the portable Event's attributes", compat, compat));
        }
        Optional<GenericType> typed = implemented(info, index, "TypedFunction");
        if (typed.isPresent()) {
            GenericType inputType = typed.get().arguments().isEmpty() ? OBJECT : typed.get().arguments().get(0);
            String input = inputType.display();
            String portable = "functions.typed(" + quoted + ", " + inputType.sourceClass()
                    + ".class, (input, context) -> " + Detector.todo(type, "apply") + ")";
            return List.of(handler(info, "TypedFunction", "apply", name, "HTTP with a JSON body", input,
                    "a typed function: functions.typed(name, Input.class, fn)", null, portable));
        }
        return List.of();
    }

    private static Optional<GenericType> implemented(ClassInfo info, ClassIndex index, String simpleName) {
        return index.implemented(info, API + simpleName);
    }

    private static Handler handler(ClassInfo info, String kind, String method, String name, String trigger,
                                   String eventType, String portable, String compat, String declaration) {
        return new Handler("Google Cloud Functions", kind, info.javaName(), method, name, trigger, eventType,
                portable, compat, declaration, List.of());
    }
}
