package dev.fnkit.local.packaging;

import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.FunctionsManifest;
import dev.fnkit.core.Packager;
import dev.fnkit.core.PackagingContext;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * One packaging of an application, free of Maven, shared by the Maven plugin and {@code fnkit package}: loads its
 * declarations in an isolated class loader, writes {@code functions.json}, runs the selected {@link Packager}s each
 * into its own folder, reports what it did (warning about artifacts past their {@link ArtifactBudget}), and writes
 * the report as {@code report.json}.
 */
public final class PackageRun {
    private static final Pattern TARGET = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private final ClassLoader parent;
    private final RuntimeJars runtimeJars;
    private final Consumer<String> log;

    /**
     * @param parent      the parent of the application's class loader; it must provide fnkit-api and fnkit-core
     * @param runtimeJars the runtime jars of each packager that runs
     * @param log         where report lines go
     */
    public PackageRun(ClassLoader parent, RuntimeJars runtimeJars, Consumer<String> log) {
        this.parent = Objects.requireNonNull(parent, "parent");
        this.runtimeJars = Objects.requireNonNull(runtimeJars, "runtimeJars");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Where a packager's {@link PackagingContext#runtimeJars()} come from. */
    @FunctionalInterface
    public interface RuntimeJars {
        /**
         * The packager's own jar and its runtime dependencies, its jar first; empty for a packager that does not come
         * from a jar the build knows.
         *
         * @throws PackagingFailure when they cannot be resolved
         */
        List<Path> of(Packager packager) throws PackagingFailure;
    }

    /**
     * What to package.
     *
     * @param appName         the application's name
     * @param version         the application's version
     * @param appJar          the application's jar
     * @param dependencies    every runtime dependency jar, fnkit's included, as packagers get them
     * @param appClasspath    the dependencies to load with the application: {@code dependencies} without fnkit-api
     *                        and fnkit-core, which come from the parent loader
     * @param outputDirectory {@code target/fnkit}
     * @param targets         the targets to package for; empty for every packager there is
     * @param settings        target-specific settings for the packagers
     */
    public record Request(String appName, String version, Path appJar, List<Path> dependencies, List<Path> appClasspath,
                   Path outputDirectory, Set<String> targets, Map<String, String> settings) {
        /** Checks the names and copies the collections. */
        public Request {
            Objects.requireNonNull(appName, "appName");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(outputDirectory, "outputDirectory");
            dependencies = List.copyOf(dependencies);
            appClasspath = List.copyOf(appClasspath);
            targets = Set.copyOf(targets);
            settings = Map.copyOf(settings);
        }
    }

    /**
     * What a run produced.
     *
     * @param manifest     the declarations
     * @param manifestFile where they were written
     * @param outputs      what each packager wrote, in the order they ran
     * @param reportFile   where the report was written ({@value PackageReport#FILE_NAME})
     */
    public record Result(FunctionsManifest manifest, Path manifestFile, List<Output> outputs, Path reportFile) {
    }

    /**
     * The files one packager wrote.
     *
     * @param target       the packager's target
     * @param directory    its output folder
     * @param files        the files in it, with paths relative to it, sorted; a file the packager wrote beside the
     *                     target folders (such as {@code image.tar}) comes last, as {@code ../<name>}
     * @param unpackedSize the files' size with each zip counted at its entries' size, as the provider unpacks it
     * @param budget       the sizes past which a file, the files together or unpacked are reported
     * @param warnings     the files, and the totals, past their budget or the target's hard limit
     * @param notes        what the packager logged (e.g. triggers that do not map to its target)
     */
    public record Output(String target, Path directory, List<WrittenFile> files, long unpackedSize,
                         ArtifactBudget budget, List<String> warnings, List<String> notes) {
        /** Copies the lists. */
        public Output {
            files = List.copyOf(files);
            warnings = List.copyOf(warnings);
            notes = List.copyOf(notes);
        }

        /** The files' size together. */
        public long totalSize() {
            return files.stream().mapToLong(WrittenFile::size).sum();
        }
    }

    /**
     * One written file.
     *
     * @param path relative to its packager's output folder
     * @param size in bytes
     */
    public record WrittenFile(Path path, long size) {
    }

    /**
     * The packagers listed in {@code META-INF/services/dev.fnkit.core.Packager} on this loader.
     *
     * @throws PackagingFailure when a listed packager cannot be loaded
     */
    public static List<Packager> discoverPackagers(ClassLoader loader) throws PackagingFailure {
        List<Packager> packagers = new ArrayList<>();
        try {
            for (Packager packager : ServiceLoader.load(Packager.class, loader)) {
                packagers.add(packager);
            }
        } catch (ServiceConfigurationError e) {
            throw new PackagingFailure("Cannot load a fnkit packager: " + e.getMessage(), e);
        }
        return packagers;
    }

    /** The targets in a comma-separated list; blank entries are ignored and names are lower-cased. */
    public static Set<String> parseTargets(String list) {
        Set<String> targets = new LinkedHashSet<>();
        if (list != null) {
            for (String item : list.split(",")) {
                String target = item.trim().toLowerCase(Locale.ROOT);
                if (!target.isEmpty()) {
                    targets.add(target);
                }
            }
        }
        return targets;
    }

    /**
     * Packages the application with those of {@code packagers} that the request selects.
     *
     * @throws PackagingFailure for problems the user must fix: a missing jar, invalid declarations, an unknown
     *                          target, a packager rejecting the application
     * @throws IOException      when writing fails
     */
    public Result run(Request request, Collection<? extends Packager> packagers) throws PackagingFailure, IOException {
        Path appJar = request.appJar();
        if (appJar == null || !Files.isRegularFile(appJar)) {
            throw new PackagingFailure("The application jar " + (appJar == null ? "" : appJar + " ")
                    + "does not exist: fnkit packages the jar that maven-jar-plugin builds, so run it in the package"
                    + " phase (mvn package) rather than on its own");
        }
        List<Packager> selected = select(packagers, request.targets());
        try (IsolatedApp app = IsolatedApp.load(appJar, request.appClasspath(), parent)) {
            List<FunctionDefinition> functions = app.application().functions();
            List<String> appClasses = app.appClasses();
            reportFunctions(request, appClasses, functions);

            FunctionsManifest manifest = FunctionsManifest.ofDefinitions(request.appName(), request.version(),
                    appClasses, functions);
            Path manifestFile = request.outputDirectory().resolve(FunctionsManifest.FILE_NAME);
            manifest.write(manifestFile);
            log.accept("Wrote " + display(manifestFile));

            if (selected.isEmpty()) {
                log.accept("No fnkit packager on the plugin's class path: add an adapter (such as fnkit-aws) to the"
                        + " plugin's <dependencies> to package for its target");
            }
            List<Output> outputs = new ArrayList<>(selected.size());
            for (Packager packager : selected) {
                outputs.add(pack(packager, request, functions, appClasses));
            }
            Path reportFile = request.outputDirectory().resolve(PackageReport.FILE_NAME);
            PackageReport.write(manifest, outputs, reportFile);
            log.accept("Wrote " + display(reportFile));
            return new Result(manifest, manifestFile, List.copyOf(outputs), reportFile);
        }
    }

    private static List<Packager> select(Collection<? extends Packager> packagers, Set<String> targets)
            throws PackagingFailure {
        Map<String, Packager> byTarget = new LinkedHashMap<>();
        for (Packager packager : packagers) {
            String target = packager.target();
            if (target == null || !TARGET.matcher(target).matches()) {
                throw new PackagingFailure("The packager " + packager.getClass().getName() + " has the target name '"
                        + target + "': use lower-case letters, digits, '.', '_' and '-'");
            }
            Packager other = byTarget.putIfAbsent(target, packager);
            if (other != null) {
                throw new PackagingFailure("Two packagers claim the target '" + target + "': "
                        + other.getClass().getName() + " and " + packager.getClass().getName());
            }
        }
        if (targets.isEmpty()) {
            return List.copyOf(byTarget.values());
        }
        Set<String> unknown = new TreeSet<>(targets);
        unknown.removeAll(byTarget.keySet());
        if (!unknown.isEmpty()) {
            throw new PackagingFailure("fnkit.targets names " + unknown + " but the packagers on the plugin's class"
                    + " path are for " + (byTarget.isEmpty() ? "no target" : byTarget.keySet().toString())
                    + ": add the adapter to the plugin's <dependencies> or fix the name");
        }
        List<Packager> selected = new ArrayList<>();
        for (Map.Entry<String, Packager> entry : byTarget.entrySet()) {
            if (targets.contains(entry.getKey())) {
                selected.add(entry.getValue());
            }
        }
        return selected;
    }

    private Output pack(Packager packager, Request request, List<FunctionDefinition> functions,
                        List<String> appClasses) throws PackagingFailure, IOException {
        String target = packager.target();
        Path directory = request.outputDirectory().resolve(target);
        List<Path> runtime = runtimeJars.of(packager);
        deleteRecursively(directory);
        Files.createDirectories(directory);
        Map<Path, FileTime> beside = topLevelFiles(request.outputDirectory());
        List<String> notes = new ArrayList<>();
        PackagingContext context = new PackagingContext(request.appName(), request.version(), functions, appClasses,
                request.appJar(), request.dependencies(), runtime, directory, request.settings(),
                line -> {
                    notes.add(line);
                    log.accept("[" + target + "] " + line);
                });
        try {
            packager.pack(context);
        } catch (RuntimeException e) {
            throw new PackagingFailure("Packaging for " + target + " failed: " + e.getMessage(), e);
        }
        List<WrittenFile> files = new ArrayList<>(listFiles(directory));
        topLevelFiles(request.outputDirectory()).forEach((file, modified) -> {
            if (!modified.equals(beside.get(file))) {
                files.add(new WrittenFile(Path.of("..").resolve(file.getFileName()), sizeOf(file)));
            }
        });
        ArtifactBudget budget;
        try {
            budget = ArtifactBudget.of(target, request.settings());
        } catch (IllegalArgumentException e) {
            throw new PackagingFailure(e.getMessage(), e);
        }
        log.accept("Packaged for " + target + " in " + display(directory) + ":");
        if (files.isEmpty()) {
            log.accept("  (no files)");
        }
        int width = "(total)".length();
        for (WrittenFile file : files) {
            width = Math.max(width, file.path().toString().length());
        }
        List<String> warnings = new ArrayList<>();
        for (WrittenFile file : files) {
            String path = file.path().toString().replace('\\', '/');
            log.accept(String.format(Locale.ROOT, "  %-" + width + "s  %s", path, size(file.size())));
            budget.check(target + "/" + path, file.size()).ifPresent(warnings::add);
        }
        long total = 0;
        long unpacked = 0;
        for (WrittenFile file : files) {
            total += file.size();
            unpacked += unpackedSize(directory.resolve(file.path()), file.size());
        }
        log.accept(String.format(Locale.ROOT, "  %-" + width + "s  %s", "(total)", size(total))
                + (unpacked == total ? "" : ", " + size(unpacked) + " unpacked"));
        warnings.addAll(budget.checkTotals(target, total, unpacked));
        for (String warning : warnings) {
            log.accept("WARNING: " + warning);
        }
        return new Output(target, directory, files, unpacked, budget, warnings, notes);
    }

    private static Map<Path, FileTime> topLevelFiles(Path directory) throws IOException {
        Map<Path, FileTime> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(directory)) {
            for (Path path : (Iterable<Path>) list::iterator) {
                String name = path.getFileName().toString();
                if (Files.isRegularFile(path) && !name.equals(FunctionsManifest.FILE_NAME)
                        && !name.equals(PackageReport.FILE_NAME)) {
                    files.put(path, Files.getLastModifiedTime(path));
                }
            }
        }
        return files;
    }

    /** A zip's entries' size together, as the provider unpacks it; any other file's size. */
    static long unpackedSize(Path file, long size) throws IOException {
        if (!file.getFileName().toString().endsWith(".zip")) {
            return size;
        }
        long unpacked = 0;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                unpacked += Math.max(entry.getSize(), 0);
            }
        } catch (ZipException e) {
            return size;
        }
        return unpacked;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void reportFunctions(Request request, List<String> appClasses, List<FunctionDefinition> functions) {
        log.accept("Application " + request.appName() + " " + request.version() + " (" + String.join(", ", appClasses)
                + "): " + functions.size() + (functions.size() == 1 ? " function" : " functions"));
        int width = 0;
        for (FunctionDefinition function : functions) {
            width = Math.max(width, function.name().length());
        }
        for (FunctionDefinition function : functions) {
            log.accept(String.format(Locale.ROOT, "  %-" + width + "s  %-5s  %s", function.name(),
                    function.kind().name().toLowerCase(Locale.ROOT), function.describeTrigger()));
        }
    }

    private static List<WrittenFile> listFiles(Path directory) throws IOException {
        List<WrittenFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) walk.sorted()::iterator) {
                if (Files.isRegularFile(path)) {
                    files.add(new WrittenFile(directory.relativize(path), Files.size(path)));
                }
            }
        }
        return List.copyOf(files);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A size for people: {@code 512 B}, {@code 1.5 KiB}, {@code 12.3 MiB}. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double kib = bytes / 1024.0;
        if (kib < 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", kib);
        }
        return String.format(Locale.ROOT, "%.1f MiB", kib / 1024.0);
    }

    private static String display(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path workingDirectory = Path.of("").toAbsolutePath();
        return absolute.startsWith(workingDirectory) && !absolute.equals(workingDirectory)
                ? workingDirectory.relativize(absolute).toString() : absolute.toString();
    }
}
