package dev.fnkit.api;

/** Invokes the application's own functions in-process, for {@link FunctionApp#prime(Primer)}. */
public interface Primer {
    /** Sends a request to an HTTP function. */
    HttpResponse http(String function, HttpRequest request) throws Exception;

    /** Invokes a typed function with this input (encoded to JSON and decoded as the declared input type). */
    Body typed(String function, Object input) throws Exception;

    /** Delivers one event carrying this data to an event or batch function. */
    void event(String function, Object data) throws Exception;
}
