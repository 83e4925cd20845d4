package dev.fnkit.local.scaffold;

import javax.lang.model.SourceVersion;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@code fnkit new} makes: a function's name, its template and the project's coordinates, validated.
 *
 * @param name         the function's name, also the artifactId and the project directory's name
 * @param template     the template
 * @param lang         the language of an exec function; null for the Java templates
 * @param groupId      the Maven groupId
 * @param packageName  the Java package
 * @param version      the project's version
 * @param fnkitVersion the fnkit version the project builds with
 */
record Project(String name, Template template, Lang lang, String groupId, String packageName, String version,
               String fnkitVersion) {
    static final String DEFAULT_GROUP_ID = "com.example";
    static final String DEFAULT_VERSION = "0.1.0-SNAPSHOT";

    /** The rule for function names (the same as {@code dev.fnkit.api.Functions} applies). */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Pattern GROUP_ID = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    /** @throws IllegalArgumentException naming what is wrong */
    Project {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(fnkitVersion, "fnkitVersion");
        requireName(name);
        if (!GROUP_ID.matcher(groupId).matches()) {
            throw new IllegalArgumentException("'" + groupId + "' is not a Maven groupId (letters, digits, '.', '_'"
                    + " and '-', e.g. com.example)");
        }
        if (!SourceVersion.isName(packageName, SourceVersion.RELEASE_17)) {
            throw new IllegalArgumentException("'" + packageName + "' is not a Java package name (e.g. com.example."
                    + name.replace("-", "") + ")");
        }
        if (template.java() && lang != null) {
            throw new IllegalArgumentException("--lang is for the exec template; " + template.id()
                    + " makes a Java project");
        }
        if (!template.java() && lang == null) {
            lang = Lang.SHELL;
        }
    }

    /** A project with the default version, package and fnkit version. */
    static Project of(String name, Template template, Lang lang, String groupId, String packageName,
                      String fnkitVersion) {
        requireName(name);
        String group = groupId == null ? DEFAULT_GROUP_ID : groupId;
        String pkg = packageName == null ? defaultPackage(group, name) : packageName;
        return new Project(name, template, lang, group, pkg, DEFAULT_VERSION, fnkitVersion);
    }

    /** The group id and the name without hyphens, each segment made a Java identifier where it is not one. */
    static String defaultPackage(String groupId, String name) {
        StringBuilder pkg = new StringBuilder();
        for (String segment : (groupId + "." + name.replace("-", "")).split("\\.")) {
            String identifier = segment.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            if (identifier.isEmpty()) {
                continue;
            }
            if (!Character.isJavaIdentifierStart(identifier.charAt(0)) || SourceVersion.isKeyword(identifier)) {
                identifier = "_" + identifier;
            }
            pkg.append(pkg.length() == 0 ? "" : ".").append(identifier);
        }
        return pkg.toString();
    }

    static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a function name: use 1 to 63 lower-case"
                    + " letters, digits and hyphens, starting with a letter (e.g. hello or order-events)");
        }
    }

    String artifactId() {
        return name;
    }

    /** The values of the templates' {@code {{token}}}s, except the adapters' XML (see {@link Scaffold}). */
    Map<String, String> tokens() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("name", name);
        tokens.put("template", template.id());
        tokens.put("groupId", groupId);
        tokens.put("artifactId", artifactId());
        tokens.put("version", version);
        tokens.put("package", packageName);
        tokens.put("packagePath", packageName.replace('.', '/'));
        tokens.put("fnkitVersion", fnkitVersion);
        tokens.put("sampleData", template.sampleData());
        tokens.put("handler", lang == null ? "" : lang.handler());
        return tokens;
    }
}
