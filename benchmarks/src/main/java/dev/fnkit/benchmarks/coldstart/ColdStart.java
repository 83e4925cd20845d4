package dev.fnkit.benchmarks.coldstart;

import dev.fnkit.benchmarks.fixtures.Events;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Whole-process cold starts, JVM start to first response: fnkit ({@code samples/hello} as packaged), the bare
 * handler and Spring Cloud Function (its shaded jar), under the AWS runtime interface client and under the Google
 * Functions Framework invoker. Each round runs every contender once, in an order that rotates from round to round;
 * one discarded round first warms the page cache. Writes {@code platform,contender,run,millis,cpu_millis} lines.
 *
 * <p>Usage: {@code ColdStart <repository root> <out.csv> <rounds> [contender,...]}, with this module's run-time class
 * path (it holds the runtime interface client and the invoker); the optional list picks contenders by name (say
 * {@code fnkit,bare} to alternate just those). The system property {@code fnkit.coldstart.jvmArgs} adds
 * space-separated flags to every child JVM (say {@code -Xlog:class+load:file=/tmp/cl-%p.txt}); the property
 * {@code fnkit.coldstart.baseline}, a copy of an earlier {@code samples/hello/target/fnkit} (its {@code aws/} and
 * {@code gcp/}), adds that build as the contender {@code fnkit-before}, for an interleaved before-and-after.
 */
public final class ColdStart {
    /** The environment fnkit's SAM template and {@code deploy.sh} give {@code samples/hello}. */
    private static final Map<String, String> FNKIT_ENV = Map.of("FNKIT_FUNCTION", "hello",
            "FNKIT_APP", "dev.fnkit.samples.hello.HelloApp");

    private ColdStart() {
    }

    /**
     * Runs the rounds.
     *
     * @param args the repository root, the CSV file to write, the number of rounds
     */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        Path out = Path.of(args[1]);
        int rounds = Integer.parseInt(args[2]);
        List<String> only = args.length > 3 ? List.of(args[3].split(","))
                : List.of("fnkit", "fnkit-before", "bare", "scf");
        Path work = Files.createTempDirectory("fnkit-coldstart");
        Path logs = Files.createDirectories(out.toAbsolutePath().getParent().resolve("coldstart-logs"));
        List<String> classPath = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        List<String> bare = new ArrayList<>(List.of(root.resolve("benchmarks/target/classes").toString(),
                root.resolve("samples/hello/target/classes").toString()));
        bare.addAll(matching(classPath, "/com/fasterxml/jackson/core/jackson-"));

        Path zip = root.resolve("samples/hello/target/fnkit/aws/function.zip");
        Path task = unzip(zip, Files.createDirectories(work.resolve("task")));
        String baseline = System.getProperty("fnkit.coldstart.baseline");
        Path before = baseline == null ? null : Path.of(baseline).toAbsolutePath();
        Path beforeTask = before == null ? null : unzip(before.resolve("aws/function.zip"),
                Files.createDirectories(work.resolve("task-before")));
        List<String> lambdaRuntime = matching(classPath, "/com/amazonaws/aws-lambda-java-", "/software/amazon/awssdk/");
        LambdaColdStart lambda = new LambdaColdStart(lambdaRuntime, jni(lambdaRuntime, work),
                Events.bytes("aws-http-api-v2"), logs);
        List<Contender> lambdaContenders = pick(only,
                new Contender("fnkit", List.of(task.toString(), task.resolve("lib") + File.separator + "*"),
                        "dev.fnkit.aws.FnkitLambda::handleRequest", FNKIT_ENV),
                before == null ? null : new Contender("fnkit-before", List.of(beforeTask.toString(),
                        beforeTask.resolve("lib") + File.separator + "*"), "dev.fnkit.aws.FnkitLambda::handleRequest",
                        FNKIT_ENV),
                new Contender("bare", withAwsCore(bare, lambdaRuntime),
                        "dev.fnkit.benchmarks.aws.HttpApiFloor::handleRequest", Map.of()),
                only.contains("scf") ? new Contender("scf", List.of(peerJar(root, "aws").toString()),
                        "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest",
                        Map.of("MAIN_CLASS", "dev.fnkit.benchmarks.scf.aws.HelloConfiguration",
                                "SPRING_CLOUD_FUNCTION_DEFINITION", "httpApi")) : null);

        InvokerColdStart invoker = new InvokerColdStart(matching(classPath, "/java-function-invoker").get(0), logs);
        List<Contender> invokerContenders = pick(only,
                new Contender("fnkit", topJars(root.resolve("samples/hello/target/fnkit/gcp")),
                        "dev.fnkit.gcp.FnkitHttpFunction", FNKIT_ENV),
                before == null ? null : new Contender("fnkit-before", topJars(before.resolve("gcp")),
                        "dev.fnkit.gcp.FnkitHttpFunction", FNKIT_ENV),
                new Contender("bare", bare, "dev.fnkit.benchmarks.gcp.BareHttpFunction", Map.of()),
                only.contains("scf") ? new Contender("scf", List.of(peerJar(root, "gcp").toString()),
                        "org.springframework.cloud.function.adapter.gcp.FunctionInvoker",
                        Map.of("MAIN_CLASS", "dev.fnkit.benchmarks.scf.gcp.HelloConfiguration",
                                "SPRING_CLOUD_FUNCTION_DEFINITION", "hello")) : null);

        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            csv.println("platform,contender,run,millis,cpu_millis");
            for (int round = 0; round <= rounds; round++) {
                for (int i = 0; i < lambdaContenders.size(); i++) {
                    Contender contender = lambdaContenders.get((round + i) % lambdaContenders.size());
                    record(csv, "aws", contender, round, lambda.measure(contender));
                }
                for (int i = 0; i < invokerContenders.size(); i++) {
                    Contender contender = invokerContenders.get((round + i) % invokerContenders.size());
                    record(csv, "gcp", contender, round, invoker.measure(contender));
                }
            }
        }
    }

    private static void record(PrintWriter csv, String platform, Contender contender, int round, Sample sample) {
        System.out.printf("%s %-5s round %2d: %6.0f ms (%5.0f ms CPU)%s%n", platform, contender.name(), round,
                sample.millis(), sample.cpuMillis(), round == 0 ? " (warm-up, not counted)" : "");
        if (round > 0) {
            csv.printf(java.util.Locale.ROOT, "%s,%s,%d,%.1f,%.1f%n", platform, contender.name(), round,
                    sample.millis(), sample.cpuMillis());
            csv.flush();
        }
    }

    private static List<Contender> pick(List<String> names, Contender... contenders) {
        List<Contender> picked = new ArrayList<>();
        for (Contender contender : contenders) {
            if (contender != null && names.contains(contender.name())) {
                picked.add(contender);
            }
        }
        return picked;
    }

    private static List<String> matching(List<String> classPath, String... fragments) {
        List<String> jars = new ArrayList<>();
        for (String entry : classPath) {
            String path = entry.replace('\\', '/');
            for (String fragment : fragments) {
                if (path.contains(fragment)) {
                    jars.add(entry);
                    break;
                }
            }
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException("nothing on the class path matches " + List.of(fragments));
        }
        return jars;
    }

    private static List<String> withAwsCore(List<String> bare, List<String> lambdaRuntime) {
        List<String> all = new ArrayList<>(bare);
        all.addAll(matching(lambdaRuntime, "/aws-lambda-java-core/"));
        return all;
    }

    private static Path peerJar(Path root, String which) {
        Path jar = root.resolve("benchmarks/peers/scf-" + which + "/target/fnkit-benchmarks-scf-" + which
                + "-0.1.0-SNAPSHOT-" + which + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build the Spring peer first: " + jar + " is missing");
        }
        return jar;
    }

    private static List<String> topJars(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).map(Path::toString).sorted()
                    .toList();
        }
    }

    /** Extracts the client's JNI library once, so no two clients rewrite the copy another is loading. */
    private static Path jni(List<String> lambdaRuntime, Path work) throws IOException {
        String name = "aarch64".equals(System.getProperty("os.arch")) ? "libaws-lambda-jni.linux-aarch_64.so"
                : "libaws-lambda-jni.linux-x86_64.so";
        String ric = matching(lambdaRuntime, "runtime-interface-client").get(0);
        Path library = work.resolve(name);
        try (ZipFile jar = new ZipFile(ric); InputStream in = jar.getInputStream(jar.getEntry("jni/" + name))) {
            Files.copy(in, library);
        }
        return library;
    }

    private static Path unzip(Path zip, Path into) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : file.stream().toList()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the folder: " + entry.getName());
                }
                if (!entry.isDirectory()) {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
        return into;
    }
}
