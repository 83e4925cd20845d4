package dev.fnkit.benchmarks.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import dev.fnkit.samples.hello.Hello;

import java.util.Optional;

/** The bare annotated Azure function: {@code GET /api/hello/{name}} answered with the greeting, with Jackson. */
public final class BareAzureFunction {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The HTTP trigger, with the route's {@code name} bound by the worker. */
    @FunctionName("hello")
    public HttpResponseMessage run(
            @HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
                    route = "hello/{name}") HttpRequestMessage<Optional<String>> request,
            @BindingName("name") String name,
            ExecutionContext context) throws JsonProcessingException {
        return request.createResponseBuilder(HttpStatus.OK).header("Content-Type", "application/json")
                .body(MAPPER.writeValueAsBytes(new Hello.Greeting("Hello, " + name + "!"))).build();
    }
}
