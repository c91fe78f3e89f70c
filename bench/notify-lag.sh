#!/usr/bin/env bash
# Notification delivery lag (issue 10), both phases in one run: a fresh H2 server with the release
# bench alone, then a fresh H2 server with the release bench and NotifyLag's webhook subscriptions
# (every event) receiving on loopback; prints releases/s and the slowest command p99 of both, and
# the lag. See bench/README.md, "Notification delivery lag". Hold the build lock around it:
#
#   flock /tmp/tollgate-build.lock bench/notify-lag.sh
#   DB=postgres SETTLE=60 DURATION=30 flock /tmp/tollgate-build.lock bench/notify-lag.sh
#
# RATE=R paces both phases at R releases started per second (the settle and the release phase;
# see bench/README.md for why); RATE=0 (the default) is the closed loop, the clients at saturation.
#
# Environment: RATE (0), CLIENTS (16), DURATION (45: measured seconds per driver phase), WARMUP (5),
#   SETTLE (90), SUBSCRIPTIONS (10), DB (h2 | postgres), SERVER_JAR, SERVER_JAVA_OPTS,
#   PG_DB (tollgate_bench, dropped and created afresh), TOLLGATE_DB_USER (postgres or root).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
CLIENTS="${CLIENTS:-16}"
DURATION="${DURATION:-45}"
WARMUP="${WARMUP:-5}"
SETTLE="${SETTLE:-90}"
SUBSCRIPTIONS="${SUBSCRIPTIONS:-10}"
DB="${DB:-h2}"
RATE="${RATE:-0}"
SERVER_JAR="${SERVER_JAR:-$ROOT/server/target/tollgate-server.jar}"
BENCH_JAR="$BENCH_DIR/target/tollgate-bench.jar"
PG_DB="${PG_DB:-tollgate_bench}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
LOAD="closed loop"
SUFFIX=""
if [[ "$RATE" != 0 ]]; then
  LOAD="offered $RATE releases/s"
  SUFFIX="-rate$RATE"
fi
OUT="$BENCH_DIR/results/notify-$STAMP-$DB$SUFFIX"
mkdir -p "$BENCH_DIR/results"
log() { printf '[notify-lag %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

SERVER_PID=""
LAG_PID=""
DATA_DIR=""
stop_all() {
  [[ -n "$LAG_PID" ]] && kill "$LAG_PID" 2>/dev/null || true
  LAG_PID=""
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
  [[ -n "$DATA_DIR" && -d "$DATA_DIR" ]] && rm -rf "$DATA_DIR"
  DATA_DIR=""
}
trap stop_all EXIT
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM

if [[ ! -f "$SERVER_JAR" ]]; then
  log "building the server jar"
  (cd "$ROOT" && ./mvnw -q -B -ntp -pl process,server -am package -DskipTests -Dspotless.check.skip=true)
fi
log "building the load driver"
(cd "$ROOT" && ./mvnw -q -B -ntp -Pbench -pl bench package -DskipTests -Dspotless.check.skip=true)

token="$(head -c 200 /dev/urandom | LC_ALL=C tr -dc 'A-Za-z0-9' | head -c 40)"
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"

start_server() {
  local label="$1" env_db=()
  DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/tollgate-notify-lag.XXXXXX")"
  if [[ "$DB" == postgres ]]; then
    local user
    for user in ${TOLLGATE_DB_USER:-postgres root}; do
      psql -h 127.0.0.1 -U "$user" -d postgres -Atqc 'select 1' >/dev/null 2>&1 && break
    done
    PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U "$user" -d postgres -q \
      -c "drop database if exists $PG_DB with (force)" -c "create database $PG_DB" >/dev/null
    env_db=("TOLLGATE_DB_URL=jdbc:postgresql://127.0.0.1:5432/$PG_DB" "TOLLGATE_DB_USER=$user" "TOLLGATE_DB_PASSWORD=")
  fi
  # shellcheck disable=SC2086
  env -u TOLLGATE_DB_URL -u TOLLGATE_DB_USER -u TOLLGATE_DB_PASSWORD ${env_db[@]+"${env_db[@]}"} \
    TOLLGATE_PORT="$port" SERVER_ADDRESS=127.0.0.1 TOLLGATE_DATA_DIR="$DATA_DIR" \
    TOLLGATE_BOOTSTRAP_ADMIN_TOKEN="$token" TOLLGATE_DEMO=false \
    java ${SERVER_JAVA_OPTS:-} -jar "$SERVER_JAR" >"$OUT-$label-server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 240); do
    curl -fsS -m 2 "$base/actuator/health/readiness" 2>/dev/null | grep -q '"UP"' && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.5
  done
  log "$label: the server did not start; see $OUT-$label-server.log"
  exit 1
}

driver() {
  local label="$1"
  shift
  TOLLGATE_BENCH_ADMIN_TOKEN="$token" java -jar "$BENCH_JAR" --base-url "$base" \
    --clients "$CLIENTS" --duration "$DURATION" --warmup "$WARMUP" --settle "$SETTLE" \
    --rate "$RATE" --label "$DB-$label" --out "$OUT-$label.json" "$@" >"$OUT-$label.txt"
}

log "phase 1: $DB, the release bench alone (settle <= ${SETTLE} s, ${DURATION} s phases)"
start_server base
driver base
stop_all

log "phase 2: $DB, the release bench with $SUBSCRIPTIONS webhook subscriptions"
start_server notify
stop_file="$OUT-driver-done"
mark_file="$OUT-release-phase"
rm -f "$stop_file" "$mark_file"
TOLLGATE_BENCH_ADMIN_TOKEN="$token" java -cp "$BENCH_JAR" io.tollgate.bench.NotifyLag \
  --base-url "$base" --subscriptions "$SUBSCRIPTIONS" --duration 3600 --stop-file "$stop_file" \
  --measure-file "$mark_file" --out "$OUT-lag.json" >/dev/null 2>"$OUT-lag.err" &
LAG_PID=$!
driver notify --mark-file "$mark_file"
touch "$stop_file"
wait "$LAG_PID" || log "NotifyLag failed: $(tail -n 3 "$OUT-lag.err")"
LAG_PID=""
rm -f "$stop_file" "$mark_file"
stop_all

echo "== Notification lag, $DB, $STAMP ($CLIENTS clients, $LOAD) =="
for label in base notify; do
  echo "[$label] $(grep -E '^  releases closed:' "$OUT-$label.txt" | sed 's/^ *//')"
  grep -E '^  offered load:' "$OUT-$label.txt" || true
  grep -E '^  all commands together:' "$OUT-$label.txt" || true
  grep -E '^  during release:' "$OUT-$label.txt" || true
  grep -E '^  every command p99 < .*highest' "$OUT-$label.txt" || true
done
echo "[lag] $(tr -d '\n' <"$OUT-lag.json" | tr -s ' ')"
echo "reports: ${OUT#"$ROOT"/}-{base,notify}.{txt,json}, ${OUT#"$ROOT"/}-lag.json"
