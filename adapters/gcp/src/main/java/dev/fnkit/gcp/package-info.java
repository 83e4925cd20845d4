/**
 * Runs portable fnkit functions on Google Cloud Functions and packages them for it.
 *
 * <p>Entry points: {@link dev.fnkit.gcp.FnkitHttpFunction} for HTTP and typed functions,
 * {@link dev.fnkit.gcp.FnkitCloudEventsFunction} for event functions; the function they serve is named by env
 * {@code FNKIT_FUNCTION} (or is the application's only function). {@link dev.fnkit.gcp.GcpPackager} writes the
 * deployable folder and its {@code deploy.sh}; {@link dev.fnkit.gcp.GcpEmulator} runs functions in-process through
 * the same entry points.
 */
package dev.fnkit.gcp;
