package dev.fnkit.gcp;

import com.google.cloud.functions.HttpResponse;
import dev.fnkit.api.Body;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Writes a portable response through the Functions Framework's {@link HttpResponse}: status, every value of every
 * header (each {@code Set-Cookie} separately, the content type through {@code setContentType}) and the body as bytes.
 */
final class GcpResponses {
    private GcpResponses() {
    }

    static void write(dev.fnkit.api.HttpResponse response, HttpResponse target) throws IOException {
        target.setStatusCode(response.status());
        for (Map.Entry<String, List<String>> header : response.headers().asMap().entrySet()) {
            String name = header.getKey();
            List<String> values = header.getValue();
            if (name.equals("content-type")) {
                if (!values.isEmpty()) {
                    target.setContentType(values.get(values.size() - 1));
                }
                continue;
            }
            for (String value : values) {
                target.appendHeader(name, value);
            }
        }
        Body body = response.body();
        if (!body.isEmpty()) {
            OutputStream out = target.getOutputStream();
            out.write(body.bytes());
            out.flush();
        }
    }
}
