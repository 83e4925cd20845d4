package dev.fnkit.selfhosted.worker;

/**
 * How the gateway and an instance process talk: the instance announces its loopback port on standard output, the
 * gateway probes it, then forwards requests with the headers below. Any header starting with {@link #HEADER_PREFIX}
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
    /** The first word of the line an instance prints once it serves: {@code <word> <token> <port>}. */
    public static final String READY_LINE = "fnkit-instance-ready";
    /**
     * The line a pre-started worker prints once its warm-up succeeded and it waits for its function; one whose
     * warm-up failed exits instead.
     */
    public static final String WARM_LINE = "fnkit-prestarted-warm";

    private InstanceProtocol() {
    }

    /** The line announcing that an instance serves on this port; the token proves it comes from the worker. */
    public static String readyLine(String token, int port) {
        return READY_LINE + " " + token + " " + port;
    }

    /** The port announced by {@code line}, or -1 when it is not the ready line carrying this token. */
    public static int parseReadyLine(String line, String token) {
        String prefix = READY_LINE + " " + token + " ";
        if (!line.startsWith(prefix)) {
            return -1;
        }
        try {
            return Integer.parseInt(line.substring(prefix.length()).strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
