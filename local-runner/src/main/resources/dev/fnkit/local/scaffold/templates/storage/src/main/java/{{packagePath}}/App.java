package {{package}};

import dev.fnkit.api.FunctionApp;
import dev.fnkit.api.Functions;
import dev.fnkit.api.StorageChange;

/** Declares this application's functions; listed in {@code META-INF/services/dev.fnkit.api.FunctionApp}. */
public final class App implements FunctionApp {
    @Override
    public void register(Functions functions) {
        functions.storage("{{name}}", "{{name}}-uploads", StorageChange.CREATED, new Handler());
    }
}
