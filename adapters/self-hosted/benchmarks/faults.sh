#!/usr/bin/env bash
# Faults under load for the self-hosted gateway (`fnkit serve` as a process, loopback only, bounded in time), with
# the figures of docs/robustness.md "Faults and load":
#   a. kill -9 instances at random under load;       b. one function exhausts its memory while another is loaded;
#   c. one function hangs past its timeout (504);     d. scale from zero under load (bar: 99.9 % success);
#   e. two redeploys under load (bar: 100 %);         f. graceful restart under load: a second gateway takes
#                                                         over the first one's socket (bar: 100 %);
#   g. kill -9 the gateway during asynchronous submissions and start it again (bar: 0 accepted calls lost).
# wrk counts statuses with statuses.lua; client.py sends the requests of f and g. Prints a Markdown table.
# Needs wrk, python3, a built fnkit (./mvnw -q -DskipTests install -pl adapters/self-hosted -am).
# Usage: [PHASES=abcdefg] [KEEP=1] adapters/self-hosted/benchmarks/faults.sh [seconds of load per phase (default 20)]
#        [port (default 18580)]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cli="$root/adapters/self-hosted/target/fnkit-cli/fnkit-self-hosted.jar"
api="$(ls "$root"/api/target/fnkit-api-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -1)"
seconds="${1:-20}"
phases="${PHASES:-abcdefg}"
port="${2:-18580}"
work="$(mktemp -d)"
data="$work/data"
app="$work/faultapp/target/classes"
delivered="$work/delivered.txt"
token=faults
gateway_pid=""
starts=0
rows=()

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -f "$cli" ] || { echo "build fnkit first: $cli is missing" >&2; exit 1; }
[ -n "$api" ] || { echo "build fnkit first: api/target/fnkit-api-*.jar is missing" >&2; exit 1; }

# shellcheck source=gateway-process.sh
source "$(dirname "${BASH_SOURCE[0]}")/gateway-process.sh"
# KEEP=1 keeps the work directory (gateway output, wrk and client output) and names it at the end
trap 'for pid in ${client_pid:-} ${old_pid:-}; do kill "$pid" 2>/dev/null || true; done; stop_gateway; if [ -n "${KEEP:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi' EXIT
# a copy, so that a rebuild during the run changes nothing
cp -rp "$(dirname "$cli")" "$work/cli"
cli="$work/cli/$(basename "$cli")"

mkdir -p "$work/src/faultfns" "$app/META-INF/services"
cat >"$work/src/faultfns/FaultApp.java" <<EOF
package faultfns;

import dev.fnkit.api.FunctionApp;
import dev.fnkit.api.Functions;
import dev.fnkit.api.HttpResponse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public final class FaultApp implements FunctionApp {
    @Override
    public void register(Functions functions) {
        functions.http("hello", (request, context) -> HttpResponse.text("hello")).route("GET", "/hello");
        functions.http("work", (request, context) -> {
            Thread.sleep(Long.parseLong(request.queryParameter("ms").orElse("10")));
            return HttpResponse.text("done");
        }).route("GET", "/work").concurrency(4).maxInstances(6);
        functions.http("hog", (request, context) -> {
            List<byte[]> held = new ArrayList<>();
            while (true) {
                held.add(new byte[1 << 20]);
            }
        }).route("GET", "/hog").memoryMb(128);
        functions.http("hang", (request, context) -> {
            Thread.sleep(Long.MAX_VALUE);
            return HttpResponse.text("never");
        }).route("GET", "/hang").timeout(Duration.ofSeconds(2));
        functions.http("job", (request, context) -> {
            String line = request.header("x-call-id").orElse("none") + "\n";
            synchronized (FaultApp.class) {
                Files.writeString(Path.of("$delivered"), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.SYNC);
            }
            return HttpResponse.text("journaled");
        }).route("POST", "/job");
    }
}
EOF
javac --release 17 -proc:none -cp "$api" -d "$app" "$work/src/faultfns/FaultApp.java"
echo "faultfns.FaultApp" >"$app/META-INF/services/dev.fnkit.api.FunctionApp"

start_gateway() {
  starts=$((starts + 1))
  local out="$work/gateway-$starts.out"
  FNKIT_ADMIN_TOKEN=$token java -jar "$cli" serve "$app" --port "$port" --data-dir "$data" --prestarted 0 \
      --autoscaling "stableWindow=6s,scaleToZeroGrace=1s,tick=500ms" \
      --async "initialDelay=1s,maxDelay=2s,pollInterval=200ms" >"$out" 2>&1 &
  gateway_pid=$!
  for _ in $(seq 2400); do
    grep -q "fnkit gateway listening" "$out" 2>/dev/null && return 0
    kill -0 "$gateway_pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "the gateway did not start:" >&2; cat "$out" >&2; exit 1
}

admin() { curl -s -H "authorization: Bearer $token" "$@"; }

instance_pids() { # $1 function: pids of its ready instances
  admin "http://127.0.0.1:$port/system/function/$1" | python3 -c '
import json, sys
for i in json.load(sys.stdin)["fnkit"]["instances"]:
    if i["state"] == "READY": print(i["pid"])'
}

instance_count() { instance_pids "$1" | wc -l; }

scale() { # $1 function, $2 instances: asks for them and waits (up to a minute) until that many are ready
  admin -X POST -d "{\"serviceName\":\"$1\",\"replicas\":$2}" "http://127.0.0.1:$port/system/scale-function/$1" \
      >/dev/null
  local until=$((SECONDS + 60))
  while [ "$(instance_count "$1")" != "$2" ] && [ $SECONDS -lt $until ]; do sleep 0.1; done
}

load() { # $1 name, $2 connections, $3 path; wrk for $seconds in the background, output in $work/wrk-<name>
  wrk -t2 -c"$2" -d"${seconds}s" --timeout 15s -s "$here/statuses.lua" "http://127.0.0.1:$port$3" \
      >"$work/wrk-$1" 2>&1 &
  load_pid=$!
}

# row <phase> <wrk output> <bar> <notes>: appends a table row from wrk's status and error counts. Sent = answered +
# read, write and timeout errors (a connect error sent nothing). Succeeded = 2xx.
row() {
  local line
  line=$(python3 - "$2" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
statuses = dict(kv.split("=") for kv in re.search(r"^STATUSES ?(.*)$", text, re.M).group(1).split())
errors = dict(kv.split("=") for kv in re.search(r"^ERRORS (.*)$", text, re.M).group(1).split())
statuses = {k: int(v) for k, v in statuses.items()}
errors = {k: int(v) for k, v in errors.items()}
answered = sum(statuses.values())
sent = answered + errors["read"] + errors["write"] + errors["timeout"]
ok = sum(v for k, v in statuses.items() if k.startswith("2"))
failed = ", ".join("%s: %d" % (k, v) for k, v in sorted(statuses.items()) if not k.startswith("2")) or "none"
socket = ", ".join("%s: %d" % (k, v) for k, v in errors.items() if v) or "none"
latency = re.search(r"^LATENCY (.*)$", text, re.M).group(1)
print("%d | %d (%.3f %%) | %s | %s | %s" % (sent, ok, 100.0 * ok / max(sent, 1), failed, socket, latency))
EOF
)
  rows+=("| $1 | $line | $3 | $4 |")
  echo "  $1: $line" >&2
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== faults.sh: ${seconds}s of load per phase, $(nproc) cores, load average $(loadavg) before;" \
    "fnkit built $(date -u -r "$cli" '+%F %T UTC')" >&2
start_gateway
curl -s "http://127.0.0.1:$port/hello" >/dev/null
curl -s "http://127.0.0.1:$port/work" >/dev/null

if [[ $phases == *a* ]]; then
echo "== a. kill -9 instances of 'work' at random every 2 s under load" >&2
scale work 3
start_load="$(loadavg)"
load kill 16 "/work?ms=5"
kills=0
sleep 1
while kill -0 "$load_pid" 2>/dev/null; do
  victim=$(instance_pids work | shuf -n 1 || true)
  if [ -n "$victim" ] && kill -9 "$victim" 2>/dev/null; then kills=$((kills + 1)); fi
  sleep 2
done
wait "$load_pid" || true
row "a. kill -9 a random 'work' instance every 2 s ($kills kills), 16 connections" "$work/wrk-kill" \
    "reported (no bar)" "load $start_load"
fi

if [[ $phases == *b* ]]; then
echo "== b. 'hog' exhausts its memory while 'hello' is loaded" >&2
start_load="$(loadavg)"
load memory 8 "/hello"
hog=()
for _ in 1 2 3; do hog+=("$(curl -s -m 60 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/hog")"); sleep 2; done
wait "$load_pid" || true
row "b. 'hello' under load while 'hog' runs out of memory 3 times (answers: ${hog[*]})" "$work/wrk-memory" \
    "'hello' 100 %" "load $start_load"
fi

if [[ $phases == *c* ]]; then
echo "== c. 'hang' never answers (timeout 2 s) while 'hello' is loaded" >&2
scale hang 1
start_load="$(loadavg)"
load hang 8 "/hello"
hang_out="$work/hang"
for _ in 1 2 3 4; do
  curl -s -m 60 -o /dev/null -w '%{http_code} %{time_total}s\n' "http://127.0.0.1:$port/hang" >>"$hang_out" &
done
wait_hang_until=$((SECONDS + 70))
while [ "$(wc -l <"$hang_out" 2>/dev/null || echo 0)" -lt 4 ] && [ $SECONDS -lt $wait_hang_until ]; do sleep 0.2; done
wait "$load_pid" || true
row "c. 'hello' under load while 4 calls to 'hang' time out (answers: $(tr '\n' ' ' <"$hang_out"))" \
    "$work/wrk-hang" "'hello' 100 %, 'hang' 504" "load $start_load"
fi

if [[ $phases == *d* ]]; then
echo "== d. scale 'work' from zero under load" >&2
scale work 0
sleep 2
start_load="$(loadavg)"
load scale 24 "/work?ms=50"
most=0
while kill -0 "$load_pid" 2>/dev/null; do
  n=$(instance_count work); [ "$n" -gt "$most" ] && most=$n
  sleep 1
done
wait "$load_pid" || true
row "d. 'work' from 0 instances, 24 connections, 50 ms each (concurrency 4; up to $most instances seen)" \
    "$work/wrk-scale" "≥ 99.9 %" "load $start_load"
fi

if [[ $phases == *e* ]]; then
echo "== e. redeploy twice under load" >&2
revision=$(ls "$data/apps/faultapp" | grep -E '^[0-9]+$' | sort -n | tail -1)
python3 - "$data/apps/faultapp/$revision" "$work/faultapp.zip" <<'EOF'
import os, sys, zipfile
source, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w") as z:
    for folder, _, files in os.walk(source):
        for f in files:
            path = os.path.join(folder, f)
            z.write(path, os.path.relpath(path, source))
EOF
start_load="$(loadavg)"
load redeploy 16 "/work?ms=20"
redeploys=()
for at in $((seconds / 4)) $((seconds / 2)); do
  sleep "$at"
  redeploys+=("$(admin -o /dev/null -w '%{http_code}' -X PUT -H 'content-type: application/json' \
      -d "{\"bundle\": \"$work/faultapp.zip\"}" "http://127.0.0.1:$port/system/functions")")
done
wait "$load_pid" || true
row "e. 'work' under load, redeployed twice (admin answers: ${redeploys[*]})" "$work/wrk-redeploy" "100 %" \
    "load $start_load"
fi

# client_row <phase> <client output> <succeeded> <bar> <notes>: a table row from client.py's summary line.
client_row() {
  local line
  line=$(python3 - "$2" "$3" <<'EOF2'
import re, sys
text = open(sys.argv[1]).read()
fields = dict(re.findall(r"(\w+)=(\S*)", text.split("statuses=")[0]))
statuses = dict(kv.rsplit("=", 1) for kv in text.split("statuses=")[1].split())
failed = ", ".join("%s: %s" % kv for kv in sorted(statuses.items()) if not kv[0].startswith("2")) or "none"
sent = int(fields["sent"])
print("%d | %s | %s | connection refused: %s, no answer: %s | n/a" % (sent, sys.argv[2], failed, fields["refused"],
                                                              fields["noanswer"]))
EOF2
)
  rows+=("| $1 | $line | $4 | $5 |")
  echo "  $1: $line" >&2
}

if [[ $phases == *f* ]]; then
echo "== f. graceful restart under load: a second fnkit serve takes over, the first drains and exits" >&2
start_load="$(loadavg)"
rm -f "$work/stop"
python3 "$here/client.py" "$port" "/work?ms=100" /dev/null "$work/stop" 16 "$work/noanswer-restart" \
    >"$work/client-restart" &
client_pid=$!
sleep $((seconds / 3))
old_pid=$gateway_pid
restart_at=$(date +%s.%N)
start_gateway
up_at=$(date +%s.%N)
wait "$old_pid" 2>/dev/null && old_status=0 || old_status=$?
old_pid=""
exited_at=$(date +%s.%N)
sleep $((seconds / 3))
touch "$work/stop"
wait "$client_pid"
client_pid=""
ok=$(sed -E 's/.*statuses=//' "$work/client-restart" | tr ' ' '\n' | grep -E '^2[0-9]{2}=' | cut -d= -f2 \
    | paste -sd+ | bc)
timing=$(python3 -c "print('the new one served after %.1f s, the old one exited (status $old_status) %.1f s later' % ($up_at - $restart_at, $exited_at - $up_at))")
# where the requests without an answer went: looked up by request id in the gateways' access logs
unanswered=$(python3 - "$work/noanswer-restart" "$work"/gateway-*.out <<'EOF2'
import json, sys
ids = set(open(sys.argv[1]).read().split())
found = {}
for log in sys.argv[2:]:
    for line in open(log, errors="replace"):
        if line.startswith('{"log":"access"'):
            record = json.loads(line)
            if record.get("requestId") in ids:
                found[record["requestId"]] = record["status"]
statuses = sorted(set(found.values()))
print("%d without an answer, %d of them in the access log%s" % (len(ids), len(found),
      (" (statuses %s)" % statuses) if found else ""))
EOF2
)
echo "  f: $unanswered" >&2
client_row "f. 16 threads on 'work' (100 ms each); a second fnkit serve on the same data directory and port takes over ($timing; $unanswered)" \
    "$work/client-restart" "${ok:-0}" \
    "100 % succeeded: no status but 2xx, nothing refused, no request without an answer" \
    "load $start_load"
fi

if [[ $phases == *g* ]]; then
echo "== g. kill -9 the gateway during asynchronous submissions, start it again" >&2
start_load="$(loadavg)"
rm -f "$work/stop"
python3 "$here/client.py" "$port" /async-function/job "$work/accepted" "$work/stop" 4 >"$work/client-async" &
client_pid=$!
sleep $((seconds / 3))
kill -9 "$gateway_pid"
wait "$gateway_pid" 2>/dev/null || true
gateway_pid=""
start_gateway
sleep $((seconds / 3))
touch "$work/stop"
wait "$client_pid"
client_pid=""
accepted_count=$(wc -l <"$work/accepted")
deadline=$((SECONDS + 120))
lost=$accepted_count
while [ $SECONDS -lt $deadline ]; do
  lost=$(sort -u "$work/accepted" | comm -23 - <(sort -u "$delivered" 2>/dev/null) | wc -l)
  [ "$lost" = 0 ] && break
  sleep 1
done
delivered_lines=$(wc -l <"$delivered")
delivered_unique=$(sort -u "$delivered" | wc -l)
dead=$(admin "http://127.0.0.1:$port/system/dead-letters" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
client_row "g. 4 threads submitting to \`/async-function/job\`; kill -9 of the gateway, started again" \
    "$work/client-async" "$accepted_count accepted (202)" "0 accepted calls lost" \
    "**lost: $lost**; delivered $delivered_unique distinct calls, $((delivered_lines - delivered_unique)) of them twice or more; dead letters: $dead; load $start_load"
fi

echo
echo "| phase | requests sent | succeeded | failed, by status | socket errors | latency | bar | machine load (1, 5, 15 min) |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
