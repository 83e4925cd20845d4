/**
 * Runs existing Google Cloud Functions code unchanged as portable fnkit functions:
 * {@link dev.fnkit.compat.gcp.GcpCompat} declares an {@code HttpFunction}, a {@code CloudEventsFunction} or a
 * legacy {@code BackgroundFunction} / {@code RawBackgroundFunction}, and hands it the Functions Framework's request
 * and response interfaces over the portable request, the CloudEvent that Google would deliver for the portable
 * event, or the legacy payload and {@code Context} made from that CloudEvent.
 */
package dev.fnkit.compat.gcp;
