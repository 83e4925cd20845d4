/**
 * The gateway's edge, checked on the event loop before a request reaches a function: API keys, rate limits, CORS
 * and request-size limits per function, and the secrets given to instances as files.
 */
package dev.fnkit.selfhosted.edge;
