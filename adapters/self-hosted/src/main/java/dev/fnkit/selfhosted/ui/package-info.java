/** The gateway's web UI at {@code /ui}: static HTML, JavaScript and CSS served from the jar. */
package dev.fnkit.selfhosted.ui;
