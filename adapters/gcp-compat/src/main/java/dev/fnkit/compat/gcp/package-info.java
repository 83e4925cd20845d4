/**
 * Runs existing Google Cloud Functions code unchanged as portable fnkit functions:
 * {@link dev.fnkit.compat.gcp.GcpCompat} declares an {@code HttpFunction} or {@code CloudEventsFunction}, hands it
 * the Functions Framework's request and response interfaces over the portable request, or the CloudEvent that
 * Google would deliver for the portable event.
 */
package dev.fnkit.compat.gcp;
