#!/usr/bin/env bash
# Before and after in one run: builds the server at a baseline git revision and at the working
# tree, runs bench/run.sh on each (same settings, one after the other, on H2 and PostgreSQL) and
# prints every figure of the candidate as a ratio to the baseline. See bench/README.md.
#
#   bench/compare.sh ca48846            # baseline revision; candidate = this checkout
#   DBS=h2 SETTLE=150 bench/compare.sh ca48846
#
# Environment: everything bench/run.sh reads (CLIENTS, DURATION, WARMUP, SETTLE, DBS, ...), plus
#   CANDIDATE_JAR  the candidate server jar (default: server/target/tollgate-server.jar, built)
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
BASE_REV="${1:?name the baseline git revision, e.g. bench/compare.sh ca48846}"
DBS="${DBS:-h2 postgres}"
DBS="${DBS//,/ }"
log() { printf '[compare %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tollgate-compare.XXXXXX")"
cleanup() {
  git -C "$ROOT" worktree remove --force "$WORK/base" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

base_sha="$(git -C "$ROOT" rev-parse --verify "$BASE_REV^{commit}")"
log "building the baseline server at $base_sha"
git -C "$ROOT" worktree add --detach -q "$WORK/base" "$base_sha"
(cd "$WORK/base" && ./mvnw -q -B -ntp -pl process,server -am package -DskipTests -Dspotless.check.skip=true)
cp "$WORK/base/server/target/tollgate-server.jar" "$WORK/base.jar"

if [[ -z "${CANDIDATE_JAR:-}" ]]; then
  log "building the candidate server from this checkout ($(git -C "$ROOT" rev-parse --short HEAD))"
  (cd "$ROOT" && ./mvnw -q -B -ntp -pl process,server -am package -DskipTests -Dspotless.check.skip=true)
  CANDIDATE_JAR="$ROOT/server/target/tollgate-server.jar"
fi
cp "$CANDIDATE_JAR" "$WORK/candidate.jar"

declare -A report
for which in base candidate; do
  log "$which: bench/run.sh on $DBS"
  # only the driver's reports (<timestamp>-<db>.*): history-* and notify-* files sort after them
  before="$(ls "$BENCH_DIR/results" 2>/dev/null | grep '^[0-9]' | sort | tail -n 1 || true)"
  SERVER_JAR="$WORK/$which.jar" DBS="$DBS" "$BENCH_DIR/run.sh"
  for db in $DBS; do
    report[$which-$db]="$(ls -t "$BENCH_DIR"/results/*-"$db".json | head -n 1)"
  done
  [[ "$(ls "$BENCH_DIR/results" | grep '^[0-9]' | sort | tail -n 1)" != "$before" ]] || { log "no new report"; exit 1; }
done

echo
echo "== Before ($base_sha) and after ($(git -C "$ROOT" rev-parse --short HEAD)), one run =="
for db in $DBS; do
  echo "[$db] ${report[base-$db]#"$ROOT"/} -> ${report[candidate-$db]#"$ROOT"/}"
  java -cp "$BENCH_DIR/target/tollgate-bench.jar" io.tollgate.bench.Compare \
    "${report[base-$db]}" "${report[candidate-$db]}"
done
