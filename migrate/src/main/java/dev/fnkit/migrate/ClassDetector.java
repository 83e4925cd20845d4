package dev.fnkit.migrate;

import java.util.List;

/** Finds handlers that are whole classes: concrete ones, each suggested a function name from its simple name. */
interface ClassDetector extends Detector {
    @Override
    default List<Handler> detect(ClassInfo info, ClassIndex index) {
        return info.concrete() ? detect(info, index, Names.function(info.simpleName())) : List.of();
    }

    /** The handler this concrete class is, if any, with {@code name} as its function name. */
    List<Handler> detect(ClassInfo info, ClassIndex index, String name);
}
