/**
 * {@code fnkit migrate}: reads compiled classes with ASM, without loading them, and reports each AWS Lambda, Google
 * Cloud Functions, Azure Functions and Spring Cloud Function handler with its trigger, the compat layer that runs it
 * on fnkit now, its portable equivalent, the provider APIs it uses that do not carry over, and a {@code FunctionApp}
 * to start from.
 */
package dev.fnkit.migrate;
