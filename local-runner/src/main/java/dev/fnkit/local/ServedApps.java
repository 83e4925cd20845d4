package dev.fnkit.local;

import dev.fnkit.core.Application;
import dev.fnkit.core.DeclarationException;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.Router;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The apps served together: no function name or route may be declared by two of them, at start-up and after every
 * reload. A reload that fails (the classes do not load, a declaration is invalid, a name or route clashes) keeps the
 * previous version serving and says why.
 */
final class ServedApps {
    private final List<RunningApp> apps;
    private final PrintStream out;
    private final PrintStream log;
    private final Clock clock;
    private final List<Runnable> reloadListeners = new CopyOnWriteArrayList<>();

    /** @throws AppLoadException when two apps declare the same function name or clashing routes */
    ServedApps(List<RunningApp> apps, PrintStream out, PrintStream log, Clock clock) {
        if (apps.isEmpty()) {
            throw new AppLoadException("no app to serve");
        }
        this.apps = List.copyOf(apps);
        this.out = out;
        this.log = log;
        this.clock = clock;
        checkClashes(this.apps, null, null);
    }

    List<RunningApp> apps() {
        return apps;
    }

    /** The versions serving now, in app order. */
    List<AppVersion> versions() {
        List<AppVersion> versions = new ArrayList<>(apps.size());
        for (RunningApp app : apps) {
            versions.add(app.current());
        }
        return versions;
    }

    /** Every function served now, in app order. */
    List<FunctionDefinition> functions() {
        List<FunctionDefinition> functions = new ArrayList<>();
        for (RunningApp app : apps) {
            functions.addAll(app.current().application().functions());
        }
        return functions;
    }

    /** Called after each successful reload. */
    void onReload(Runnable listener) {
        reloadListeners.add(listener);
    }

    /** Loads the app's classes again and serves the new version, unless it fails to load or clashes. */
    synchronized void reload(RunningApp app) {
        AppVersion next = null;
        try {
            next = AppVersion.load(app.source(), out, clock);
            checkClashes(apps, app, next);
        } catch (AppLoadException e) {
            if (next != null) {
                next.retire();
            }
            log.println("fnkit: reloading failed, still serving the previous version of " + app + ": "
                    + e.getMessage());
            return;
        }
        app.swap(next);
        log.println("fnkit: reloaded " + app + ": " + next.application().functions().size() + " function(s)");
        reloadListeners.forEach(Runnable::run);
    }

    /** Closes every app once its requests finish. */
    void close() {
        apps.forEach(RunningApp::retire);
    }

    /** Checks the apps, with {@code replaced} serving {@code replacement} instead of its current version. */
    private static void checkClashes(List<RunningApp> apps, RunningApp replaced, AppVersion replacement) {
        List<Application> applications = new ArrayList<>(apps.size());
        for (RunningApp app : apps) {
            applications.add(app == replaced ? replacement.application() : app.current().application());
        }
        Map<String, Integer> owners = new HashMap<>();
        for (int i = 0; i < applications.size(); i++) {
            for (FunctionDefinition function : applications.get(i).functions()) {
                Integer other = owners.putIfAbsent(function.name(), i);
                if (other != null) {
                    throw new AppLoadException("function '" + function.name() + "' is declared by app "
                            + apps.get(other) + " and by app " + apps.get(i)
                            + "; function names must be unique among the apps served together");
                }
            }
        }
        for (int i = 0; i < applications.size(); i++) {
            for (int j = i + 1; j < applications.size(); j++) {
                List<FunctionDefinition> both = new ArrayList<>(applications.get(i).functions());
                both.addAll(applications.get(j).functions());
                try {
                    Router.of(both);
                } catch (DeclarationException e) {
                    throw new AppLoadException("app " + apps.get(i) + " and app " + apps.get(j)
                            + " declare clashing routes: " + e.getMessage());
                }
            }
        }
    }
}
