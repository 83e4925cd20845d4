#!/usr/bin/env bash
# Builds the benchmarks and runs JMH. Arguments go to JMH: a benchmark name pattern and options, e.g.
#   benchmarks/run.sh Dispatch -prof gc
#   benchmarks/run.sh --quick          (one short fork of everything, for a smoke run)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/mvnw" -q -B -f "$root/pom.xml" -pl benchmarks -am package -DskipTests >&2
cp="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"
if [ "${1:-}" = "--quick" ]; then
  shift
  set -- "$@" -f 1 -wi 1 -w 1s -i 2 -r 1s
fi
exec java -cp "$cp" org.openjdk.jmh.Main "$@"
