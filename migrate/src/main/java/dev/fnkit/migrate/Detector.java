package dev.fnkit.migrate;

import java.util.List;

/** Finds one provider's handlers in a class. */
interface Detector {
    /** The handlers this class holds (a handler class, or the methods or beans in it). */
    List<Handler> detect(ClassInfo info, ClassIndex index);

    /** A portable declaration whose body is left to write: it compiles, and fails until it is ported. */
    static String todo(String className, String method) {
        return "{ throw new UnsupportedOperationException(" + Names.quote("port " + className + "." + method) + "); }";
    }
}
