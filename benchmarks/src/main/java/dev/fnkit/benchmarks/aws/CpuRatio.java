package dev.fnkit.benchmarks.aws;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.fnkit.benchmarks.fixtures.Events;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * fnkit against the floor on a busy machine, where JMH's wall-clock errors are larger than the difference sought:
 * thread CPU time per invocation, fnkit and the floor alternating in batches in one JVM after a shared warm-up, and
 * the median of the per-batch ratios. Run it as
 * {@code java -cp <benchmarks class path> dev.fnkit.benchmarks.aws.CpuRatio [event] [batches] [calls per batch]}.
 */
public final class CpuRatio {
    private CpuRatio() {
    }

    /**
     * Prints the medians.
     *
     * @param args the event ({@code http-api-v2} by default), the number of batches (30) and the calls per batch
     *             (20,000)
     */
    public static void main(String[] args) throws IOException {
        String event = args.length > 0 ? args[0] : "http-api-v2";
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        RequestStreamHandler fnkit = AwsBenchmark.fnkit(event);
        RequestStreamHandler floor = AwsBenchmark.floor(event);
        byte[] payload = Events.bytes("aws-" + event);
        for (int i = 0; i < 100_000; i++) {
            AwsBenchmark.invoke(fnkit, payload);
            AwsBenchmark.invoke(floor, payload);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] fnkitNanos = new double[batches];
        double[] floorNanos = new double[batches];
        double[] ratios = new double[batches];
        for (int batch = 0; batch < batches; batch++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < calls; i++) {
                AwsBenchmark.invoke(fnkit, payload);
            }
            long middle = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < calls; i++) {
                AwsBenchmark.invoke(floor, payload);
            }
            long end = threads.getCurrentThreadCpuTime();
            fnkitNanos[batch] = (middle - start) / (double) calls;
            floorNanos[batch] = (end - middle) / (double) calls;
            ratios[batch] = fnkitNanos[batch] / floorNanos[batch];
        }
        Arrays.sort(fnkitNanos);
        Arrays.sort(floorNanos);
        Arrays.sort(ratios);
        System.out.printf("%s: fnkit %.0f ns, floor %.0f ns of CPU per call; fnkit/floor median %.3f"
                        + " (quartiles %.3f to %.3f) over %d batches of %d%n", event, fnkitNanos[batches / 2],
                floorNanos[batches / 2], ratios[batches / 2], ratios[batches / 4], ratios[3 * batches / 4], batches,
                calls);
    }
}
