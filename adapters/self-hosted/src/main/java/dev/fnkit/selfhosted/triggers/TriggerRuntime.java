package dev.fnkit.selfhosted.triggers;

import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.selfhosted.async.AsyncRuntime;
import dev.fnkit.selfhosted.async.FunctionRuntime;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every trigger kind of the self-hosted runtime, driven by each function's declared trigger: the publishing
 * endpoints for queues, topics, streams and change records (see {@link #handles}), schedules fired on their cron,
 * and storage buckets watched as directories. Events become journaled calls delivered by {@link AsyncRuntime}.
 */
public final class TriggerRuntime implements AutoCloseable {
    private final Publisher publisher;
    private final Schedules schedules;
    private final Buckets buckets;
    private final TriggerSettings settings;
    private final PrintStream log;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            new DefaultThreadFactory("fnkit-triggers", true));

    private TriggerRuntime(Path dataDir, TriggerSettings settings, FunctionRuntime functions, AsyncRuntime async,
                           int maxRequestBytes, PrintStream log) {
        this.settings = settings;
        this.log = log;
        this.publisher = new Publisher(functions, async, maxRequestBytes);
        this.schedules = new Schedules(functions, async, settings, log);
        this.buckets = new Buckets(functions, async,
                settings.bucketsDir() != null ? settings.bucketsDir() : dataDir.resolve("buckets"), log);
    }

    /**
     * Creates the triggers of a gateway; {@link #start()} begins firing schedules and watching buckets.
     *
     * @param dataDir         where buckets live unless the settings name another directory
     * @param maxRequestBytes the largest publication accepted
     */
    public static TriggerRuntime create(Path dataDir, TriggerSettings settings, FunctionRuntime functions,
                                        AsyncRuntime async, int maxRequestBytes, PrintStream log) {
        return new TriggerRuntime(dataDir, settings, functions, async, maxRequestBytes, log);
    }

    /** True for the publishing paths: {@code /queue/}, {@code /topic/}, {@code /stream/}, {@code /changes/}. */
    public static boolean handles(String path) {
        return Publisher.handles(path);
    }

    /**
     * The names of the deployed functions a publication to this path (one {@link #handles} accepts) triggers: the
     * gateway admits a publication only when each of them would admit it as a request.
     */
    public java.util.List<String> subscribers(String path) {
        return publisher.subscribers(path);
    }

    /** Serves a publication; may block until its events are journaled. */
    public HttpResponse publish(HttpRequest request, String requestId) {
        return publisher.publish(request, requestId);
    }

    /** Starts firing schedules and watching buckets. */
    public void start() {
        long interval = settings.scanInterval().toMillis();
        timer.scheduleWithFixedDelay(this::check, 0, interval, TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            schedules.tick();
        } catch (RuntimeException e) {
            log.println("fnkit: schedules: " + e);
        }
        try {
            buckets.scan();
        } catch (RuntimeException e) {
            log.println("fnkit: storage buckets: " + e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
