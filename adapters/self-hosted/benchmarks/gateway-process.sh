# Sourced by gateway.sh and faults.sh: the gateway process they start, in $gateway_pid.

# stop_gateway: SIGTERM the gateway (it drains) and wait until it is gone.
stop_gateway() {
  if [ -n "${gateway_pid:-}" ] && kill -0 "$gateway_pid" 2>/dev/null; then
    kill -TERM "$gateway_pid"
    wait "$gateway_pid" 2>/dev/null || true
  fi
  gateway_pid=""
}
