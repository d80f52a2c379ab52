#!/usr/bin/env bash
# Starts `dispatch serve` (embedded Monaco map, empty fleet) on loopback, runs `dispatch load` against
# it with the arguments given, prints the load tool's JSON line, and stops the server (SIGTERM).
# Usage: benchmarks/service/run-load.sh [load options...]   e.g. --units 2000 --moving-share 0.1
# BLUELAMP_LOAD_MAP=<extract> serves another map (default: the embedded Monaco extract); give the
# load tool a matching --box. BLUELAMP_SERVE_ARGS adds options to serve, e.g.
# BLUELAMP_SERVE_ARGS="--redis redis://127.0.0.1:6399 --force load" to journal fixes to Redis.
# BLUELAMP_LOAD_JMX_PORT=<port> opens the server's JMX agent on loopback (no authentication) and passes
# --jmx to the load tool, which then reports the server's heap after a full GC at each minute's end.
# BLUELAMP_LOAD_JFR=<file.jfr> records a JFR profile of the server for the whole run (dumped before it is
# stopped), with each call's parts as org.bluelamp.Call events: `CallSplit <file.jfr> <warm-up s>` prints them.
# The server's GC log goes to $BLUELAMP_LOAD_GC_LOG (default: a temporary file, its path printed).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
port="${BLUELAMP_LOAD_PORT:-50091}"
./dispatch --version >/dev/null   # builds the jar first if needed
log="$(mktemp)"
server_opts="${BLUELAMP_SERVER_OPTS:--Xmx4g}"
gc_log="${BLUELAMP_LOAD_GC_LOG:-$log.gc}"
server_opts="$server_opts -Xlog:gc:file=$gc_log:time,uptime"
echo "server GC log: $gc_log" >&2
load_extra=()
if [ -n "${BLUELAMP_LOAD_JMX_PORT:-}" ]; then
  server_opts="$server_opts -Dcom.sun.management.jmxremote.port=$BLUELAMP_LOAD_JMX_PORT"
  server_opts="$server_opts -Dcom.sun.management.jmxremote.rmi.port=$BLUELAMP_LOAD_JMX_PORT"
  server_opts="$server_opts -Dcom.sun.management.jmxremote.host=127.0.0.1 -Djava.rmi.server.hostname=127.0.0.1"
  server_opts="$server_opts -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false"
  load_extra+=(--jmx "127.0.0.1:$BLUELAMP_LOAD_JMX_PORT")
fi
if [ -n "${BLUELAMP_LOAD_JFR:-}" ]; then
  # dumped by jcmd before the server is stopped, while the whole recording is still in memory
  server_opts="$server_opts -XX:StartFlightRecording=name=bluelamp,settings=profile"
fi
BLUELAMP_JAVA_OPTS="$server_opts" ./dispatch serve ${BLUELAMP_LOAD_MAP:+--map "$BLUELAMP_LOAD_MAP"} --port "$port" --http-port -1 --demo-units 0 ${BLUELAMP_SERVE_ARGS:-} \
  >"$log.out" 2>"$log" &
server=$!
stop_server() {
  if [ -n "${BLUELAMP_LOAD_JFR:-}" ]; then
    "$(dirname "$(readlink -f "/proc/$server/exe")")/jcmd" "$server" JFR.dump name=bluelamp \
      filename="$(readlink -f "$BLUELAMP_LOAD_JFR" || echo "$BLUELAMP_LOAD_JFR")" >/dev/null 2>&1 \
      || echo "could not dump the flight recording to $BLUELAMP_LOAD_JFR" >&2
  fi
  kill -TERM $server 2>/dev/null || true
  wait $server 2>/dev/null || true
}
trap stop_server EXIT
# the ready line is the first JSON line on standard output (JFR prints its start-up lines there too)
for _ in $(seq 1 3600); do grep -q '^{' "$log.out" 2>/dev/null && break; sleep 0.5; done
grep -q '^{' "$log.out" || { echo "server did not start:" >&2; cat "$log" >&2; exit 1; }
BLUELAMP_JAVA_OPTS="${BLUELAMP_CLIENT_OPTS:--Xmx2g}" ./dispatch load --target "127.0.0.1:$port" "${load_extra[@]}" "$@" 2> >(grep -v -e "^WARNING" -e "^building" >&2)
