package dev.fnkit.selfhosted.worker;

/**
 * How the gateway and an instance process talk: the instance announces its loopback port (and the Unix domain socket
 * it serves too, when the gateway asked for one) on standard output, the gateway probes it, then forwards requests
 * with the headers below. Any header starting with {@link #HEADER_PREFIX}
 * comes only from the gateway (it drops them from callers' requests) and is never shown to the function.
 */
public final class InstanceProtocol {
    /** The prefix of every header the gateway adds for the instance. */
    public static final String HEADER_PREFIX = "x-fnkit-";
    /** The deadline of the whole request, in epoch milliseconds: the function's {@code Context} deadline. */
    public static final String DEADLINE = "x-fnkit-deadline";
    /** The caller's IP address. */
    public static final String SOURCE_IP = "x-fnkit-source-ip";
    /** The {@code Host} the caller sent. */
    public static final String HOST = "x-fnkit-host";
    /** Present on the gateway's readiness and liveness probes, which the instance answers itself. */
    public static final String PROBE = "x-fnkit-probe";
    /** The request id, shared by the gateway's, the instance's and the function's log lines. */
    public static final String REQUEST_ID = "x-request-id";
    /** The first word of the line an instance prints once it serves: {@code <word> <token> <port> [<socket>]}. */
    public static final String READY_LINE = "fnkit-instance-ready";
    /**
     * The line a pre-started worker prints once its warm-up succeeded and it waits for its function; one whose
     * warm-up failed exits instead.
     */
    public static final String WARM_LINE = "fnkit-prestarted-warm";

    private InstanceProtocol() {
    }

    /**
     * Where an instance serves.
     *
     * @param port   its loopback port
     * @param socket the Unix domain socket it also serves, or null
     */
    public record Endpoint(int port, java.nio.file.Path socket) {
    }

    /**
     * The line announcing that an instance serves on this port (and socket, when not null); the token proves it
     * comes from the worker.
     */
    public static String readyLine(String token, int port, java.nio.file.Path socket) {
        return READY_LINE + " " + token + " " + port + (socket == null ? "" : " " + socket);
    }

    /** Where {@code line} announces the instance serves, or null when it is not the ready line with this token. */
    public static Endpoint parseReadyLine(String line, String token) {
        String prefix = READY_LINE + " " + token + " ";
        if (!line.startsWith(prefix)) {
            return null;
        }
        String rest = line.substring(prefix.length()).strip();
        int space = rest.indexOf(' ');
        try {
            int port = Integer.parseInt(space < 0 ? rest : rest.substring(0, space));
            return port > 0 ? new Endpoint(port, space < 0 ? null : java.nio.file.Path.of(rest.substring(space + 1)))
                    : null;
        } catch (NumberFormatException | java.nio.file.InvalidPathException e) {
            return null;
        }
    }
}
