package dev.fnkit.benchmarks.coldstart;

import dev.fnkit.local.lambda.LambdaRuntimeApiEmulator;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One cold start under the real AWS runtime interface client: fnkit's Lambda Runtime API emulator (the one
 * {@code fnkit lambda} serves) in this JVM, the client in a new JVM running the contender's handler; the time is
 * from starting that JVM to the emulator holding the first response.
 */
final class LambdaColdStart {
    private static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String JNI_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private final List<String> runtimeJars;
    private final Path jni;
    private final byte[] event;
    private final Path logs;

    LambdaColdStart(List<String> runtimeJars, Path jni, byte[] event, Path logs) {
        this.runtimeJars = runtimeJars;
        this.jni = jni;
        this.event = event;
        this.logs = logs;
    }

    /** The time from JVM start to the first response; fails when the response is not the greeting. */
    Sample measure(Contender contender) throws IOException, InterruptedException {
        try (LambdaRuntimeApiEmulator emulator = new LambdaRuntimeApiEmulator(LambdaRuntimeApiEmulator.Settings
                .of("hello").withTimeout(Duration.ofSeconds(60)).withDispatchTimeout(Duration.ofSeconds(60)))
                .start(0)) {
            List<String> classPath = new ArrayList<>(contender.classPath());
            classPath.addAll(runtimeJars);
            ProcessBuilder builder = new ProcessBuilder(Launch.java("-D" + JNI_PROPERTY + "=" + jni, "-cp",
                    String.join(File.pathSeparator, classPath), RIC_MAIN, contender.entryPoint()));
            Map<String, String> environment = builder.environment();
            environment.put("AWS_LAMBDA_RUNTIME_API", emulator.runtimeApi());
            environment.put("AWS_LAMBDA_FUNCTION_NAME", "hello");
            environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
            environment.put("AWS_REGION", "us-east-1");
            environment.putAll(contender.environment());
            long start = System.nanoTime();
            Process process = Launch.start(builder, logs.resolve("lambda-" + contender.name() + ".log"));
            try {
                LambdaRuntimeApiEmulator.Result result = emulator.invoke(event);
                Sample sample = Sample.of(start, process);
                if (result.failed() || !result.payloadText().contains("Hello, Ada!")) {
                    throw new IllegalStateException(contender.name() + " on Lambda answered "
                            + result.payloadText() + " (see " + logs + ")");
                }
                return sample;
            } finally {
                Launch.stop(process);
            }
        }
    }
}
