package {{package}};

import dev.fnkit.api.FunctionApp;
import dev.fnkit.api.Functions;

/** Declares this application's functions; listed in {@code META-INF/services/dev.fnkit.api.FunctionApp}. */
public final class App implements FunctionApp {
    @Override
    public void register(Functions functions) {
        functions.http("{{name}}", new Handler())
                .route("GET", "/{{name}}")
                .route("POST", "/{{name}}");
    }
}
