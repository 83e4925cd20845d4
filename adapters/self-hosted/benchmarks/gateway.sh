#!/usr/bin/env bash
# Measures the self-hosted gateway on this machine, loopback only, bounded in time:
#   1. throughput and latency of samples/hello through the gateway vs straight to its instance (wrk, 1 and 16
#      connections), and, when nginx is installed, through nginx as a keep-alive reverse proxy in front of the same
#      instance (the issue's yardstick), without an access log and with one like the gateway's, and through a second
#      gateway with its idle spin off (--idle-spin 0) for reference: interleaved rounds, each target's share of
#      direct throughput and the latency it adds at p50 (medians of the rounds);
#   2. time from a step load (0 to 200 connections on a warm instance) to the desired instance count;
#   3. scale-from-zero to first response (p50/p95 of N runs): with a pre-started worker; without one and without
#      class-data archives (--no-cds); without one, from the function's class-data archive (trained after deploy).
# Needs wrk (Debian package) and a built fnkit (./mvnw -q -DskipTests install -pl adapters/self-hosted -am) and
# samples/hello (./mvnw -q -DskipTests package -pl samples/hello); nginx (Debian package nginx-light) is optional.
# Usage: [FNKIT_BENCH_PORT=18480] [FNKIT_BENCH_CLI=fnkit-self-hosted.jar] [FNKIT_BENCH_RAW=file] [FNKIT_BENCH_ROUNDS=5]
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
nginx_pid=""
nospin_pid=""
trap 'stop_gateway; [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null; [ -n "$nospin_pid" ] && kill "$nospin_pid" \
    2>/dev/null; rm -rf "$work"' EXIT

launch() { # $1 port, $2 output file, then more options of fnkit serve; sets $launched to the gateway's pid
  local on="$1" output="$2"
  shift 2
  FNKIT_ADMIN_TOKEN=bench java -jar "$cli" serve "$app" --port "$on" "$@" >"$output" 2>&1 &
  launched=$!
  for _ in $(seq 300); do
    grep -q "fnkit gateway listening" "$output" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "the gateway did not start:" >&2; cat "$output" >&2; exit 1
}

start() { # $1: pre-started workers, $2: more options of fnkit serve (optional), $3: autoscaling (short windows)
  launch "$port" "$work/gateway.out" --data-dir "$work/data-$1${2:-}" --prestarted "$1" ${2:-} \
      --autoscaling "${3:-stableWindow=6s,scaleToZeroGrace=1s,tick=500ms}"
  gateway_pid=$launched
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

# nginx as a keep-alive reverse proxy in front of the instance ($1), the issue's yardstick, twice: without an access
# log on $nginx_port, and on the next port writing one line per request as the gateway does (nginx's combined format,
# buffered and flushed every 50 ms like the gateway's access log).
start_nginx() {
  mkdir -p "$work/nginx/logs"
  cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
error_log $work/nginx/logs/error.log warn;
pid $work/nginx/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  upstream instance { server 127.0.0.1:$1; keepalive 32; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / { proxy_pass http://instance; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
  server {
    listen 127.0.0.1:$((nginx_port + 1));
    access_log $work/nginx/logs/access.log combined buffer=64k flush=50ms;
    location / { proxy_pass http://instance; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
  nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
  nginx_pid=$!
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$nginx_port/hello/warm" && return 0; sleep 0.1; done
  echo "nginx did not start:" >&2; cat "$work/nginx/logs/error.log" >&2; exit 1
}

if part throughput; then
start 1 "" "stableWindow=10m,scaleToZeroGrace=10m" # direct and nginx rounds send the gateway nothing for minutes
rounds="${FNKIT_BENCH_ROUNDS:-5}"
nginx_port=$((port + 2))
nginx_pid=""
curl -s "http://localhost:$port/hello/warm" >/dev/null
instance_port=$(admin "http://localhost:$port/system/function/hello" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["fnkit"]["instances"][0]["port"])')
targets=("direct=http://127.0.0.1:$instance_port/hello/Ada")
if command -v nginx >/dev/null; then
  start_nginx "$instance_port"
  targets+=("nginx=http://127.0.0.1:$nginx_port/hello/Ada" "nginx-logging=http://127.0.0.1:$((nginx_port + 1))/hello/Ada")
fi
targets+=("gateway=http://localhost:$port/hello/Ada")
# For reference, a second gateway with its idle spin off (--idle-spin 0, its own instance): what the spin buys.
launch $((port + 4)) "$work/gateway-nospin.out" --data-dir "$work/data-nospin" --prestarted 0 --idle-spin 0 \
    --autoscaling "stableWindow=10m,scaleToZeroGrace=10m"
nospin_pid=$launched
curl -s "http://localhost:$((port + 4))/hello/warm" >/dev/null
targets+=("gateway-no-spin=http://localhost:$((port + 4))/hello/Ada")
echo "== throughput: gateway vs direct$([ -n "$nginx_pid" ] && echo ' vs nginx (keep-alive reverse proxy)')" \
    "(wrk, ${seconds}s each, $rounds interleaved rounds, load average $(cut -d' ' -f1 /proc/loadavg))"
[ -n "$nginx_pid" ] || echo "  (no nginx reference: apt-get install -y nginx-light)"
# Warm-up: the gateway's JIT takes about 30 s of traffic to settle (its per-request CPU halves over the first 20 s,
# and C2 still recompiles the hottest methods after 25 s), and sending through it warms the instance too; a short
# warm-up would measure compilation, not the hop.
for target in "${targets[@]}"; do
  wrk -t1 -c4 -d"$([[ "${target%%=*}" = gateway* ]] && echo 30 || echo 5)s" "${target#*=}" >/dev/null
done
for connections in 1 16; do
  : >"$work/rounds"
  for round in $(seq "$rounds"); do
    for target in "${targets[@]}"; do
      figures=$(measure "$connections" "${target#*=}")
      echo "  $connections connection(s), round $round: ${target%%=*} $figures"
      echo "${target%%=*} $figures" >>"$work/rounds"
    done
  done
  python3 - "$work/rounds" "$connections" <<'PY'
import statistics, sys
def micros(text):
    number = float(text.rstrip("usm"))
    return number * 1000 if text.endswith("ms") else number * 1e6 if text.endswith("s") and not text.endswith("us") else number
runs = {}
for line in open(sys.argv[1]):
    name, rps, _, _, p50, _, _ = line.replace(",", "").split()[:7]
    runs.setdefault(name, []).append((float(rps), micros(p50)))
direct = runs["direct"]
for name in [n for n in runs if n != "direct"]:
    shares = [100 * r[0] / d[0] for r, d in zip(runs[name], direct)]
    added = [r[1] - d[1] for r, d in zip(runs[name], direct)]
    print("  %s connection(s): %s keeps %.0f %% of direct throughput and adds %+.0f us at p50 (medians of %d rounds;"
          " added per round: %s)" % (sys.argv[2], name, statistics.median(shares), statistics.median(added),
                                    len(added), ", ".join("%+.0f" % a for a in added)))
PY
done
[ -n "$nginx_pid" ] && kill "$nginx_pid" && wait "$nginx_pid" 2>/dev/null
nginx_pid=""
kill -TERM "$nospin_pid"
wait "$nospin_pid" 2>/dev/null || true # a JVM stopped by SIGTERM exits with 143
nospin_pid=""
stop_gateway
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
start 1
curl -s "http://localhost:$port/hello/warm" >/dev/null
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
