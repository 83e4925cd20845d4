package dev.fnkit.selfhosted;

import java.util.List;

/**
 * A snapshot of one function's pool, for the admin API and the CLI.
 *
 * @param name      the function
 * @param app       the application it belongs to
 * @param spec      its declaration
 * @param desired   the instances wanted
 * @param ready     instances taking requests
 * @param starting  instances starting
 * @param draining  instances finishing their requests before they stop
 * @param buffered  requests waiting for an instance
 * @param inFlight  requests buffered or at an instance
 * @param decision  the autoscaler's last decision, or null
 * @param instances every instance
 */
record PoolStatus(String name, String app, FunctionSpec spec, int desired, int ready, int starting, int draining,
                  int buffered, long inFlight, ScaleDecision decision, List<InstanceStatus> instances) {
    /**
     * One instance.
     *
     * @param id          its id
     * @param pid         its process id
     * @param state       STARTING, READY, DRAINING or STOPPED
     * @param outstanding requests it is serving
     * @param port        its loopback port, -1 before it announced one
     * @param socket      the Unix domain socket the gateway reaches it on, or null (not announced yet, or it is
     *                    reached on its port)
     * @param stale       true when it runs the previous revision
     */
    record InstanceStatus(String id, long pid, String state, int outstanding, int port, String socket,
                          boolean stale) {
    }
}
