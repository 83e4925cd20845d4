package dev.fnkit.local;

import dev.fnkit.core.Json;
import dev.fnkit.core.Packager;
import dev.fnkit.local.packaging.FnkitPackagers;
import dev.fnkit.local.packaging.JarLoaders;
import dev.fnkit.local.packaging.LocalRepository;
import dev.fnkit.local.packaging.PackageReport;
import dev.fnkit.local.packaging.PackageRun;
import dev.fnkit.local.packaging.PackagingFailure;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code fnkit package <app.jar> [--targets T,...] [--out DIR] [--json] ...}: what the Maven plugin's
 * {@code fnkit:package} does, for a built jar (with its dependencies in a {@code lib/} folder next to it), through
 * the same {@link PackageRun}: every target's artifacts. The packagers are those on the CLI's class path and on
 * {@code --packagers}, and fnkit's own ({@link FnkitPackagers}) from the local Maven repository for the rest.
 */
final class PackageCommand implements CliCommand {
    static final String USAGE = """
            package <app.jar> [--targets T,...] [--out DIR] [--json] [--name N] [--version V]
                    [--settings KEY=VALUE,...] [--packagers CLASSPATH]
                Package a built application jar (its dependencies in a lib/ folder next to it) for every target,
                as the Maven plugin does: functions.json, one folder per target (aws, azure, gcp, self-hosted,
                kubernetes with image.tar), and a report with sizes, budgets and warnings (report.json). The
                targets' packagers and the jars they ship come from the local Maven repository (-Dmaven.repo.local
                in FNKIT_JAVA_OPTS or MAVEN_ARGS, settings.xml, else ~/.m2/repository), where ./fnkit installs them.
                  --targets T,...    only these targets, e.g. aws,gcp (default: all of them)
                  --out DIR          where to write (default: a fnkit folder next to the jar)
                  --json             print the report as JSON on standard output (progress goes to stderr)
                  --name N           the application's name (default: the jar's name without its version)
                  --version V        its version (default: the version in the jar's name, else 0.0.0)
                  --settings S       packager settings and budgets, e.g. aws.runtime=java21,aws.budget=30MiB,
                                     aws.totalBudget=45MiB,aws.unpackedBudget=200MiB,kubernetes.baseImage=scratch
                  --packagers CP     more packagers: adapter jars and their dependencies, separated by '%s'
                Example:
                  fnkit package target/hello-1.0.jar --targets aws,gcp --json
            """.formatted(File.pathSeparator);

    /** Null for this process's repository, looked up (and its classes loaded) only when the command runs. */
    private final Supplier<LocalRepository> repository;

    /** Finds fnkit's packagers in the local Maven repository that this process's settings choose. */
    PackageCommand() {
        this(null);
    }

    /** @param repository where fnkit's packagers are */
    PackageCommand(Supplier<LocalRepository> repository) {
        this.repository = repository;
    }

    @Override
    public String name() {
        return "package";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException, IOException {
        CliOptions options = CliOptions.parse("package", args, Set.of("--targets", "--out", "--name", "--version",
                "--settings", "--packagers"), Set.of("--json"));
        if (options.positional().size() != 1) {
            throw options.error("name one application jar: fnkit package <app.jar>");
        }
        Map<String, String> settings = settings(options, options.value("--settings").orElse(""));
        Path jar = Path.of(options.positional().get(0)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar) || !jar.getFileName().toString().endsWith(".jar")) {
            err.println("fnkit package: " + options.positional().get(0) + " is not a jar file; build it first (mvn"
                    + " package) or name target/<app>.jar");
            return 1;
        }
        String[] nameAndVersion = nameAndVersion(jar.getFileName().toString());
        List<Path> dependencies = libraryJars(jar);
        Path api = codeSource(dev.fnkit.api.FunctionApp.class);
        if (api != null && AppLoader.withoutFnkitRuntime(dependencies).size() == dependencies.size()) {
            dependencies.add(0, api);
        }
        Path outDir = options.value("--out").map(Path::of).orElse(jar.resolveSibling("fnkit"));
        PackageRun.Request request = new PackageRun.Request(options.value("--name").orElse(nameAndVersion[0]),
                options.value("--version").orElse(nameAndVersion[1]), jar, dependencies,
                AppLoader.withoutFnkitRuntime(dependencies), outDir,
                PackageRun.parseTargets(options.value("--targets").orElse(null)),
                settings);
        List<Path> packagerPath = classpath(options.value("--packagers").orElse(""));
        long started = System.nanoTime();
        ClassLoader cli = PackageCommand.class.getClassLoader();
        try (URLClassLoader given = JarLoaders.of("fnkit-packagers", packagerPath, cli);
             FnkitPackagers fnkit = new FnkitPackagers(repository == null ? LocalRepository.current()
                     : repository.get(), FnkitCli.version(), cli)) {
            List<Packager> found = packagers(request.targets(), PackageRun.discoverPackagers(given), fnkit);
            err.println("fnkit package: packaging " + jar.getFileName() + " (" + dependencies.size()
                    + " dependency jars) for " + String.join(", ", found.stream().map(Packager::target).toList())
                    + " into " + outDir + " ...");
            PackageRun.Result result = new PackageRun(AppLocator.appParent(cli),
                    packager -> fnkit.loaded(packager) ? fnkit.of(packager) : runtimeJars(packager, packagerPath),
                    line -> err.println(line)).run(request, found);
            String took = String.format(Locale.ROOT, " in %.1f s", (System.nanoTime() - started) / 1e9);
            if (options.flag("--json")) {
                err.println("fnkit package: done" + took);
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                        PackageReport.json(result.manifest(), result.outputs())));
            } else {
                int warnings = result.outputs().stream().mapToInt(o -> o.warnings().size()).sum();
                out.println("fnkit package: " + result.outputs().size() + " targets in " + outDir + took
                        + (warnings == 0 ? "" : ", " + warnings + (warnings == 1 ? " warning" : " warnings")) + "; report in " + result.reportFile());
                for (PackageRun.Output output : result.outputs()) {
                    output.warnings().forEach(warning -> out.println("WARNING: " + warning));
                }
            }
            return 0;
        } catch (PackagingFailure e) {
            err.println("fnkit package: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The packagers for the targets asked for (all of fnkit's when none is named): those on the CLI's class path or
     * given with {@code --packagers}, and fnkit's own from the local repository for the rest, in fnkit's order.
     */
    private static List<Packager> packagers(Set<String> targets, List<Packager> present, FnkitPackagers fnkit)
            throws PackagingFailure {
        Map<String, Packager> byTarget = new LinkedHashMap<>();
        present.forEach(packager -> byTarget.putIfAbsent(packager.target(), packager));
        Set<String> wanted = new LinkedHashSet<>(targets);
        if (wanted.isEmpty()) {
            wanted.addAll(FnkitPackagers.targetNames());
            wanted.addAll(byTarget.keySet());
        }
        Set<String> unknown = new TreeSet<>(wanted);
        unknown.removeAll(byTarget.keySet());
        unknown.removeAll(FnkitPackagers.targetNames());
        if (!unknown.isEmpty()) {
            throw new PackagingFailure("--targets names " + unknown + ", which no packager is for: fnkit packages"
                    + " for " + String.join(", ", FnkitPackagers.targetNames()) + " and the targets of the packagers"
                    + " given with --packagers" + (byTarget.isEmpty() ? "" : " (here " + byTarget.keySet() + ")"));
        }
        List<Packager> selected = new ArrayList<>();
        for (String target : FnkitPackagers.targetNames()) {
            if (wanted.contains(target)) {
                Packager packager = byTarget.remove(target);
                selected.add(packager != null ? packager : fnkit.load(target));
            }
        }
        for (Packager packager : present) {
            if (byTarget.containsKey(packager.target()) && wanted.contains(packager.target())) {
                selected.add(packager);
            }
        }
        return selected;
    }

    /** {@code hello-1.0.2-SNAPSHOT.jar} → {@code [hello, 1.0.2-SNAPSHOT]}; no version in the name → 0.0.0. */
    static String[] nameAndVersion(String jarName) {
        String base = jarName.substring(0, jarName.length() - ".jar".length());
        for (int i = 0; i < base.length() - 1; i++) {
            if (base.charAt(i) == '-' && Character.isDigit(base.charAt(i + 1))) {
                return new String[] {base.substring(0, i), base.substring(i + 1)};
            }
        }
        return new String[] {base, "0.0.0"};
    }

    private static List<Path> libraryJars(Path jar) throws IOException {
        List<Path> jars = new ArrayList<>();
        Path lib = jar.resolveSibling("lib");
        if (Files.isDirectory(lib)) {
            try (var entries = Files.list(lib)) {
                entries.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
            }
        }
        return jars;
    }

    private static Map<String, String> settings(CliOptions options, String list) throws UsageException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String item : list.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw options.error("--settings takes KEY=VALUE pairs separated by commas, not '" + item + "'");
            }
            settings.put(item.substring(0, eq).strip(), item.substring(eq + 1).strip());
        }
        return settings;
    }

    private static List<Path> classpath(String value) {
        List<Path> entries = new ArrayList<>();
        for (String entry : value.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry.strip()).toAbsolutePath().normalize());
            }
        }
        return entries;
    }

    /**
     * A packager's jar first, then what it runs with: the other {@code --packagers} entries when it comes from
     * there, else the CLI's own class path.
     */
    static List<Path> runtimeJars(Packager packager, List<Path> packagerPath) {
        Path own = codeSource(packager.getClass());
        if (own == null) {
            return List.of();
        }
        List<Path> rest = packagerPath.contains(own) ? packagerPath : classpath(System.getProperty("java.class.path"));
        List<Path> jars = new ArrayList<>();
        jars.add(own);
        for (Path entry : rest) {
            if (!entry.equals(own)) {
                jars.add(entry);
            }
        }
        return List.copyOf(jars);
    }

    private static Path codeSource(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
