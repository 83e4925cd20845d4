#!/usr/bin/env bash
# Measures the self-hosted gateway on this machine, loopback only, bounded in time:
#   1. throughput and latency of samples/hello through the gateway vs straight to its instance (wrk, 1 and 16
#      connections), and the ratio;
#   2. time from a step load (0 to 200 connections on a warm instance) to the desired instance count;
#   3. scale-from-zero to first response (p50/p95 of N runs): with a pre-started worker; without one and without
#      class-data archives (--no-cds); without one, from the function's class-data archive (trained after deploy).
# Needs wrk (Debian package) and a built fnkit (./mvnw -q -DskipTests install -pl adapters/self-hosted -am) and
# samples/hello (./mvnw -q -DskipTests package -pl samples/hello).
# Usage: [FNKIT_BENCH_PORT=18480] [FNKIT_BENCH_CLI=fnkit-self-hosted.jar] [FNKIT_BENCH_RAW=file]
#        adapters/self-hosted/benchmarks/gateway.sh [seconds per wrk run (default 5)] [cold starts (default 10)]
#        [parts (default all): a comma-separated list of throughput, step, prestarted, scratch, archive]
# FNKIT_BENCH_CLI runs another build of the CLI (for A/B runs); FNKIT_BENCH_RAW appends each cold start's time in ms
# to a file, one "<part> <ms>" line each.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cli="${FNKIT_BENCH_CLI:-$root/adapters/self-hosted/target/fnkit-cli/fnkit-self-hosted.jar}"
app="$root/samples/hello/target/classes"
seconds="${1:-5}"
runs="${2:-10}"
parts=",${3:-all},"
port="${FNKIT_BENCH_PORT:-18480}"
raw="${FNKIT_BENCH_RAW:-}"
work="$(mktemp -d)"
gateway_pid=""

part() { [ "$parts" = ",all," ] || [[ "$parts" == *",$1,"* ]]; }

if part throughput || part step; then
  command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
fi
[ -f "$cli" ] || { echo "build fnkit first: $cli is missing" >&2; exit 1; }
[ -d "$app" ] || { echo "build samples/hello first: $app is missing" >&2; exit 1; }

# shellcheck source=gateway-process.sh
source "$(dirname "${BASH_SOURCE[0]}")/gateway-process.sh"
trap 'stop_gateway; rm -rf "$work"' EXIT

start() { # $1: pre-started workers, $2: more options of fnkit serve (optional)
  FNKIT_ADMIN_TOKEN=bench java -jar "$cli" serve "$app" --port "$port" --data-dir "$work/data-$1${2:-}" \
      --prestarted "$1" ${2:-} --autoscaling "stableWindow=6s,scaleToZeroGrace=1s,tick=500ms" \
      >"$work/gateway.out" 2>&1 &
  gateway_pid=$!
  for _ in $(seq 300); do
    grep -q "fnkit gateway listening" "$work/gateway.out" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "the gateway did not start:" >&2; cat "$work/gateway.out" >&2; exit 1
}

admin() { curl -s -H "authorization: Bearer bench" "$@"; }

instance_count() {
  admin "http://localhost:$port/system/function/hello" \
      | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["fnkit"]["instances"]))'
}


measure() { # $1 connections, $2 url
  wrk -t"$(( $1 > 1 ? 2 : 1 ))" -c"$1" -d"${seconds}s" --latency "$2" \
      | awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {printf "%s req/s, p50 %s, p99 %s", rps, p50, p99}'
}

if part throughput || part step; then
start 1
fi
if part throughput; then
echo "== throughput: gateway vs direct (wrk, ${seconds}s each, load average $(cut -d' ' -f1 /proc/loadavg))"
curl -s "http://localhost:$port/hello/warm" >/dev/null
instance_port=$(admin "http://localhost:$port/system/function/hello" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["fnkit"]["instances"][0]["port"])')
wrk -t1 -c4 -d2s "http://localhost:$port/hello/Ada" >/dev/null
wrk -t1 -c4 -d2s "http://127.0.0.1:$instance_port/hello/Ada" >/dev/null
for connections in 1 16; do
  direct=$(measure "$connections" "http://127.0.0.1:$instance_port/hello/Ada")
  through=$(measure "$connections" "http://localhost:$port/hello/Ada")
  echo "  $connections connection(s): direct   $direct"
  echo "  $connections connection(s): gateway  $through"
  d=$(echo "$direct" | cut -d' ' -f1); g=$(echo "$through" | cut -d' ' -f1)
  python3 -c "print('  gateway keeps %.0f%% of direct throughput' % (100 * $g / $d))"
done
fi

step_load() { # $1 connections
  local seconds_step=8
  wrk -t2 -c"$1" -d"${seconds_step}s" "http://localhost:$port/hello/Ada" >/dev/null &
  local wrk_pid=$!
  python3 - "$port" "$seconds_step" <<'PY'
import json, sys, time, urllib.request
port, seconds = sys.argv[1], float(sys.argv[2])
request = urllib.request.Request("http://localhost:%s/system/function/hello" % port,
                                 headers={"authorization": "Bearer bench"})
start = time.monotonic(); peak = 0; desired_at = ready_at = None
while time.monotonic() - start < seconds:
    status = json.load(urllib.request.urlopen(request))["fnkit"]
    now = (time.monotonic() - start) * 1000
    if status["desired"] > peak:
        peak, desired_at, ready_at = status["desired"], now, None
    if ready_at is None and peak > 1 and status["ready"] >= peak:
        ready_at = now
    time.sleep(0.05)
if ready_at is None:
    print("  desired %d instances after %s ms; never all ready within %.0f s" % (peak, desired_at, seconds))
else:
    print("  desired %d instances after %.0f ms, all %d ready after %.0f ms" % (peak, desired_at, peak, ready_at))
PY
  wait "$wrk_pid"
}

if part step; then
echo "== step load: 1 warm instance, then 200 connections at once"
step_load 200
fi
stop_gateway

cold_starts() { # $1 the part measured
  local times=()
  for _ in $(seq "$runs"); do
    admin -X POST -d '{"serviceName":"hello","replicas":0}' "http://localhost:$port/system/scale-function/hello" \
        >/dev/null
    for _ in $(seq 600); do [ "$(instance_count)" = 0 ] && break; sleep 0.05; done
    sleep 2 # lets the replacement pre-started worker warm up
    times+=("$(curl -s -o /dev/null -w '%{time_total}' "http://localhost:$port/hello/cold")")
  done
  if [ -n "$raw" ]; then
    printf '%s\n' "${times[@]}" | awk -v part="$1" '{printf "%s %.1f\n", part, $1 * 1000}' >>"$raw"
  fi
  printf '%s\n' "${times[@]}" | sort -n | python3 -c '
import sys
t = [float(x) * 1000 for x in sys.stdin.read().split()]
p = lambda q: t[min(len(t) - 1, int(q * len(t)))]
print("  p50 %.0f ms, p95 %.0f ms, min %.0f ms, max %.0f ms (%d runs)" % (p(0.5), p(0.95), t[0], t[-1], len(t)))'
}

if part prestarted; then
echo "== scale from zero to first response, with a pre-started worker (load average $(cut -d' ' -f1 /proc/loadavg))"
start 1
cold_starts prestarted
stop_gateway
fi

if part scratch; then
echo "== scale from zero to first response, without (a JVM from scratch, no class-data archive)"
start 0 --no-cds
cold_starts scratch
stop_gateway
fi

if part archive; then
echo "== scale from zero to first response, without (a JVM from scratch, with the class-data archive)"
start 0
for _ in $(seq 600); do
  grep -q "class-data archive of hello written\|no class-data archive for hello" "$work/gateway.out" && break
  sleep 0.1
done
grep "class-data archive" "$work/gateway.out" | sed 's/^/  /'
cold_starts archive
fi
