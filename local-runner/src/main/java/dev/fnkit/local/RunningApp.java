package dev.fnkit.local;

import java.util.concurrent.atomic.AtomicReference;

/** One app being served: where it comes from and the version serving now, swapped atomically on reload. */
final class RunningApp {
    private final AppSource source;
    private final AtomicReference<AppVersion> current;

    /**
     * @param source where the app comes from, or null for an app the caller loaded (it never reloads)
     * @param first  the version to serve first
     */
    RunningApp(AppSource source, AppVersion first) {
        this.source = source;
        this.current = new AtomicReference<>(first);
    }

    String name() {
        return current.get().name();
    }

    AppSource source() {
        return source;
    }

    AppVersion current() {
        return current.get();
    }

    /** True when changes to compiled classes can reload this app. */
    boolean reloadable() {
        return source != null && !source.classRoots().isEmpty();
    }

    /** Serves {@code next} from now on; requests already on the previous version finish there. */
    void swap(AppVersion next) {
        current.getAndSet(next).retire();
    }

    /** Closes the serving version once its requests finish. */
    void retire() {
        current.get().retire();
    }

    @Override
    public String toString() {
        return source == null ? "'" + name() + "'" : source.toString();
    }
}
