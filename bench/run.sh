#!/usr/bin/env bash
# Runs the Tollgate load driver against a fresh server on H2 and on PostgreSQL, one after the
# other, on loopback only. See bench/README.md.
#
#   bench/run.sh                       # 16 clients, 20 s per phase, both databases
#   CLIENTS=8 DURATION=10 DBS=h2 bench/run.sh
#
# Environment:
#   CLIENTS      concurrent clients (default 16)
#   DURATION     measured seconds per phase (default 20)
#   WARMUP       unrecorded warm-up seconds before each phase (default 5)
#   SETTLE       at most this many seconds of releases before the phases, ending as soon as the
#                server's JIT is quiet (default 240; 0: none)
#   RATE         releases started per second in all, on a fixed schedule (default 0: the closed
#                loop, every client starting its next release at once); see bench/README.md
#   DBS          databases to run on, in order: "h2 postgres" (default), "h2", "postgres"
#   SERVER_JAR   the server jar (default server/target/tollgate-server.jar, built if missing)
#   TOLLGATE_DB_URL, TOLLGATE_DB_USER, TOLLGATE_DB_PASSWORD
#                the PostgreSQL, as the server and the tests read them: its host and port from the
#                URL (default 127.0.0.1, 5432), the user (default postgres or root, trust auth)
#   PG_DB        the bench's own database there (default tollgate_bench), dropped and created
#                afresh for every run (never the URL's database)
#   SERVER_JAVA_OPTS, BENCH_JAVA_OPTS
#                extra JVM options for the server and for the driver
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"

CLIENTS="${CLIENTS:-16}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-5}"
SETTLE="${SETTLE:-240}"
RATE="${RATE:-0}"
DBS="${DBS:-h2 postgres}"
DBS="${DBS//,/ }"
SERVER_JAR="${SERVER_JAR:-$ROOT/server/target/tollgate-server.jar}"
BENCH_JAR="$BENCH_DIR/target/tollgate-bench.jar"
RESULTS="$BENCH_DIR/results"
pg_hostport="${TOLLGATE_DB_URL:-jdbc:postgresql://127.0.0.1:5432/}"
pg_hostport="${pg_hostport#jdbc:postgresql://}"
pg_hostport="${pg_hostport%%/*}"
PG_HOST="${pg_hostport%%:*}"
PG_PORT="${pg_hostport##*:}"
[[ "$PG_PORT" == "$pg_hostport" ]] && PG_PORT=5432
PG_USER="${TOLLGATE_DB_USER:-}"
PG_DB="${PG_DB:-tollgate_bench}"
READY_TIMEOUT=120

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

for n in CLIENTS DURATION WARMUP SETTLE; do
  if ! [[ "${!n}" =~ ^[0-9]+$ ]]; then
    log "$n must be a whole number, not '${!n}'"
    exit 2
  fi
done
for db in $DBS; do
  case "$db" in
    h2 | postgres) ;;
    *) log "unknown database '$db' in DBS (h2, postgres)"; exit 2 ;;
  esac
done
command -v curl >/dev/null || { log "curl is needed"; exit 2; }
command -v java >/dev/null || { log "java is needed"; exit 2; }

SERVER_PID=""
DATA_DIR=""

stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      log "server $SERVER_PID did not stop in 30 s; killing it"
      kill -9 "$SERVER_PID" 2>/dev/null || true
    fi
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
  if [[ -n "$DATA_DIR" && -d "$DATA_DIR" ]]; then
    rm -rf "$DATA_DIR"
  fi
  DATA_DIR=""
}
trap stop_server EXIT
trap 'stop_server; exit 130' INT
trap 'stop_server; exit 143' TERM

# --- build what is missing -------------------------------------------------------------------
if [[ ! -f "$SERVER_JAR" ]]; then
  log "building the server jar (not found at $SERVER_JAR)"
  (cd "$ROOT" && ./mvnw -q -pl process,server -am package -DskipTests -Dspotless.check.skip=true)
  [[ -f "$SERVER_JAR" ]] || { log "the build did not produce $SERVER_JAR"; exit 1; }
fi
log "building the load driver"
(cd "$ROOT" && ./mvnw -q -Pbench -pl bench package -DskipTests -Dspotless.check.skip=true)
[[ -f "$BENCH_JAR" ]] || { log "the build did not produce $BENCH_JAR"; exit 1; }

mkdir -p "$RESULTS"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"

free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

random_token() {
  local t=""
  while [[ ${#t} -lt 40 ]]; do
    t+="$(head -c 64 /dev/urandom | LC_ALL=C tr -dc 'A-Za-z0-9')"
  done
  echo "${t:0:40}"
}

# Which role can create databases on the PostgreSQL: TOLLGATE_DB_USER, else postgres or root.
pg_user() {
  local u
  for u in ${PG_USER:-postgres root}; do
    if PGPASSWORD="${TOLLGATE_DB_PASSWORD:-}" psql -h "$PG_HOST" -p "$PG_PORT" -U "$u" -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
      echo "$u"
      return 0
    fi
  done
  return 1
}

wait_ready() {
  local url="$1" deadline=$((SECONDS + READY_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      return 1
    fi
    if curl -fsS -m 2 "$url/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then
      return 0
    fi
    sleep 0.5
  done
  return 1
}

# --- one run per database ----------------------------------------------------------------------
declare -a DONE_REPORTS=()
FAILED=0
for db in $DBS; do
  port="$(free_port)" || { log "no free loopback port found"; exit 1; }
  DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/tollgate-bench-$db.XXXXXX")"
  token="$(random_token)"
  base="http://127.0.0.1:$port"
  out="$RESULTS/$STAMP-$db"
  server_log="$out-server.log"

  env_db=()
  if [[ "$db" == postgres ]]; then
    if ! command -v psql >/dev/null; then
      log "postgres: psql not found; skipping"
      FAILED=1
      stop_server
      continue
    fi
    if ! user="$(pg_user)"; then
      log "postgres: cannot reach PostgreSQL at $PG_HOST:$PG_PORT as ${PG_USER:-postgres or root}; skipping"
      FAILED=1
      stop_server
      continue
    fi
    log "postgres: fresh database $PG_DB (as $user)"
    PGOPTIONS='-c client_min_messages=warning' PGPASSWORD="${TOLLGATE_DB_PASSWORD:-}" \
      psql -h "$PG_HOST" -p "$PG_PORT" -U "$user" -d postgres -v ON_ERROR_STOP=1 -q \
      -c "drop database if exists $PG_DB with (force)" -c "create database $PG_DB" >/dev/null
    env_db=(
      "TOLLGATE_DB_URL=jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DB"
      "TOLLGATE_DB_USER=$user"
      "TOLLGATE_DB_PASSWORD=${TOLLGATE_DB_PASSWORD:-}"
    )
  fi

  log "$db: starting the server on $base (log: $server_log)"
  # (the H2 run must not inherit the PostgreSQL of TOLLGATE_DB_URL from the environment)
  # shellcheck disable=SC2086
  env -u TOLLGATE_DB_URL -u TOLLGATE_DB_USER -u TOLLGATE_DB_PASSWORD ${env_db[@]+"${env_db[@]}"} \
    TOLLGATE_PORT="$port" \
    SERVER_ADDRESS=127.0.0.1 \
    TOLLGATE_DATA_DIR="$DATA_DIR" \
    TOLLGATE_BOOTSTRAP_ADMIN_TOKEN="$token" \
    TOLLGATE_DEMO=false \
    java ${SERVER_JAVA_OPTS:-} -jar "$SERVER_JAR" >"$server_log" 2>&1 &
  SERVER_PID=$!
  if ! wait_ready "$base"; then
    log "$db: the server did not become ready in ${READY_TIMEOUT} s; last lines of its log:"
    tail -n 30 "$server_log" >&2 || true
    FAILED=1
    stop_server
    continue
  fi
  log "$db: ready; running the driver ($CLIENTS clients, settling up to ${SETTLE} s, ${DURATION} s per phase, ${WARMUP} s warm-up)"
  # the token goes through the environment, not the command line
  # shellcheck disable=SC2086
  if TOLLGATE_BENCH_ADMIN_TOKEN="$token" java ${BENCH_JAVA_OPTS:-} -jar "$BENCH_JAR" \
    --base-url "$base" --clients "$CLIENTS" --duration "$DURATION" --warmup "$WARMUP" \
    --settle "$SETTLE" --rate "$RATE" \
    --label "$db" --out "$out.json" >"$out.txt"; then
    cat "$out.txt"
    DONE_REPORTS+=("$db")
  else
    log "$db: the driver failed (exit $?)"
    cat "$out.txt" 2>/dev/null || true
    FAILED=1
  fi
  stop_server
  log "$db: server stopped"
done

# --- both reports' verdicts side by side ------------------------------------------------------
if ((${#DONE_REPORTS[@]} > 0)); then
  echo
  echo "== Summary ($STAMP, $CLIENTS clients$([[ "$RATE" != 0 ]] && echo ", offered $RATE releases/s")) =="
  for db in "${DONE_REPORTS[@]}"; do
    echo "[$db]"
    grep -E '^  releases closed:' "$RESULTS/$STAMP-$db.txt" || true
    grep -E '^  during release:' "$RESULTS/$STAMP-$db.txt" || true
    sed -n '/^Targets$/,/^$/p' "$RESULTS/$STAMP-$db.txt" | sed '/^Targets$/d; /^$/d'
    echo "  report: bench/results/$STAMP-$db.txt, bench/results/$STAMP-$db.json"
  done
fi
exit "$FAILED"
