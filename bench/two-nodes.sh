#!/usr/bin/env bash
# Several Tollgate nodes on one PostgreSQL behind HAProxy, on loopback, without containers
# (issue 14). See README.md, "Several nodes".
#
#   bench/two-nodes.sh                         # two nodes; prints the address; Ctrl-C stops all
#   bench/two-nodes.sh -- some command args    # runs the command against the balancer, then stops
#   NODES=3 LB_PORT=8080 bench/two-nodes.sh
#
# It makes a fresh database (PG_DB, default tollgate_nodes) on the PostgreSQL of TOLLGATE_DB_URL
# (default 127.0.0.1:5432, as postgres or root, trust auth), one audit key and one secret key
# that every node shares (as several nodes must), starts the server jar NODES times (one after
# the other, each on its own loopback port and data directory, each waited for on
# /actuator/health/readiness), then HAProxy on LB_PORT: by default every request about one release
# (/api/v1/releases/<id>/…, /releases/<id>/…) or one product goes to the same node (a consistent
# hash of the path's first four segments), so each node's caches hold the releases it serves
# (README, "Several nodes"); each node is checked on its readiness endpoint every second (a node
# that is down or not ready gets no requests, and its releases move to the others).
# A command after "--" runs with TOLLGATE_URL (the balancer), TOLLGATE_NODE_URLS (the nodes,
# space-separated), TOLLGATE_NODE_PIDS (their process ids, in the same order),
# TOLLGATE_ADMIN_TOKEN, and TOLLGATE_NODES_PG (the nodes' database as psql
# options: -h host -p port -U user -d database) in its environment; its exit status is the
# script's.
# On exit (also Ctrl-C, or a node that fails to start) everything it started is stopped and its
# files removed (KEEP=1 keeps them: logs, keys, HAProxy's configuration).
#
# Environment:
#   NODES           how many server nodes (default 2)
#   LB_PORT         the balancer's port (default: a free one)
#   LB_BALANCE      HAProxy's balance algorithm (default "uri depth 4", with hash-type consistent:
#                   a release's requests to one node); "roundrobin" spreads every request
#   SERVER_JAR      the server jar (default server/target/tollgate-server.jar, built if missing)
#   PG_DB           the database (dropped and created afresh; never the URL's own database)
#   TOLLGATE_DB_URL, TOLLGATE_DB_USER, TOLLGATE_DB_PASSWORD   where PostgreSQL is
#   SERVER_JAVA_OPTS  extra JVM options for every node
#   NODE_HUGE_PAGES 1 (the default where Linux offers transparent huge pages): every node runs with
#                   -XX:+UseTransparentHugePages, its heap and compiled code in 2 MB pages. Two JVMs
#                   sharing the same cores spent 47 % more server CPU per release than one without
#                   it, 2-22 % more with it (README, "Several nodes"); 0: the JVM's default pages
#   NODE_CPUS       processors each node's JVM sizes itself for (-XX:ActiveProcessorCount: its
#                   GC and compiler threads, its default thread pools), as a container's CPU limit
#                   would; default: not set, every node sees all of the machine's
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
NODES="${NODES:-2}"
SERVER_JAR="${SERVER_JAR:-$ROOT/server/target/tollgate-server.jar}"
PG_DB="${PG_DB:-tollgate_nodes}"
READY_TIMEOUT=120
pg_hostport="${TOLLGATE_DB_URL:-jdbc:postgresql://127.0.0.1:5432/}"
pg_hostport="${pg_hostport#jdbc:postgresql://}"
pg_hostport="${pg_hostport%%/*}"
PG_HOST="${pg_hostport%%:*}"
PG_PORT="${pg_hostport##*:}"
[[ "$PG_PORT" == "$pg_hostport" ]] && PG_PORT=5432

log() { printf '[nodes %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

[[ "$NODES" =~ ^[1-9][0-9]?$ ]] || { log "NODES must be 1 to 99, not '$NODES'"; exit 2; }
NODE_JAVA_OPTS="${SERVER_JAVA_OPTS:-}"
thp=/sys/kernel/mm/transparent_hugepage/enabled
thp_offered=0
[[ -r $thp ]] && ! grep -q '\[never\]' "$thp" && thp_offered=1
NODE_HUGE_PAGES="${NODE_HUGE_PAGES:-$thp_offered}"
[[ "$NODE_HUGE_PAGES" =~ ^[01]$ ]] || { log "NODE_HUGE_PAGES is 1 (heap and code in transparent huge pages) or 0, not '$NODE_HUGE_PAGES'"; exit 2; }
if [[ "$NODE_HUGE_PAGES" == 1 && "$NODE_JAVA_OPTS" != *TransparentHugePages* ]]; then
  ((thp_offered)) || log "NODE_HUGE_PAGES=1, but this system offers no transparent huge pages ($thp missing or [never]): the JVMs will warn and use normal pages"
  NODE_JAVA_OPTS="-XX:+UseTransparentHugePages $NODE_JAVA_OPTS"
fi
if [[ -n "${NODE_CPUS:-}" ]]; then  # empty: not set
  [[ "$NODE_CPUS" =~ ^[1-9][0-9]{0,2}$ ]] || { log "NODE_CPUS must be a whole number of processors, 1 or more, not '$NODE_CPUS'"; exit 2; }
  NODE_JAVA_OPTS="-XX:ActiveProcessorCount=$NODE_CPUS $NODE_JAVA_OPTS"
fi
COMMAND=()
if [[ $# -gt 0 ]]; then
  [[ "$1" == "--" ]] || { log "usage: $0 [-- command args...]"; exit 2; }
  shift
  COMMAND=("$@")
fi
for tool in java curl psql haproxy openssl; do
  command -v "$tool" >/dev/null || { log "$tool is needed (Debian: apt-get install $tool)"; exit 2; }
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tollgate-nodes.XXXXXX")"
declare -a PIDS=()
LB_PID=""

stop_all() {
  local pid
  if [[ -n "$LB_PID" ]] && kill -0 "$LB_PID" 2>/dev/null; then
    kill "$LB_PID" 2>/dev/null || true
    wait "$LB_PID" 2>/dev/null || true
  fi
  for pid in ${PIDS[@]+"${PIDS[@]}"}; do
    kill -0 "$pid" 2>/dev/null && kill "$pid" 2>/dev/null || true
  done
  for pid in ${PIDS[@]+"${PIDS[@]}"}; do
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "node $pid did not stop in 30 s; killing it"
      kill -9 "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  PIDS=()
  LB_PID=""
  if [[ "${KEEP:-0}" == 1 ]]; then
    log "kept $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

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

# Which role can create databases on the PostgreSQL: TOLLGATE_DB_USER, else postgres or root.
pg_user() {
  local u
  for u in ${TOLLGATE_DB_USER:-postgres root}; do
    if PGPASSWORD="${TOLLGATE_DB_PASSWORD:-}" psql -h "$PG_HOST" -p "$PG_PORT" -U "$u" -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
      echo "$u"
      return 0
    fi
  done
  return 1
}

# Waits for a node's readiness while its process lives; false when it died or timed out.
wait_ready() {
  local pid="$1" url="$2" deadline=$((SECONDS + READY_TIMEOUT))
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || return 1
    if curl -fsS -m 2 "$url/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then
      return 0
    fi
    sleep 0.5
  done
  return 1
}

if [[ ! -f "$SERVER_JAR" ]]; then
  log "building the server jar (not found at $SERVER_JAR)"
  (cd "$ROOT" && ./mvnw -q -pl process,server -am package -DskipTests -Dspotless.check.skip=true)
fi

user="$(pg_user)" || { log "cannot reach PostgreSQL at $PG_HOST:$PG_PORT as ${TOLLGATE_DB_USER:-postgres or root}"; exit 1; }
log "fresh database $PG_DB on $PG_HOST:$PG_PORT (as $user)"
PGOPTIONS='-c client_min_messages=warning' PGPASSWORD="${TOLLGATE_DB_PASSWORD:-}" \
  psql -h "$PG_HOST" -p "$PG_PORT" -U "$user" -d postgres -v ON_ERROR_STOP=1 -q \
  -c "drop database if exists $PG_DB with (force)" -c "create database $PG_DB" >/dev/null

# The keys every node shares: the audit key (signs checkpoints, keys the events' MACs) and the
# secret key (seals stored secrets). A node with other keys would fail the chain or the secrets.
umask 077
openssl genpkey -algorithm ed25519 -out "$WORK/audit-key.pem" 2>/dev/null
SECRET_KEY="$(openssl rand -base64 32)"
TOKEN="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40)"
umask 022

declare -a URLS=()
[[ -n "${NODE_JAVA_OPTS// /}" ]] && log "every node's JVM options: $NODE_JAVA_OPTS"
for i in $(seq 1 "$NODES"); do
  port="$(free_port)" || { log "no free loopback port"; exit 1; }
  mkdir -p "$WORK/node$i"
  # shellcheck disable=SC2086
  env TOLLGATE_DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DB" \
    TOLLGATE_DB_USER="$user" \
    TOLLGATE_DB_PASSWORD="${TOLLGATE_DB_PASSWORD:-}" \
    TOLLGATE_PORT="$port" \
    SERVER_ADDRESS=127.0.0.1 \
    TOLLGATE_DATA_DIR="$WORK/node$i" \
    TOLLGATE_AUDIT_KEY_FILE="$WORK/audit-key.pem" \
    TOLLGATE_SECRET_KEY="$SECRET_KEY" \
    TOLLGATE_BOOTSTRAP_ADMIN_TOKEN="$TOKEN" \
    TOLLGATE_AUTOMATION_NODE_NAME="node$i" \
    TOLLGATE_DEMO=false \
    java $NODE_JAVA_OPTS -jar "$SERVER_JAR" >"$WORK/node$i.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  # one after the other: the first makes the schema and the administrator
  if ! wait_ready "$pid" "http://127.0.0.1:$port"; then
    log "node $i did not become ready in ${READY_TIMEOUT} s; last lines of its log:"
    tail -n 30 "$WORK/node$i.log" >&2 || true
    exit 1
  fi
  URLS+=("http://127.0.0.1:$port")
  log "node $i ready on http://127.0.0.1:$port (pid $pid, log $WORK/node$i.log)"
done

LB_PORT="${LB_PORT:-$(free_port)}"
LB_BALANCE="${LB_BALANCE:-uri depth 4}"
{
  cat <<EOF
global
  maxconn 4096
defaults
  mode http
  option forwardfor
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  # live pages (server-sent events) stay open; the server writes to them every 20 s
  timeout tunnel 1h
frontend tollgate
  bind 127.0.0.1:$LB_PORT
  default_backend nodes
backend nodes
  balance $LB_BALANCE
  hash-type consistent
  option httpchk GET /actuator/health/readiness
  http-check expect status 200
  default-server inter 1s fall 2 rise 2
EOF
  for i in $(seq 1 "$NODES"); do
    echo "  server node$i ${URLS[$((i - 1))]#http://} check"
  done
} >"$WORK/haproxy.cfg"
haproxy -f "$WORK/haproxy.cfg" -db >"$WORK/haproxy.log" 2>&1 &
LB_PID=$!
LB_URL="http://127.0.0.1:$LB_PORT"
for _ in $(seq 1 100); do
  kill -0 "$LB_PID" 2>/dev/null || { log "HAProxy stopped:"; cat "$WORK/haproxy.log" >&2; exit 1; }
  curl -fsS -m 2 "$LB_URL/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 0.2
done
log "HAProxy on $LB_URL, balance $LB_BALANCE over ${NODES} node(s)"

if ((${#COMMAND[@]} > 0)); then
  set +e
  TOLLGATE_URL="$LB_URL" TOLLGATE_NODE_URLS="${URLS[*]}" TOLLGATE_NODE_PIDS="${PIDS[*]}" \
    TOLLGATE_ADMIN_TOKEN="$TOKEN" TOLLGATE_NODES_PG="-h $PG_HOST -p $PG_PORT -U $user -d $PG_DB" "${COMMAND[@]}"
  status=$?
  set -e
  exit "$status"
fi

echo "Tollgate on $LB_URL (nodes: ${URLS[*]})"
echo "Administrator token: $TOKEN"
echo "Ctrl-C stops everything."
declare -A GONE=()
while true; do
  for pid in "${PIDS[@]}"; do
    if [[ -z "${GONE[$pid]:-}" ]] && ! kill -0 "$pid" 2>/dev/null; then
      log "node pid $pid has stopped (HAProxy sends to the others)"
      GONE[$pid]=1
    fi
  done
  kill -0 "$LB_PID" 2>/dev/null || { log "HAProxy stopped"; exit 1; }
  sleep 5
done
