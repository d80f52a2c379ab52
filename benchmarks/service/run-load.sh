#!/usr/bin/env bash
# Starts `dispatch serve` (embedded Monaco map, empty fleet) on loopback, runs `dispatch load` against
# it with the arguments given, prints the load tool's JSON line, and stops the server (SIGTERM).
# Usage: benchmarks/service/run-load.sh [load options...]   e.g. --units 2000 --moving-share 0.1
# BLUELAMP_LOAD_MAP=<extract> serves another map (default: the embedded Monaco extract); give the
# load tool a matching --box. BLUELAMP_SERVE_ARGS adds options to serve, e.g.
# BLUELAMP_SERVE_ARGS="--redis redis://127.0.0.1:6399 --force load" to journal fixes to Redis.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
port="${BLUELAMP_LOAD_PORT:-50091}"
./dispatch --version >/dev/null   # builds the jar first if needed
log="$(mktemp)"
BLUELAMP_JAVA_OPTS="${BLUELAMP_SERVER_OPTS:--Xmx4g}" ./dispatch serve ${BLUELAMP_LOAD_MAP:+--map "$BLUELAMP_LOAD_MAP"} --port "$port" --http-port -1 --demo-units 0 ${BLUELAMP_SERVE_ARGS:-} \
  >"$log.out" 2>"$log" &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 900); do [ -s "$log.out" ] && break; sleep 0.5; done
[ -s "$log.out" ] || { echo "server did not start:" >&2; cat "$log" >&2; exit 1; }
BLUELAMP_JAVA_OPTS="${BLUELAMP_CLIENT_OPTS:--Xmx2g}" ./dispatch load --target "127.0.0.1:$port" "$@" 2> >(grep -v -e "^WARNING" -e "^building" >&2)
