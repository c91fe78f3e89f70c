#!/usr/bin/env bash
# One node against two nodes behind HAProxy, on one PostgreSQL, in one run (issue 14): the load
# driver of bench/run.sh runs against bench/two-nodes.sh's balancer with NODES=1, then NODES=2,
# each on a fresh database; after each, the audit chain is verified. See bench/README.md.
#
#   bench/nodes.sh                                  # 16 clients, settle 60 s, 15 s per phase
#   CLIENTS=8 SETTLE=30 DURATION=10 bench/nodes.sh
#
# Environment: CLIENTS, DURATION, WARMUP, SETTLE, RATE (as bench/run.sh), NODE_COUNTS (default "1 2"),
# and what bench/two-nodes.sh reads (SERVER_JAR, TOLLGATE_DB_URL, ...; PG_DB default
# tollgate_bench_nodes). Reports go to bench/results/<timestamp>-nodes<N>.{txt,json}.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
BENCH_JAR="$BENCH_DIR/target/tollgate-bench.jar"
RESULTS="$BENCH_DIR/results"
export PG_DB="${PG_DB:-tollgate_bench_nodes}"

# --- inside two-nodes.sh: drive the balancer, then verify the chain --------------------------
if [[ "${1:-}" == "--drive" ]]; then
  label="$2" out="$3"
  # the token goes through the environment, not the command line
  # shellcheck disable=SC2086
  TOLLGATE_BENCH_ADMIN_TOKEN="$TOLLGATE_ADMIN_TOKEN" java ${BENCH_JAVA_OPTS:-} -jar "$BENCH_JAR" \
    --base-url "$TOLLGATE_URL" --clients "$CLIENTS" --duration "$DURATION" --warmup "$WARMUP" \
    --settle "$SETTLE" --rate "${RATE:-0}" --label "$label" --out "$out.json" >"$out.txt"
  verify="$(curl -sS -m 300 -H "Authorization: Bearer $TOLLGATE_ADMIN_TOKEN" "$TOLLGATE_URL/api/v1/audit/verify")"
  echo "audit verify: $verify" >>"$out.txt"
  cat "$out.txt"
  [[ "$verify" == *'"ok":true'* ]]
  exit
fi

export CLIENTS="${CLIENTS:-16}" DURATION="${DURATION:-15}" WARMUP="${WARMUP:-5}" SETTLE="${SETTLE:-60}" RATE="${RATE:-0}"
NODE_COUNTS="${NODE_COUNTS:-1 2}"
log() { printf '[nodes-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if [[ ! -f "${SERVER_JAR:-$ROOT/server/target/tollgate-server.jar}" ]]; then
  log "building the server jar"
  (cd "$ROOT" && ./mvnw -q -pl process,server -am package -DskipTests -Dspotless.check.skip=true)
fi
log "building the load driver"
(cd "$ROOT" && ./mvnw -q -Pbench -pl bench package -DskipTests -Dspotless.check.skip=true)
mkdir -p "$RESULTS"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"

FAILED=0
for n in $NODE_COUNTS; do
  log "$n node(s) behind HAProxy: $CLIENTS clients, settle up to $SETTLE s, $DURATION s per phase"
  if ! NODES="$n" "$BENCH_DIR/two-nodes.sh" -- "$BENCH_DIR/nodes.sh" --drive "nodes$n" "$RESULTS/$STAMP-nodes$n"; then
    log "$n node(s): the run failed or the chain did not verify"
    FAILED=1
  fi
done

echo
echo "== One node vs several behind HAProxy, one PostgreSQL ($STAMP, $CLIENTS clients) =="
for n in $NODE_COUNTS; do
  f="$RESULTS/$STAMP-nodes$n.txt"
  [[ -f "$f" ]] || continue
  echo "[$n node(s)]"
  grep -E '^  releases closed:|^  offered load:|^  all commands together:|^  during release:|^audit verify:' "$f" || true
  sed -n '/^Targets$/,/^$/p' "$f" | sed '/^Targets$/d; /^$/d'
done
if [[ -f "$RESULTS/$STAMP-nodes1.json" && -f "$RESULTS/$STAMP-nodes2.json" ]]; then
  java -cp "$BENCH_JAR" io.tollgate.bench.Compare "$RESULTS/$STAMP-nodes1.json" "$RESULTS/$STAMP-nodes2.json" || true
fi
exit "$FAILED"
