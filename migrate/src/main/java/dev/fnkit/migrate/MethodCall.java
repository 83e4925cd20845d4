package dev.fnkit.migrate;

/** A call instruction: the owner class (internal name), the method name and descriptor. */
record MethodCall(String owner, String name, String descriptor) {
}
