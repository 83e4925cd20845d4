package dev.fnkit.it.aws;

import dev.fnkit.local.lambda.LambdaRuntimeApiEmulator;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One Lambda execution environment for one function of the packaged sample: the Runtime API emulator in this JVM and
 * the real AWS runtime interface client in a child JVM, running {@code dev.fnkit.aws.FnkitLambda::handleRequest}
 * from the unzipped {@code function.zip} (its root and {@code lib/*}), with {@code AWS_LAMBDA_RUNTIME_API} pointing
 * at the emulator. The child's output goes to {@code <function>.log}.
 */
final class LambdaRuntime implements AutoCloseable {
    static final String HANDLER = "dev.fnkit.aws.FnkitLambda::handleRequest";
    static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    final String function;
    final LambdaRuntimeApiEmulator emulator;
    final Path log;
    private final Process process;

    private LambdaRuntime(String function, LambdaRuntimeApiEmulator emulator, Process process, Path log) {
        this.function = function;
        this.emulator = emulator;
        this.process = process;
        this.log = log;
    }

    /** Unzips a deployment package into a folder. */
    static Path unzip(Path zip, Path into) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : file.stream().toList()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
        return into;
    }

    /** The runtime interface client and its dependencies, from this test's class path. */
    static List<String> runtimeInterfaceClient() {
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String path = entry.replace('\\', '/');
            if (path.contains("/com/amazonaws/aws-lambda-java-") || path.contains("/software/amazon/awssdk/")) {
                jars.add(entry);
            }
        }
        if (jars.stream().noneMatch(j -> j.contains("aws-lambda-java-runtime-interface-client"))) {
            throw new AssertionError("aws-lambda-java-runtime-interface-client is not on the test class path");
        }
        return jars;
    }

    /**
     * Extracts the client's JNI library once: left to itself each client copies it to the same
     * {@code /tmp/.libaws-lambda-jni.so}, and clients starting together crash loading a file another is rewriting.
     */
    static Path jniLibrary(Path into) throws IOException {
        String arch = System.getProperty("os.arch");
        String name = arch.equals("aarch64") ? "libaws-lambda-jni.linux-aarch_64.so"
                : "libaws-lambda-jni.linux-x86_64.so";
        String ric = runtimeInterfaceClient().stream().filter(j -> j.contains("runtime-interface-client"))
                .findFirst().orElseThrow();
        Path library = into.resolve(name);
        try (ZipFile jar = new ZipFile(ric)) {
            ZipEntry entry = jar.getEntry("jni/" + name);
            if (entry == null) {
                throw new AssertionError("the runtime interface client has no jni/" + name);
            }
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, library);
            }
        }
        return library;
    }

    static LambdaRuntime start(Path task, Path jni, String function, Duration timeout, Map<String, String> env,
                               Path logs) throws IOException {
        LambdaRuntimeApiEmulator emulator = new LambdaRuntimeApiEmulator(LambdaRuntimeApiEmulator.Settings
                .of(function).withTimeout(timeout).withDispatchTimeout(Duration.ofSeconds(120))).start(0);
        List<String> classPath = new ArrayList<>();
        classPath.add(task.toString());
        classPath.add(task.resolve("lib") + File.separator + "*");
        classPath.addAll(runtimeInterfaceClient());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-D" + JNI_PROPERTY + "=" + jni, "-cp", String.join(File.pathSeparator, classPath), RIC_MAIN,
                HANDLER);
        Path log = logs.resolve(function + ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("AWS_LAMBDA_RUNTIME_API", emulator.runtimeApi());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "triggers-" + function);
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        environment.put("AWS_REGION", "us-east-1");
        environment.put("FNKIT_FUNCTION", function);
        environment.putAll(env);
        try {
            return new LambdaRuntime(function, emulator, builder.start(), log);
        } catch (IOException e) {
            emulator.close();
            throw e;
        }
    }

    LambdaRuntimeApiEmulator.Result invoke(byte[] payload) throws InterruptedException {
        return emulator.invoke(payload);
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        emulator.close();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
