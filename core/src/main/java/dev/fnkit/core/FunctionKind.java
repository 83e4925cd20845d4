package dev.fnkit.core;

/** The four kinds of portable function. */
public enum FunctionKind {
    HTTP,
    TYPED,
    EVENT,
    BATCH
}
