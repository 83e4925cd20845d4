#!/usr/bin/env bash
# Coverage-guided fuzzing of fnkit's input decoders with Jazzer (see docs/robustness.md).
#
# Usage: fuzz/run.sh [seconds-per-target] [target-filter]
#   seconds-per-target  how long each @FuzzTest is fuzzed (default 60)
#   target-filter       only targets whose "module:Class#method" contains this text (default: all)
#
# Each target runs in its own Maven invocation with JAZZER_FUZZ=1 and -Djazzer.max_duration, which overrides the
# @FuzzTest(maxDuration) default. Without JAZZER_FUZZ, `./mvnw verify` runs the same tests on their seed corpus only
# (src/test/resources/<package>/<Class>Inputs/<method>/). A finding fails its target: Jazzer saves the input as
# crash-<sha1> in that seed directory, where it stays as a regression seed once the bug is fixed (rename it to say
# what it is). The inputs Jazzer generates while fuzzing go to <module>/.cifuzz-corpus/ (not committed).
# Surefire's booter files go to target/surefire-fuzz/, out of the way of builds running at the same time.
# Prints one line per target and exits non-zero if any target found something. A target whose fuzzing ended (libFuzzer's
# DONE) without a new crash-* file but whose seed replay afterwards failed is reported as such, not as a finding.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
filter="${2:-}"
targets=(
  core:CloudEventsHttpFuzzTest#binary
  core:CloudEventsHttpFuzzTest#structured
  core:QueryAndRouteFuzzTest#queryParameters
  core:QueryAndRouteFuzzTest#routeTemplate
  core:JsonFuzzTest#record
  core:JsonFuzzTest#tree
  core:HttpDispatchFuzzTest#handle
  local-runner:LocalServerFuzzTest#http
  local-runner:LocalServerFuzzTest#responseHeaders
  adapters/aws:LambdaFuzzTest#http
  adapters/aws:LambdaFuzzTest#sqs
  adapters/aws:LambdaFuzzTest#kinesis
  adapters/aws:LambdaFuzzTest#dynamodb
  adapters/aws:LambdaFuzzTest#s3
  adapters/aws:LambdaFuzzTest#sns
  adapters/aws:LambdaFuzzTest#eventBridge
  adapters/aws:LambdaFuzzTest#typed
  adapters/gcp:GcpFuzzTest#http
  adapters/gcp:GcpFuzzTest#cloudEvent
  adapters/gcp-compat:LegacyEventFuzzTest#background
  adapters/azure:AzureFuzzTest#http
  adapters/azure:AzureFuzzTest#trigger
  adapters/self-hosted:BundleFuzzTest#bundle
  adapters/self-hosted:BundleFuzzTest#entries
  adapters/self-hosted:BundleFuzzTest#manifest
)

# Coverage feedback from fnkit and the parsers it delegates to, not only from the test's own classes.
instrument='dev.fnkit.**:com.fasterxml.jackson.**:io.cloudevents.**:com.google.protobuf.**'
failed=0
for target in "${targets[@]}"; do
  [[ -n "$filter" && "$target" != *"$filter"* ]] && continue
  module="${target%%:*}"
  test="${target#*:}"
  log="$module/target/fuzz-${test//#/-}.log"
  mkdir -p "$module/target"
  start=$(date +%s)
  crashes_before=$(find "$module/src/test/resources" -name 'crash-*' | wc -l)
  if JAZZER_FUZZ=1 ./mvnw -B -pl "$module" test -Dtest="$test" -Djazzer.max_duration="${seconds}s" \
      -Djazzer.instrumentation_includes="$instrument" -Dsurefire.failIfNoSpecifiedTests=false \
      -DtempDir="surefire-fuzz" >"$log" 2>&1; then
    result=ok
  elif grep -q 'DONE ' "$log" && [[ $(find "$module/src/test/resources" -name 'crash-*' | wc -l) -eq $crashes_before ]]
  then
    result="no finding while fuzzing; the seed replay after it failed (see $log and docs/robustness.md)"
  else
    result="FOUND SOMETHING (see $log and the crash-* file in the seed directory)"
    failed=1
  fi
  echo "$module $test: $((  $(date +%s) - start ))s, $result"
done
exit "$failed"
