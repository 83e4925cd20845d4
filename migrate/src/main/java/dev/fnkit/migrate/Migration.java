package dev.fnkit.migrate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads classes folders and jars and finds every provider-specific handler in them. */
final class Migration {
    private static final List<Detector> DETECTORS = List.of(new AwsDetector(), new GcpDetector(),
            new AzureDetector(), new SpringDetector());

    private Migration() {
    }

    /**
     * Analyses these inputs. Class files that cannot be parsed are skipped and named in the warnings.
     *
     * @throws IOException when an input cannot be read at all
     */
    static Report analyse(List<Path> inputs) throws IOException {
        List<ClassInfo> classes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Path input : inputs) {
            for (ClassFiles.Entry entry : ClassFiles.read(input)) {
                try {
                    classes.add(ClassParser.parse(entry.bytes()));
                } catch (IllegalArgumentException e) {
                    warnings.add(entry.origin() + ": " + e.getMessage());
                }
            }
        }
        ClassIndex index = new ClassIndex(classes);
        List<Handler> handlers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ClassInfo info : index.all()) {
            for (Detector detector : DETECTORS) {
                for (Handler handler : detector.detect(info, index)) {
                    boolean azure = detector instanceof AzureDetector;
                    String method = azure || detector instanceof SpringDetector ? handler.method() : null;
                    handlers.add(unique(handler, names).withApis(ApiRules.uses(info, index, method, azure)));
                }
            }
        }
        return new Report(inputs.stream().map(Path::toString).toList(), classes.size(), handlers,
                SuggestedApp.source(handlers, index), warnings);
    }

    /** The handler with a function name no earlier handler has ({@code name-2}, ... on a clash). */
    private static Handler unique(Handler handler, Set<String> names) {
        String name = handler.function();
        for (int i = 2; !names.add(name); i++) {
            name = handler.function() + "-" + i;
        }
        if (name.equals(handler.function())) {
            return handler;
        }
        String from = Names.quote(handler.function());
        String to = Names.quote(name);
        return new Handler(handler.provider(), handler.kind(), handler.className(), handler.method(), name,
                handler.trigger(), handler.eventType(), handler.portable(),
                handler.compat() == null ? null : handler.compat().replace(from, to),
                handler.declaration().replace(from, to), handler.apis());
    }
}
