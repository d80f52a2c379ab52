#!/usr/bin/env bash
# The service's CPU per gRPC call (CallCostProbe), servers of two builds alternated: for each round,
# each server jar in turn is started (`serve`, embedded Monaco map, its 40-unit demonstration fleet,
# JMX on loopback), probed, and stopped.
# Usage: benchmarks/service/probes/call-cost.sh <rounds> <calls/s> <s per block> <blocks> '<label>|<serve jar>[|<JVM options>]'...
#   e.g. call-cost.sh 2 1000 10 3 'main|/work/jars/main-dispatch.jar' 'branch|engine/target/bluelamp-engine-0.1.0-SNAPSHOT-all.jar'
#   ('nio|<jar>|-Dio.netty.transport.noNative=true' runs a jar with the native transport turned off)
# BLUELAMP_PROBE_PORT (default 50471; JMX on the next port), BLUELAMP_PROBE_JAR (the probe's jar,
# default benchmarks/target/benchmarks.jar), BLUELAMP_SERVER_OPTS (default -Xmx1g), BLUELAMP_PROBE_OPTS (the probe's JVM:
# -Dbluelamp.probe.kinds=GetUnit,Recommend,Fixes, -Dbluelamp.probe.warmup=<s per kind>).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
rounds=$1; rate=$2; seconds=$3; blocks=$4; shift 4
port="${BLUELAMP_PROBE_PORT:-50471}"; jmx=$((port + 1))
probe="${BLUELAMP_PROBE_JAR:-$root/benchmarks/target/benchmarks.jar}"
for r in $(seq 1 "$rounds"); do
  for spec in "$@"; do
    IFS='|' read -r label jar opts <<<"$spec"
    out="$(mktemp)"
    # shellcheck disable=SC2086
    "$java" -Xlog:disable ${BLUELAMP_SERVER_OPTS:--Xmx1g} ${opts:-} -XX:+UseZGC --sun-misc-unsafe-memory-access=allow \
      -Dcom.sun.management.jmxremote.port=$jmx -Dcom.sun.management.jmxremote.rmi.port=$jmx \
      -Dcom.sun.management.jmxremote.host=127.0.0.1 -Djava.rmi.server.hostname=127.0.0.1 \
      -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false \
      -jar "$jar" serve --port "$port" --http-port -1 >"$out" 2>"$out.err" &
    server=$!
    for _ in $(seq 1 240); do grep -q '^{' "$out" 2>/dev/null && break; sleep 0.5; done
    echo "# round $r $label (server pid $server) load: $(cut -d' ' -f1-3 /proc/loadavg)"
    "$java" -Xmx512m ${BLUELAMP_PROBE_OPTS:-} --sun-misc-unsafe-memory-access=allow -cp "$probe" org.bluelamp.bench.CallCostProbe \
      "127.0.0.1:$port" "127.0.0.1:$jmx" "$rate" "$seconds" "$blocks" "$label" "$server" 2> >(grep -v -e '^WARNING' -e SLF4J >&2) || true
    kill -TERM "$server"; wait "$server" 2>/dev/null || true
    rm -f "$out" "$out.err"
  done
done
