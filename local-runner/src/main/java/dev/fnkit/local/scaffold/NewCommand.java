package dev.fnkit.local.scaffold;

import dev.fnkit.local.CliCommand;
import dev.fnkit.local.CliOptions;
import dev.fnkit.local.UsageException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code fnkit new <name> [--template T] [--lang L] [--group-id G] [--package P] [--dir D]}: creates a function
 * project from a template.
 */
public final class NewCommand implements CliCommand {
    private static final String USAGE = """
            new <name> [--template T] [--lang L] [--group-id G] [--package P] [--dir D]
                Create a project for a new function. The Java templates make a Maven project: a FunctionApp that
                declares the function with its trigger, the function, and a JUnit 5 test that runs it locally and
                through every provider adapter; mvn package packages it for every target. The exec template makes
                an executable for the self-hosted runtime. The name is the function's: lower-case letters, digits
                and hyphens, starting with a letter.
                  --template T       %s (default http)
                  --lang L           the exec template's language: shell (default) or python
                  --group-id G       the Maven groupId (default %s)
                  --package P        the Java package (default: the groupId and the name, e.g. com.example.hello)
                  --dir D            the directory to create (default ./<name>); it must be new or empty
                Example:
                  fnkit new orders --template queue --group-id com.acme
            """.formatted(Template.ids(List.of(Template.values()), ", "), Project.DEFAULT_GROUP_ID);

    private final String fnkitVersion;

    /**
     * A command that makes projects building with this fnkit version.
     *
     * @param fnkitVersion the version the generated poms use
     */
    public NewCommand(String fnkitVersion) {
        this.fnkitVersion = fnkitVersion;
    }

    @Override
    public String name() {
        return "new";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException, IOException {
        CliOptions options = CliOptions.parse("new", args,
                Set.of("--template", "--lang", "--group-id", "--package", "--dir"), Set.of());
        if (options.positional().isEmpty()) {
            throw options.error("name the function, e.g. fnkit new hello");
        }
        if (options.positional().size() > 1) {
            throw options.error("unexpected argument '" + options.positional().get(1) + "'");
        }
        String templateId = options.value("--template").orElse(Template.HTTP.id());
        Template template = Template.byId(templateId).orElseThrow(() -> options.error("unknown template '"
                + templateId + "'; choose one of " + Template.ids(List.of(Template.values()), ", ")));
        Lang lang = null;
        if (options.value("--lang").isPresent()) {
            String langId = options.value("--lang").get();
            lang = Lang.byId(langId).orElseThrow(() -> options.error("unknown language '" + langId
                    + "'; choose shell or python"));
        }
        Project project;
        try {
            project = Project.of(options.positional().get(0), template, lang, options.value("--group-id").orElse(null),
                    options.value("--package").orElse(null), fnkitVersion);
        } catch (IllegalArgumentException e) {
            throw options.error(e.getMessage());
        }
        Path dir = Path.of(options.value("--dir").orElse(project.name()));
        List<Path> files;
        try {
            files = Scaffold.write(project, dir);
        } catch (IllegalArgumentException e) {
            throw options.error(e.getMessage());
        }
        out.println("Created " + dir + " from the " + template.id() + " template (" + template.description() + "):");
        for (Path file : files) {
            out.println("  " + dir.relativize(file).toString().replace('\\', '/'));
        }
        out.println("Next:");
        out.println("  cd " + dir);
        if (template.java()) {
            out.println("  mvn verify     # test it locally and through every adapter; package it under target/fnkit/");
            out.println("  fnkit run .    # serve it on http://localhost:8080");
        } else {
            out.println("  ./test.sh      # run it as the self-hosted runtime does, and check its answers");
            out.println("  cat README.md  # how to bundle and deploy it");
        }
        return 0;
    }
}
