package dev.fnkit.compat.spring;

import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;

import java.lang.reflect.Type;

/** One declared function definition of the catalog, resolved when first called. */
record SpringBean(String definition, SpringContext context) {
    FunctionInvocationWrapper function() {
        return context.function(definition);
    }

    /** Calls the function with this input (ignored by a supplier); null for a consumer. */
    Object call(Object input) {
        FunctionInvocationWrapper function = function();
        return function.isSupplier() ? function.get() : function.apply(input);
    }

    boolean supplier() {
        return function().isSupplier();
    }

    boolean consumer() {
        return function().isConsumer();
    }

    /** The input type: the payload type for a {@code Message} input. */
    Type inputType() {
        FunctionInvocationWrapper function = function();
        return function.isInputTypeMessage() ? function.getItemType(function.getInputType()) : function.getInputType();
    }

    boolean messageInput() {
        return function().isInputTypeMessage();
    }

    Class<?> rawInputType() {
        return function().getRawInputType();
    }
}
