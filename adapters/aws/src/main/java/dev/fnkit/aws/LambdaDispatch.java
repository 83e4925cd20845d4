package dev.fnkit.aws;

import com.amazonaws.services.lambda.runtime.Context;

import java.io.InputStream;
import java.io.OutputStream;

/** Handles one invocation of the function: decodes the native event for its trigger, runs it, writes the result. */
interface LambdaDispatch {
    void handle(InputStream event, Context lambda, OutputStream out) throws Exception;
}
