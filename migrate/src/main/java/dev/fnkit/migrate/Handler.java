package dev.fnkit.migrate;

import java.util.List;

/**
 * One provider-specific handler found in the classes.
 *
 * @param provider    {@code AWS Lambda}, {@code Google Cloud Functions}, {@code Azure Functions} or
 *                    {@code Spring Cloud Function}
 * @param kind        the provider's handler type, e.g. {@code RequestHandler} or {@code @FunctionName}
 * @param className   the class, as Java source names it
 * @param method      the handler method (or bean name)
 * @param function    the suggested fnkit function name
 * @param trigger     what makes it run, in words
 * @param eventType   the provider's event type, when it has one
 * @param portable    the portable fnkit equivalent, in words
 * @param compat      the compat-layer declaration that runs it unchanged now, or null when there is none
 * @param declaration the suggested declaration: {@code compat}, or else the portable one to fill in
 * @param apis        provider APIs the handler's class calls
 */
record Handler(String provider, String kind, String className, String method, String function, String trigger,
               String eventType, String portable, String compat, String declaration, List<ApiUse> apis) {
    Handler {
        apis = List.copyOf(apis);
    }

    Handler withApis(List<ApiUse> found) {
        return new Handler(provider, kind, className, method, function, trigger, eventType, portable, compat,
                declaration, found);
    }
}
