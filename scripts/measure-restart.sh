#!/usr/bin/env bash
# Measures the standalone jar's start-up and stop times as an operator meets them:
# cold start, clean stop (SIGTERM), restart after kill -9, and SIGTERM during start-up.
# Usage: bash scripts/measure-restart.sh [rounds]   (build first: mvn -B -q -DskipTests package)
# Uses PORT 8077 and KAFKA_PORT 9077 unless set; data in a temporary folder, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=standalone/target/aiguardian-standalone.jar
[ -f "$JAR" ] || { echo "missing $JAR: build it with mvn -B -q -DskipTests package" >&2; exit 2; }
ROUNDS=${1:-3}
export PORT=${PORT:-8077} KAFKA_PORT=${KAFKA_PORT:-9077}
WORK=$(mktemp -d)
trap 'kill -9 $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
export DATA_DIR=$WORK/data

now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }
# Starts the jar in the background, logging to $1; sets PID.
start() { java -jar "$JAR" > "$1" 2>&1 & PID=$!; }
# Waits (at most 180 s) until the log says ready; prints the seconds waited.
await_ready() {
  local t0=$1 log=$2
  for _ in $(seq 1 1800); do
    grep -q "ready in" "$log" && { since "$t0"; return 0; }
    kill -0 "$PID" 2>/dev/null || { echo "process died; see $log" >&2; tail -5 "$log" >&2; exit 1; }
    sleep 0.1
  done
  echo "not ready within 180 s" >&2; exit 1
}
call() {
  curl -sf -X POST "http://localhost:$PORT/api/v1/guards/process" -H 'Content-Type: application/json' \
    -d '{"service_type":"tokenguard","payload":{"text":"measure"},"user_id":"m","session_id":"m"}' > /dev/null
}

printf "round\tcold_start_s\tsigterm_stop_s\trestart_after_kill9_s\tsigterm_during_startup_s\n"
for r in $(seq 1 "$ROUNDS"); do
  rm -rf "$DATA_DIR"
  t=$(now); start "$WORK/cold.log"; cold=$(await_ready "$t" "$WORK/cold.log"); call
  t=$(now); kill -TERM "$PID"; wait "$PID" || true; stop=$(since "$t")
  start "$WORK/warm.log"; await_ready "$(now)" "$WORK/warm.log" > /dev/null; call
  kill -9 "$PID"; wait "$PID" 2>/dev/null || true
  t=$(now); start "$WORK/crash.log"; crash=$(await_ready "$t" "$WORK/crash.log"); call
  kill -TERM "$PID"; wait "$PID" || true
  start "$WORK/abort.log"; sleep 3; t=$(now); kill -TERM "$PID"; wait "$PID" || true; abort=$(since "$t")
  printf "%s\t%.1f\t%.1f\t%.1f\t%.1f\n" "$r" "$cold" "$stop" "$crash" "$abort"
done
