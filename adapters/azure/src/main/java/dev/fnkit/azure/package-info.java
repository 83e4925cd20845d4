/**
 * The Azure Functions (Java) adapter: {@link dev.fnkit.azure.FnkitAzure}, the entry point that the generated
 * {@code function.json} files name, one method per trigger kind; {@link dev.fnkit.azure.AzurePackager}, which writes
 * the deployable function app; and {@link dev.fnkit.azure.AzureEmulator}, which runs functions in-process through
 * Azure's native shapes for tests.
 */
package dev.fnkit.azure;
