#!/usr/bin/env bash
# Issue 13: the pages people open most, at a small and at a large history, in one run. For each
# size, a fresh server on H2 writes a history of that many releases over 50 products before it
# answers (tollgate.demo.history: 180 seed releases through the same commands as the API's, in the
# past, and bulk copies of them for the rest; 137 releases a day, so 100,000 reach two years back;
# the newest 10% still under way), then PagesBench signs in as
# rita (release manager of every product) and times the board, a product's page (its release
# list), this month's calendar and the insights page of the last seven days. Prints each page's
# median and p90 per size, and the ratio of the largest size to the smallest.
#
#   bench/history.sh                      # 1,000 and 100,000 releases
#   SIZES="1000 20000" bench/history.sh
#
# Background work is kept out of the measured minutes, the same at every size: the escalation of
# the generated past's overdue handoffs (a real history escalated them as they fell due, not all at
# once at the first start) and the 5-minute insights metrics recompute (first run after an hour).
#
# Environment: SIZES (default "1000 100000"), PRODUCTS (50), ACTIVE (0.1), PER_DAY (137), SEEDS (180),
# REQUESTS (40),
# WARMUP (20), SERVER_JAR, PORT (18190), KEEP_DATA=1 to keep bench/results/history-<size>/.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
SIZES="${SIZES:-1000 100000}"
PRODUCTS="${PRODUCTS:-50}"
ACTIVE="${ACTIVE:-0.1}"
PER_DAY="${PER_DAY:-137}"
SEEDS="${SEEDS:-180}"
REQUESTS="${REQUESTS:-40}"
WARMUP="${WARMUP:-20}"
PORT="${PORT:-18190}"
SERVER_JAR="${SERVER_JAR:-$ROOT/server/target/tollgate-server.jar}"
BENCH_JAR="$BENCH_DIR/target/tollgate-bench.jar"
RESULTS="$BENCH_DIR/results"
TOKEN="history-bench-admin-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
PASSWORD="history bench $(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
[[ -f "$SERVER_JAR" && -f "$BENCH_JAR" ]] || (cd "$ROOT" && ./mvnw -B -ntp -q -DskipTests package)
mkdir -p "$RESULTS"
OUT="$RESULTS/history-$(date -u +%Y%m%dT%H%M%SZ).txt"
week_ago="$(date -u -d '7 days ago' +%Y-%m-%d)"
tomorrow="$(date -u -d 'tomorrow' +%Y-%m-%d)"

server=""
cleanup() {
  if [[ -n "$server" ]]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
}
trap cleanup EXIT

for size in $SIZES; do
  data="$RESULTS/history-$size"
  rm -rf "$data"; mkdir -p "$data"
  echo "history of $size releases: writing (see $data/server.log)" >&2
  started=$(date +%s)
  java -jar "$SERVER_JAR" --server.port="$PORT" --tollgate.data-dir="$data" \
    --tollgate.bootstrap-admin-token="$TOKEN" --tollgate.demo=false \
    --tollgate.demo.history="$size" --tollgate.demo.history-products="$PRODUCTS" \
    --tollgate.demo.history-active="$ACTIVE" --tollgate.demo.history-per-day="$PER_DAY" \
    --tollgate.demo.history-seeds="$SEEDS" \
    --tollgate.notify.escalation-interval=PT1H --tollgate.insights.metrics-initial-delay=PT1H \
    >"$data/server.log" 2>&1 &
  server=$!
  until curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null; do
    kill -0 "$server" 2>/dev/null || { echo "the server stopped; see $data/server.log" >&2; exit 1; }
    sleep 2
    last=$(grep -o "History: [0-9]* of [0-9]* releases written ([0-9]* per second)" "$data/server.log" | tail -1 || true)
    [[ -n "$last" ]] && printf '\r  %s' "$last" >&2
  done
  echo >&2
  echo "history of $size releases written in $(( $(date +%s) - started )) s" >&2
  curl -sS --fail-with-body -X PUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$PORT/api/v1/users/rita/password" >/dev/null
  java -cp "$BENCH_JAR" io.tollgate.bench.PagesBench --base-url "http://127.0.0.1:$PORT" \
    --user rita --password "$PASSWORD" --label "$size" --warmup "$WARMUP" --requests "$REQUESTS" \
    / /products/hist-01 /calendar "/insights?from=$week_ago&to=$tomorrow" | tee -a "$OUT"
  cleanup; server=""
  [[ "${KEEP_DATA:-0}" == 1 ]] || rm -rf "$data"
done

echo
echo "page | $(echo $SIZES | sed 's/ / | /g') (median ms) | ratio largest/smallest"
awk -v sizes="$SIZES" '
  { med[$2 " " $1] = $3; if (!($2 in seen)) { seen[$2] = 1; order[n++] = $2 } }
  END {
    k = split(sizes, s, " ")
    for (i = 0; i < n; i++) {
      p = order[i]; line = p
      for (j = 1; j <= k; j++) line = line " | " med[p " " s[j]]
      if (med[p " " s[1]] > 0) line = line sprintf(" | %.2f", med[p " " s[k]] / med[p " " s[1]])
      print line
    }
  }' "$OUT"
echo "(raw lines: $OUT)"
