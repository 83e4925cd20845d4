package dev.fnkit.local.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The head of one HTTP/1.1 response as it came over the wire, checked for framing on the way: every line ends in
 * CRLF and holds no other CR or LF, every header line is {@code token: value}. Null when the server closed the
 * connection without answering.
 */
record WireResponse(int status, List<String[]> headers) {
    /** Sends the bytes on a fresh loopback connection and reads the first final response (1xx are skipped). */
    static WireResponse exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (SocketException e) {
                return null;
            }
            InputStream in = socket.getInputStream();
            while (true) {
                WireResponse response = read(in);
                if (response == null || response.status() >= 200) {
                    return response;
                }
            }
        }
    }

    private static WireResponse read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            return null;
        }
        assertThat(statusLine).matches("HTTP/1\\.[01] [1-5][0-9][0-9] .*");
        int status = Integer.parseInt(statusLine.substring(9, 12));
        List<String[]> headers = new ArrayList<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            assertThat(colon).as("header line %s", line).isPositive();
            String name = line.substring(0, colon);
            assertThat(name).as("header name").matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
            headers.add(new String[] {name.toLowerCase(Locale.ROOT), line.substring(colon + 1).strip()});
        }
        return new WireResponse(status, headers);
    }

    /** One line without its CRLF; null at the end of the stream (or a reset) before any byte of it. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        try {
            b = in.read();
            while (b != -1 && b != '\r' && b != '\n') {
                line.write(b);
                b = in.read();
            }
        } catch (SocketException e) {
            b = -1;
        }
        if (b == -1) {
            assertThat(line.size()).as("bytes of a response line cut off by the end of the stream").isZero();
            return null;
        }
        assertThat(b).as("a bare LF in a response line").isEqualTo('\r');
        assertThat(in.read()).as("a bare CR in a response line").isEqualTo('\n');
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Every value of a header. */
    List<String> all(String name) {
        return headers.stream().filter(h -> h[0].equals(name)).map(h -> h[1]).toList();
    }
}
