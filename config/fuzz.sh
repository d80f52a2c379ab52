#!/usr/bin/env bash
# Runs every fuzz target (the @FuzzTest methods of engine/src/test) with Jazzer for a number of
# inputs each, two targets at a time, and prints one line per target: inputs tried, seconds,
# outcome. Called by `./dispatch fuzz [--runs N] [--jobs J] [Class#method ...]` (see docs/fuzzing.md).
# Generated inputs go to engine/target/fuzz/corpus/<target>/, logs and findings (crash-*, timeout-*)
# to engine/target/fuzz/; the committed inputs in engine/src/test/resources/**/<Class>Inputs/<method>/
# seed each run (and are what every `./dispatch test` replays).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=1000000
jobs=2
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
out="$root/engine/target/fuzz"
mkdir -p "$out"
cd "$root"
echo "building the test classes ..." >&2
./mvnw -q -B -ntp -pl engine -am test-compile -Dspotless.check.skip=true -Dcheckstyle.skip=true >&2
./mvnw -q -B -ntp -pl engine -am dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$out/classpath.txt" >&2
# the contract's classes from this checkout, never a bluelamp jar from the local repository
deps=$(tr ':' '\n' < "$out/classpath.txt" | grep -v '/bluelamp-' | paste -sd: -)
# a copy of the compiled classes, so that builds during a long run cannot change them under it
rm -rf "$out/classes" && mkdir -p "$out/classes"
cp -r "$root/engine/target/test-classes" "$out/classes/test" && cp -r "$root/engine/target/classes" "$out/classes/main"
cp -r "$root/proto/target/classes" "$out/classes/proto"
cp="$out/classes/test:$out/classes/main:$out/classes/proto:$deps"
if [ ${#targets[@]} -eq 0 ]; then
  # every @FuzzTest method, found in the compiled test sources
  while IFS= read -r f; do
    cls=$(sed -n 's/^package \(.*\);/\1/p' "$f").$(basename "$f" .java)
    for m in $(grep -A1 '@FuzzTest' "$f" | sed -n 's/^ *void \([a-zA-Z0-9_]*\)(.*/\1/p'); do
      targets+=("$cls#$m")
    done
  done < <(grep -rl '@FuzzTest' engine/src/test/java | sort)
fi
echo "${#targets[@]} targets, $runs inputs each, $jobs at a time; logs in $out" >&2

run_one() {
  local target="$1" cls="${1%%#*}" method="${1##*#}"
  local name="${cls##*.}.$method"
  local seeds="$root/engine/src/test/resources/$(echo "${cls%.*}" | tr . /)/${cls##*.}Inputs/$method"
  local corpus="$out/corpus/$name"
  mkdir -p "$corpus" "$seeds"
  local t0=$SECONDS status=0
  "$JAVA_HOME/bin/java" -Xmx2g --sun-misc-unsafe-memory-access=allow -XX:+EnableDynamicAgentLoading \
    -cp "$cp" com.code_intelligence.jazzer.Jazzer \
    --target_class="$cls" --target_method="$method" --instrumentation_includes='org.bluelamp.**' \
    -runs="$runs" -timeout=10 -rss_limit_mb=4096 -artifact_prefix="$out/$name-" \
    "$corpus" "$seeds" > "$out/$name.log" 2>&1 || status=$?
  local done_line
  done_line=$(grep -E '^Done [0-9]+ runs' "$out/$name.log" | tail -1 || true)
  local inputs
  inputs=$(echo "$done_line" | sed -n 's/^Done \([0-9]*\) runs.*/\1/p')
  printf '%-40s %10s inputs %6d s  %s\n' "$name" "${inputs:-?}" $((SECONDS - t0)) \
    "$([ $status -eq 0 ] && echo "no finding" || echo "FINDING (exit $status): see $out/$name.log")"
}
export -f run_one
export root out cp runs JAVA_HOME
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ {}
