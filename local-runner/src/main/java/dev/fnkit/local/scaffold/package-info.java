/**
 * {@code fnkit new}: function projects made from templates (resources under {@code templates/}), and the export of
 * the same templates as the content of the fnkit Maven archetype ({@link dev.fnkit.local.scaffold.ArchetypeExport}).
 */
package dev.fnkit.local.scaffold;
