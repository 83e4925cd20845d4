package dev.fnkit.api;

/**
 * A function that answers an HTTP request. Declared with {@link Functions#http(String, HttpFunction)} and served at the
 * routes the declaration names.
 */
@FunctionalInterface
public interface HttpFunction {
    /**
     * Answers one request. A thrown {@link FunctionException} becomes a response with its status; anything else
     * becomes a 500 whose body never shows the exception.
     */
    HttpResponse handle(HttpRequest request, Context context) throws Exception;
}
