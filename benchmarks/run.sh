#!/usr/bin/env bash
# Reproduces every table of docs/benchmarks.md on this machine and rewrites its results section and charts:
#   1. JMH, per invocation, bytes in to bytes out: fnkit and the bare handlers (benchmarks/), Spring Cloud Function's
#      AWS and GCP adapters (benchmarks/peers/scf-aws, benchmarks/peers/scf-gcp: separate class paths), -prof gc;
#   2. cold starts under the AWS runtime interface client and the Functions Framework invoker (ColdStart);
#   3. artifact sizes of samples/hello against Spring Cloud Function's shaded jars;
#   4. the self-hosted gateway against direct-to-instance, and its scale from zero (adapters/self-hosted/benchmarks/gateway.sh).
# Usage: benchmarks/run.sh            (about 12 minutes on 2 cores, build included)
#        benchmarks/run.sh --quick    (a smoke run: minimal iterations, 1 cold-start round; figures meaningless,
#                                      so its report goes to benchmarks/target/results/docs/, not docs/)
#        benchmarks/run.sh --jmh 'AwsBenchmark' [JMH options...]   (just JMH on the fnkit class path, as before)
#        benchmarks/run.sh --no-build [--quick]   (measure what is already built)
# Results land in benchmarks/target/results/ and, through the Report program, in docs/benchmarks.md and
# docs/benchmarks/*.png. Measure on a quiet machine: the load average is recorded with the figures.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode=full
build=yes
if [ "${1:-}" = --no-build ]; then build=no; shift; fi
case "${1:-}" in
  --quick) mode=quick; shift ;;
  --jmh) mode=jmh; shift ;;
esac

build() {
  "$root/mvnw" -q -B -f "$root/pom.xml" -DskipTests install \
      -pl benchmarks,benchmarks/peers/scf-aws,benchmarks/peers/scf-gcp,samples/hello,adapters/self-hosted -am >&2
}
classpath() { # $1 module folder
  echo "$root/$1/target/classes:$(cat "$root/$1/target/classpath.txt")"
}

if [ "$mode" = jmh ]; then
  "$root/mvnw" -q -B -f "$root/pom.xml" -pl benchmarks -am package -DskipTests >&2
  exec java -cp "$(classpath benchmarks)" org.openjdk.jmh.Main "$@"
fi

start_time=$(date +%s)
loads=""
note_load() { loads="$loads${loads:+, }$1 $(cut -d' ' -f1 /proc/loadavg)"; }
note_load start
[ "$build" = yes ] && build
results="$root/benchmarks/target/results"
rm -rf "$results" && mkdir -p "$results"

if [ "$mode" = quick ]; then
  jmh_opts=(-f 1 -wi 1 -w 200ms -i 1 -r 300ms -prof gc)
  rounds=1; wrk_seconds=1; gateway_runs=1
else
  jmh_opts=(-f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc)
  rounds=10; wrk_seconds=5; gateway_runs=10
fi

jmh() { # $1 module folder, $2 result file, then JMH arguments
  local module="$1" out="$2"; shift 2
  note_load "${out%.json}"
  echo "== JMH $module $*" >&2
  java -cp "$(classpath "$module")" org.openjdk.jmh.Main "$@" "${jmh_opts[@]}" -rf json -rff "$results/$out" \
      >"$results/${out%.json}.log" 2>&1 || { tail -40 "$results/${out%.json}.log" >&2; exit 1; }
  grep -E "^(Benchmark |[a-z.]*[A-Z][A-Za-z]+Benchmark\.[a-zA-Z]+ )" "$results/${out%.json}.log" >&2 || true
}
jmh benchmarks jmh-fnkit.json "AwsBenchmark|GcpBenchmark|AzureBenchmark|DispatchBenchmark"
jmh benchmarks/peers/scf-aws jmh-scf-aws.json ScfAwsBenchmark
jmh benchmarks/peers/scf-aws jmh-scf-aws-info.json ScfAwsBenchmark -p event=http-api-v2 -p scfLogLevel=INFO
jmh benchmarks/peers/scf-gcp jmh-scf-gcp.json ScfGcpBenchmark

note_load coldstart
echo "== cold starts, $rounds rounds" >&2
java -cp "$(classpath benchmarks)" dev.fnkit.benchmarks.coldstart.ColdStart "$root" "$results/coldstart.csv" \
    "$rounds" >&2

echo "== artifact sizes" >&2
size() { stat -c %s "$@" | awk '{s += $1} END {print s}'; }
hello="$root/samples/hello/target/fnkit"
m2="$HOME/.m2/repository/com/fasterxml/jackson/core"
jackson_jars=$(ls "$m2"/jackson-{core,databind,annotations}/"$(sed -n 's:.*<jackson.version>\(.*\)</jackson.version>.*:\1:p' "$root/pom.xml")"/*.jar | grep -v sources)
{
  echo "target,contender,bytes,what"
  echo "AWS Lambda,fnkit,$(size "$hello/aws/function.zip"),function.zip: the app's classes and $(unzip -l "$hello/aws/function.zip" | grep -c 'lib/.*\.jar') jars in lib/"
  echo "AWS Lambda,bare,$(size $jackson_jars),the three Jackson jars a hand-written Jackson handler needs (handler classes not counted)"
  echo "AWS Lambda,scf,$(size "$root"/benchmarks/peers/scf-aws/target/*-aws.jar),Spring Cloud Function's documented shaded jar (classifier aws)"
  echo "Cloud Functions,fnkit,$(size "$hello"/gcp/*.jar "$hello"/gcp/libs/*.jar),the deployable folder: thin jar and libs/"
  echo "Cloud Functions,bare,$(size $jackson_jars),the three Jackson jars of the bare function (the API jar is provided)"
  echo "Cloud Functions,scf,$(size "$root"/benchmarks/peers/scf-gcp/target/*-gcp.jar),a shaded jar of the function (the Boot jar layout GcfJarLauncher reads holds the same jars)"
  echo "Azure Functions,fnkit,$(size "$hello/azure/hello.zip"),hello.zip: the app folder zipped"
  echo "self-hosted,fnkit,$(size "$hello"/self-hosted/*),the bundle; the runtime brings fnkit"
} >"$results/sizes.csv"
cat "$results/sizes.csv" >&2

note_load gateway
echo "== self-hosted gateway" >&2
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
"$root/adapters/self-hosted/benchmarks/gateway.sh" "$wrk_seconds" "$gateway_runs" | tee "$results/gateway.txt" >&2

{
  echo "Mode: $mode run of \`benchmarks/run.sh$([ "$build" = no ] && echo ' --no-build')$([ "$mode" = quick ] && echo ' --quick')\`, $(date -u '+%Y-%m-%d %H:%M UTC'), $(( $(date +%s) - start_time )) s$([ "$build" = yes ] && echo ' including the build' || echo ', build skipped')"
  echo "Machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "JDK: $(java -version 2>&1 | sed -n 2p), default flags for JMH (one fork per benchmark: ${jmh_opts[*]}); cold JVMs: -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto"
  note_load end
  echo "Load average (1 minute) at each step: $loads"
} >"$results/env.txt"

docs="$root/docs"
if [ "$mode" = quick ]; then # a smoke run's figures mean nothing: its report goes next to the results
  docs="$results/docs" && mkdir -p "$docs" && cp "$root/docs/benchmarks.md" "$docs/"
fi
java -cp "$(classpath benchmarks)" dev.fnkit.benchmarks.report.Report "$results" "$docs"
echo "results: $results; report: $docs/benchmarks.md, charts: $docs/benchmarks/*.png" >&2
