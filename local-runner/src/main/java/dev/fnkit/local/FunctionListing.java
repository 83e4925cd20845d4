package dev.fnkit.local;

import dev.fnkit.api.Route;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.FunctionKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How one served function is listed by {@code fnkit run} and {@code GET /_fnkit/functions}.
 *
 * @param name    the function's name
 * @param kind    {@code http}, {@code typed}, {@code event} or {@code batch}
 * @param trigger the trigger, e.g. {@code queue orders-queue}
 * @param app     the app that declares it
 * @param urls    how to call it: {@code METHOD URL} per route for HTTP functions, else {@code POST <base>/<name>}
 */
record FunctionListing(String name, String kind, String trigger, String app, List<String> urls) {
    static FunctionListing of(String app, FunctionDefinition function, String baseUrl) {
        List<String> urls = new ArrayList<>();
        if (function.kind() == FunctionKind.HTTP) {
            for (Route route : function.routes()) {
                urls.add((route.anyMethod() ? "ANY" : route.method()) + " " + baseUrl + route.template());
            }
        } else {
            urls.add("POST " + baseUrl + "/" + function.name());
        }
        return new FunctionListing(function.name(), function.kind().name().toLowerCase(Locale.ROOT),
                function.describeTrigger(), app, List.copyOf(urls));
    }

    /** Lists every function the apps serve now. */
    static List<FunctionListing> of(ServedApps apps, String baseUrl) {
        List<FunctionListing> listings = new ArrayList<>();
        for (AppVersion version : apps.versions()) {
            for (FunctionDefinition function : version.application().functions()) {
                listings.add(of(version.name(), function, baseUrl));
            }
        }
        return listings;
    }
}
