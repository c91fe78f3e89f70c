#!/usr/bin/env bash
# One node against two nodes behind HAProxy, on one PostgreSQL, in one run (issue 14): the load
# driver of bench/run.sh runs against bench/two-nodes.sh's balancer with NODES=1, then NODES=2,
# each on a fresh database; after each, the audit chain is verified. See bench/README.md.
#
#   bench/nodes.sh                                  # 16 clients, settle 60 s, 15 s per phase
#   CLIENTS=8 SETTLE=30 DURATION=10 bench/nodes.sh
#
# Environment: CLIENTS, DURATION, WARMUP, SETTLE, RATE (as bench/run.sh), NODE_COUNTS (default "1 2"),
# VACUUM_EVERY (seconds, default 0: never; used only when the PostgreSQL has autovacuum off: see
# below),
# CPU_SHARE (1: with N nodes, each node's JVM sizes itself for 1/N of the machine's processors, as
# a container's CPU limit would: bench/two-nodes.sh's NODE_CPUS; one node keeps them all),
# PAIRS (default 1: one run per node count; n: n pairs, every other one in the reverse order, then
# each pair's ratio and their median: the machine's speed drifts by more than the effect measured),
# THREAD_CPU (1: add to each report where the CPU went during the release phase, by process and
# by thread: io.tollgate.bench.ThreadCpu, Linux only),
# and what bench/two-nodes.sh reads (SERVER_JAR, TOLLGATE_DB_URL, ...; PG_DB default
# tollgate_bench_nodes). Reports go to bench/results/<timestamp>-nodes<N>.{txt,json}
# (<timestamp>-pair<p>-nodes<N>.{txt,json} with PAIRS).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
BENCH_JAR="$BENCH_DIR/target/tollgate-bench.jar"
RESULTS="$BENCH_DIR/results"
export PG_DB="${PG_DB:-tollgate_bench_nodes}"

# --- inside two-nodes.sh: drive the balancer, then verify the chain --------------------------
if [[ "${1:-}" == "--drive" ]]; then
  label="$2" out="$3"
  # This machine's PostgreSQL may run with autovacuum off (CI's does): then nothing vacuums or
  # analyses the tables, their dead rows pile up and PostgreSQL's work per release grows the
  # longer a run lasts, so a configuration that settles longer (two JVMs warm up more slowly than
  # one) is measured on a more bloated database. VACUUM_EVERY=<s> vacuums and analyses the whole
  # bench database that often during both runs, its CPU counted like the rest (default 0: never;
  # every 60 s cost more than it saved here: bench/README.md).
  vacuum_pid=""
  # shellcheck disable=SC2086
  if [[ "${VACUUM_EVERY:-0}" != 0 ]] && [[ "$(PGPASSWORD="${TOLLGATE_DB_PASSWORD:-}" psql $TOLLGATE_NODES_PG -Atqc 'show autovacuum' 2>/dev/null)" == off ]]; then
    (
      while sleep "${VACUUM_EVERY:-0}"; do
        # shellcheck disable=SC2086
        PGPASSWORD="${TOLLGATE_DB_PASSWORD:-}" psql $TOLLGATE_NODES_PG -qc 'vacuum (analyze)' >/dev/null 2>&1 || true
      done
    ) &
    vacuum_pid=$!
    echo "autovacuum is off on this PostgreSQL: vacuum (analyze) every ${VACUUM_EVERY:-0} s during the run" >&2
  fi
  # THREAD_CPU=1: where the CPU went during the release phase's measured window, by process and
  # thread (ThreadCpu, from /proc), appended to the report
  thread_cpu_pid="" mark_args=()
  if [[ "${THREAD_CPU:-0}" == 1 ]]; then
    mark="$out.release-phase"
    rm -f "$mark"
    mark_args=(--mark-file "$mark")
    # shellcheck disable=SC2086
    java -cp "$BENCH_JAR" io.tollgate.bench.ThreadCpu "$mark" "$DURATION" $TOLLGATE_NODE_PIDS \
      >"$out.threads.txt" &
    thread_cpu_pid=$!
  fi
  # the token goes through the environment, not the command line
  # shellcheck disable=SC2086
  TOLLGATE_BENCH_ADMIN_TOKEN="$TOLLGATE_ADMIN_TOKEN" java ${BENCH_JAVA_OPTS:-} -jar "$BENCH_JAR" \
    --base-url "$TOLLGATE_URL" --clients "$CLIENTS" --duration "$DURATION" --warmup "$WARMUP" \
    --settle "$SETTLE" --rate "${RATE:-0}" --label "$label" --out "$out.json" \
    --metrics-urls "$TOLLGATE_NODE_URLS" "${mark_args[@]}" >"$out.txt" || driven=$?
  if [[ -n "$thread_cpu_pid" ]]; then
    # it ends DURATION seconds after the mark, long before the driver does; if the release phase
    # never started (the driver failed first), it is still waiting
    if [[ -f "$mark" ]] && wait "$thread_cpu_pid"; then
      cat "$out.threads.txt" >>"$out.txt"
    else
      kill "$thread_cpu_pid" 2>/dev/null || true
      echo "THREAD_CPU: the release phase was not measured, so neither was its CPU" >>"$out.txt"
    fi
    rm -f "$mark" "$out.threads.txt"
  fi
  if [[ -n "$vacuum_pid" ]]; then
    kill "$vacuum_pid" 2>/dev/null || true
    wait "$vacuum_pid" 2>/dev/null || true
    echo "vacuum (analyze) every ${VACUUM_EVERY:-0} s during the run (autovacuum is off on this PostgreSQL)" >>"$out.txt"
  fi
  if [[ "${driven:-0}" != 0 ]]; then
    cat "$out.txt"
    exit "$driven"
  fi
  verify="$(curl -sS -m 300 -H "Authorization: Bearer $TOLLGATE_ADMIN_TOKEN" "$TOLLGATE_URL/api/v1/audit/verify")"
  echo "audit verify: $verify" >>"$out.txt"
  cat "$out.txt"
  [[ "$verify" == *'"ok":true'* ]]
  exit
fi

export CLIENTS="${CLIENTS:-16}" DURATION="${DURATION:-15}" WARMUP="${WARMUP:-5}" SETTLE="${SETTLE:-60}" RATE="${RATE:-0}"
NODE_COUNTS="${NODE_COUNTS:-1 2}"
PAIRS="${PAIRS:-1}"
log() { printf '[nodes-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
[[ "${VACUUM_EVERY:-0}" =~ ^[0-9]{1,5}$ ]] || { log "VACUUM_EVERY is seconds between vacuums (0: none), not '$VACUUM_EVERY'"; exit 2; }
[[ "${CPU_SHARE:-0}" =~ ^[01]$ ]] || { log "CPU_SHARE is 1 (each node sized for its share of the processors) or 0, not '$CPU_SHARE'"; exit 2; }
[[ "$PAIRS" =~ ^[1-9]$ ]] || { log "PAIRS is how many pairs of runs to make, 1 to 9, not '$PAIRS'"; exit 2; }
[[ "${THREAD_CPU:-0}" =~ ^[01]$ ]] || { log "THREAD_CPU is 1 (report the CPU by process and thread) or 0, not '$THREAD_CPU'"; exit 2; }
if [[ "${THREAD_CPU:-0}" == 1 && ! -r /proc/self/task ]]; then
  log "THREAD_CPU=1 reads /proc, which this system does not have"
  exit 2
fi

if [[ ! -f "${SERVER_JAR:-$ROOT/server/target/tollgate-server.jar}" ]]; then
  log "building the server jar"
  (cd "$ROOT" && ./mvnw -q -pl process,server -am package -DskipTests -Dspotless.check.skip=true)
fi
log "building the load driver"
(cd "$ROOT" && ./mvnw -q -Pbench -pl bench package -DskipTests -Dspotless.check.skip=true)
mkdir -p "$RESULTS"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"

# one pair of runs (each count in NODE_COUNTS, in the order given), reports under the prefix $1
run_pair() {
  local prefix="$1" counts="$2" n cpus
  for n in $counts; do
    log "$n node(s) behind HAProxy: $CLIENTS clients, settle up to $SETTLE s, $DURATION s per phase"
    cpus=""
    if [[ "${CPU_SHARE:-0}" == 1 && "$n" -gt 1 ]]; then
      cpus=$(($(nproc) / n))
      ((cpus >= 1)) || cpus=1
      log "each node sized for $cpus of the machine's $(nproc) processors (CPU_SHARE=1)"
    fi
    if ! NODES="$n" NODE_CPUS="$cpus" "$BENCH_DIR/two-nodes.sh" -- "$BENCH_DIR/nodes.sh" --drive "nodes$n" "$prefix-nodes$n"; then
      log "$n node(s): the run failed or the chain did not verify"
      FAILED=1
    fi
  done
}

summary() {
  local prefix="$1" n f
  for n in $NODE_COUNTS; do
    f="$prefix-nodes$n.txt"
    [[ -f "$f" ]] || continue
    echo "[$n node(s)]"
    grep -E '^  releases closed:|^  offered load:|^  all commands together:|^  during release:|^vacuum|^audit verify:' "$f" || true
    sed -n '/^Targets$/,/^$/p' "$f" | sed '/^Targets$/d; /^$/d'
  done
  if [[ -f "$prefix-nodes1.json" && -f "$prefix-nodes2.json" ]]; then
    java -cp "$BENCH_JAR" io.tollgate.bench.Compare "$prefix-nodes1.json" "$prefix-nodes2.json" || true
  fi
}

FAILED=0
if ((PAIRS == 1)); then
  run_pair "$RESULTS/$STAMP" "$NODE_COUNTS"
  echo
  echo "== One node vs several behind HAProxy, one PostgreSQL ($STAMP, $CLIENTS clients) =="
  summary "$RESULTS/$STAMP"
  exit "$FAILED"
fi

# PAIRS=<n>: n pairs, every other one in the reverse order, so that a machine that speeds up or
# slows down during the runs favours neither half; then each pair's comparison and the median
reversed="$(printf '%s\n' $NODE_COUNTS | tac | paste -sd ' ')"
pairs=()
for ((p = 1; p <= PAIRS; p++)); do
  counts="$NODE_COUNTS"
  ((p % 2 == 1)) || counts="$reversed"
  log "pair $p of $PAIRS: $counts node(s)"
  run_pair "$RESULTS/$STAMP-pair$p" "$counts"
  pairs+=("$RESULTS/$STAMP-pair$p-nodes1.json" "$RESULTS/$STAMP-pair$p-nodes2.json")
done
for ((p = 1; p <= PAIRS; p++)); do
  echo
  echo "== Pair $p of $PAIRS: one node vs several behind HAProxy, one PostgreSQL ($STAMP, $CLIENTS clients) =="
  summary "$RESULTS/$STAMP-pair$p"
done
echo
java -cp "$BENCH_JAR" io.tollgate.bench.Compare --pairs "${pairs[@]}" || true
exit "$FAILED"
