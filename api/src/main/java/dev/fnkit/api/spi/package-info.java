/** Service interfaces that fnkit's runtime modules implement for the API; not for function authors. */
package dev.fnkit.api.spi;
