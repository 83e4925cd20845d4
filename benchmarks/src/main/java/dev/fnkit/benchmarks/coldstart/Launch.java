package dev.fnkit.benchmarks.coldstart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starting and stopping the child JVMs, all with the same flags. */
final class Launch {
    /**
     * The flags of every cold JVM: the managed Lambda Java runtimes' (serial GC, C1 only) with the JDK's default
     * class data sharing archive.
     */
    static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    private Launch() {
    }

    static List<String> java(String... more) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        String extra = System.getProperty("fnkit.coldstart.jvmArgs", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of(more));
        return command;
    }

    static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static Process start(ProcessBuilder builder, Path log) throws IOException {
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
