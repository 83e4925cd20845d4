/**
 * Runs the {@code Function}, {@code Consumer} and {@code Supplier} beans of a Spring Cloud Function application as
 * fnkit functions, so the application runs unchanged on every fnkit target: declare them with
 * {@link dev.fnkit.compat.spring.SpringFunctions} (or extend {@link dev.fnkit.compat.spring.SpringFunctionApp}).
 */
package dev.fnkit.compat.spring;
