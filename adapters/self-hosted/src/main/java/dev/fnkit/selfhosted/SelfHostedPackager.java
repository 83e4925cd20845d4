package dev.fnkit.selfhosted;

import dev.fnkit.core.Packager;
import dev.fnkit.core.PackagingContext;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Packages an application for the self-hosted runtime (target {@code self-hosted}): the bundle
 * {@code target/fnkit/self-hosted/<app>.zip} holding {@code functions.json}, the application jar and its
 * dependencies in {@code lib/} (without fnkit-api and fnkit-core, which the runtime provides). Deploy it with
 * {@code fnkit deploy <app>.zip} or {@code POST /system/functions}.
 */
public final class SelfHostedPackager implements Packager {
    /** Used by {@link java.util.ServiceLoader}. */
    public SelfHostedPackager() {
    }

    @Override
    public String target() {
        return "self-hosted";
    }

    @Override
    public void pack(PackagingContext context) throws IOException {
        String app = BundleManifest.appName(context.appName());
        BundleManifest manifest = BundleManifest.of(app, context.version(), context.appClasses(),
                context.functions());
        Path bundle = context.outputDirectory().resolve(app + ".zip");
        BundleWriter.write(bundle, manifest, context.appJar(), context.dependencies());
        context.log().accept(bundle.getFileName() + " (" + context.functions().size() + " functions); deploy it with"
                + " fnkit deploy " + bundle);
    }
}
