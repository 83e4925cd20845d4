/**
 * The portable fnkit function API: what a function author writes against, on every provider.
 *
 * <p>Function kinds: {@link dev.fnkit.api.HttpFunction}, {@link dev.fnkit.api.TypedFunction},
 * {@link dev.fnkit.api.EventFunction}, {@link dev.fnkit.api.BatchFunction}, declared with their triggers in a
 * {@link dev.fnkit.api.FunctionApp}. This package has no third-party dependencies.
 */
package dev.fnkit.api;
