/**
 * Usage, logs and the access log of the self-hosted gateway: metering per function and per API key (the basis of
 * pay-per-use), instances' captured output with request ids, and {@code /system/usage} and {@code /system/logs}.
 */
package dev.fnkit.selfhosted.usage;
