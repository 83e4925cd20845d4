package dev.fnkit.api;

/** Declares the routes of an {@link HttpFunction}; without any, it serves every method at {@code /{name}}. */
public interface HttpDeclaration extends Declaration<HttpDeclaration> {
    /** Serves this method ({@code GET}, ..., or {@code *}) at this path template. */
    HttpDeclaration route(String method, String template);

    /** Serves every method at this path template. */
    default HttpDeclaration route(String template) {
        return route(Route.ANY_METHOD, template);
    }
}
