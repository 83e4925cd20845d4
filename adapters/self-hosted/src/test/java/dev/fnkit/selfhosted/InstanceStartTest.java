package dev.fnkit.selfhosted;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How instances start, with real processes: from a class-data archive trained after deploy, in a memory-limited
 * control group the kernel enforces, and from pre-started workers of the function's memory size.
 */
class InstanceStartTest {
    private static final String FUNCTIONS = """
            package startfns;

            import dev.fnkit.api.FunctionApp;
            import dev.fnkit.api.Functions;
            import dev.fnkit.api.HttpResponse;

            import java.util.ArrayList;
            import java.util.List;

            public final class StartApp implements FunctionApp {
                private static final List<Long> HELD = new ArrayList<>();

                @Override
                public void register(Functions functions) {
                    functions.http("hog", (request, context) -> {
                        int mb = Integer.parseInt(request.queryParameter("mb").orElse("0"));
                        if (mb > 0) {
                            java.lang.reflect.Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                            field.setAccessible(true);
                            sun.misc.Unsafe unsafe = (sun.misc.Unsafe) field.get(null);
                            for (int i = 0; i < mb / 8; i++) {
                                long address = unsafe.allocateMemory(8L << 20);
                                unsafe.setMemory(address, 8L << 20, (byte) 1);
                                HELD.add(address);
                            }
                        }
                        return HttpResponse.text(Long.toString(ProcessHandle.current().pid()));
                    }).route("GET", "/hog").memoryMb(128);
                    functions.http("big", (request, context) -> HttpResponse.text(String.join(" ",
                            java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                                    .filter(argument -> argument.startsWith("-Xmx")).toList())))
                            .route("GET", "/big").memoryMb(320);
                }
            }
            """;

    @TempDir
    Path work;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        System.out.println(log.toString(StandardCharsets.UTF_8));
        Children.assertNoneLeft();
    }

    private Path bundle() throws IOException {
        return TestApps.bundle(TestApps.app(work.resolve("apps"), "startfns", "StartApp", FUNCTIONS),
                work.resolve("bundles"));
    }

    private Gateway.Builder builder() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return Gateway.builder().port(0).dataDir(work.resolve("data")).adminToken("t").out(quiet)
                .log(new PrintStream(log, true, StandardCharsets.UTF_8))
                .autoscaling(Autoscaling.DEFAULTS.withStableWindow(Duration.ofSeconds(2))
                        .withTick(Duration.ofMillis(200)).withScaleToZeroGrace(Duration.ZERO));
    }

    private long onlyPid(String function) {
        Children.await(function + " has one ready instance", Duration.ofSeconds(30), () ->
                gateway.pool(function).orElseThrow().status().instances().stream()
                        .filter(i -> i.state().equals("READY")).count() == 1);
        return gateway.pool(function).orElseThrow().status().instances().stream()
                .filter(i -> i.state().equals("READY")).findFirst().orElseThrow().pid();
    }

    private void scaleToZero(String function) {
        gateway.pool(function).orElseThrow().scaleTo(0);
        Children.await(function + " has no instance", Duration.ofSeconds(30), () ->
                gateway.pool(function).orElseThrow().status().instances().isEmpty());
    }

    private Optional<Path> archive(String name) throws IOException {
        Path cds = work.resolve("data/cds");
        if (!Files.isDirectory(cds)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(cds)) {
            return files.filter(f -> f.getFileName().toString().equals(name)).findFirst();
        }
    }

    @Test
    void instancesStartedFromScratchMapTheClassDataArchiveTrainedAfterDeploy() throws Exception {
        gateway = builder().prestartedWorkers(0).workerClasspath(jarsOnly(System.getProperty("java.class.path")))
                .start();
        Path bundle = bundle();
        gateway.deploy(bundle);
        Children.await("the archive of big is written", Duration.ofSeconds(120),
                () -> uncheckedArchive("1-big.jsa").isPresent());
        Path archive = uncheckedArchive("1-big.jsa").orElseThrow();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("fnkit: class-data archive of big written in");

        assertThat(Http.get(gateway.url(), "/big").statusCode()).isEqualTo(200);
        long pid = onlyPid("big");
        String command = commandLine(pid);
        assertThat(command).contains("-XX:SharedArchiveFile=", "-Xshare:auto");
        Path used = Path.of(command.split("-XX:SharedArchiveFile=")[1].split(" ")[0]);
        assertThat(Files.isSameFile(used, archive)).as(used + ", linked where an isolated instance can read it").isTrue();
        assertThat(Files.readString(Path.of("/proc/" + pid + "/maps"))).contains(used.toString());

        scaleToZero("big");
        Files.write(archive, "not an archive".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> despite = Http.get(gateway.url(), "/big");
        assertThat(despite.statusCode()).isEqualTo(200);
        assertThat(despite.body()).isEqualTo("-Xmx240m");

        gateway.deploy(bundle);
        Children.await("the archive of the new revision is written", Duration.ofSeconds(120),
                () -> uncheckedArchive("2-big.jsa").isPresent());
        assertThat(Files.exists(archive)).as("the old revision's archive is removed").isFalse();
    }

    /** The class path with each directory replaced by a jar of it, as class-data archives need. */
    private String jarsOnly(String classpath) throws IOException {
        List<String> entries = new java.util.ArrayList<>();
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.isDirectory(path)) {
                entries.add(entry);
                continue;
            }
            Path jar = work.resolve("classpath").resolve(entries.size() + ".jar");
            Files.createDirectories(jar.getParent());
            try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar));
                 Stream<Path> files = Files.walk(path)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    zip.putNextEntry(new java.util.zip.ZipEntry(path.relativize(file).toString()));
                    Files.copy(file, zip);
                    zip.closeEntry();
                }
            }
            entries.add(jar.toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** The command line from {@code /proc}, arguments separated by spaces. */
    private static String commandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private Optional<Path> uncheckedArchive(String name) {
        try {
            return archive(name);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Test
    void anInstanceOverItsMemoryLimitIsKilledByTheKernelAndReplaced() throws Exception {
        Cgroups cgroups = Cgroups.detect(Path.of("/sys/fs/cgroup"));
        cgroups.close();
        Assumptions.assumeTrue(cgroups.available(), () -> "no writable cgroups here: " + cgroups.reason());
        gateway = builder().prestartedWorkers(0).classDataArchives(false).start();
        gateway.deploy(bundle());
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("fnkit: instance memory limits: cgroup v");

        HttpResponse<String> first = Http.get(gateway.url(), "/hog");
        assertThat(first.statusCode()).isEqualTo(200);
        long pid = Long.parseLong(first.body());
        String group = Files.readString(Path.of("/proc/" + pid + "/cgroup"));
        assertThat(group).containsPattern("memory:.*/fnkit/[0-9]+-[0-9]+/hog-1");
        Path memoryGroup = memoryGroup(group);
        long limit = Long.parseLong(Files.readString(memoryGroup.resolve(
                Files.exists(memoryGroup.resolve("memory.max")) ? "memory.max" : "memory.limit_in_bytes")).strip());
        assertThat(limit).isEqualTo((128L + Cgroups.OVERHEAD_MB) << 20);

        HttpResponse<String> hog = Http.get(gateway.url(), "/hog?mb=1024");
        assertThat(hog.statusCode()).isEqualTo(502);
        assertThat(hog.headers().firstValue("content-type")).hasValue("application/problem+json");
        Children.await("the hog's control group is removed", Duration.ofSeconds(10),
                () -> !Files.exists(memoryGroup));

        HttpResponse<String> after = Http.get(gateway.url(), "/hog");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(Long.parseLong(after.body())).isNotEqualTo(pid);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("exited with status 137; replacing it");
    }

    private static Path memoryGroup(String procCgroup) {
        for (String line : procCgroup.split("\n")) {
            String[] parts = line.split(":", 3);
            if (parts[1].equals("memory")) {
                return Path.of("/sys/fs/cgroup/memory" + parts[2]);
            }
            if (parts[0].equals("0") && parts[1].isEmpty() && parts[2].contains("fnkit")) {
                return Path.of("/sys/fs/cgroup" + parts[2]);
            }
        }
        throw new AssertionError("no memory group in " + procCgroup);
    }

    @Test
    void aFunctionOfAnotherMemorySizeScalesFromZeroOnAPrestartedWorkerOfItsSize() throws Exception {
        gateway = builder().prestartedWorkers(1).classDataArchives(false).start();
        gateway.deploy(bundle());
        Children.await("pre-started workers of 128, 320 and the default size wait", Duration.ofSeconds(60), () ->
                ProcessHandle.current().children().filter(p -> commandLine(p.pid())
                        .contains("--prestarted")).count() == 3);

        HttpResponse<String> big = Http.get(gateway.url(), "/big");
        assertThat(big.statusCode()).as(big.body()).isEqualTo(200);
        assertThat(big.body()).isEqualTo("-Xmx240m");
        String metrics = Http.get(gateway.url(), "/metrics").body();
        assertThat(metrics).containsPattern("fnkit_cold_starts_total\\{[^}]*function_name=\"big\"[^}]*"
                + "start=\"prestarted\"[^}]*} 1.0");
        List<String> lines = log.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("of big ready in")).toList();
        assertThat(lines).singleElement().asString().contains("(pre-started worker)");
    }

    @Test
    void aPrestartedWorkerWhoseWarmUpFailedIsNotUsed() throws Exception {
        // the warm-up's own HTTP client gives up on every answer after 1 ms; the function itself is not affected
        gateway = builder().prestartedWorkers(1).classDataArchives(false)
                .workerJvmOptions(List.of("-Dsun.net.client.defaultReadTimeout=1")).start();
        gateway.deploy(bundle());
        java.util.function.BooleanSupplier allFailed = () -> log.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("fnkit worker: warming up failed")).count() >= 3
                && ProcessHandle.current().children().noneMatch(p -> commandLine(p.pid()).contains("--prestarted"));
        Children.await("the pre-started workers of 128, 320 and the default size failed to warm up and exited",
                Duration.ofSeconds(60), allFailed);
        Thread.sleep(2_000);
        Children.await("the workers the deploy started last failed too", Duration.ofSeconds(60), allFailed);

        HttpResponse<String> big = Http.get(gateway.url(), "/big");
        assertThat(big.statusCode()).as(big.body()).isEqualTo(200);
        assertThat(big.body()).isEqualTo("-Xmx240m");
        assertThat(Http.get(gateway.url(), "/metrics").body()).containsPattern("fnkit_cold_starts_total\\{[^}]*"
                + "function_name=\"big\"[^}]*start=\"new\"[^}]*} 1.0");
        assertThat(log.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains("of big ready in")))
                .singleElement().asString().doesNotContain("pre-started");
    }
}
