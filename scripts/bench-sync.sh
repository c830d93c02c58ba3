#!/usr/bin/env bash
# Measures the standalone jar: time to ready, RSS after a minute idle, sync-path latency and throughput
# at 1, 16 and 64 connections (wrk), and Kafka's own EndToEndLatency on the same broker as the baseline.
# Usage: bash scripts/bench-sync.sh [seconds-per-run]   (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-20}
PORT=${BENCH_PORT:-18100}; KPORT=${BENCH_KAFKA_PORT:-19192}
DATA=$(mktemp -d /tmp/aiguardian-bench.XXXXXX); LOG=$DATA/standalone.log
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -f standalone/target/aiguardian-standalone.jar ] || mvn -q -DskipTests package
mvn -q -pl benchmarks -am -DskipTests install >/dev/null

PORT=$PORT KAFKA_PORT=$KPORT DATA_DIR=$DATA setsid java ${BENCH_JAVA_OPTS:-} -jar standalone/target/aiguardian-standalone.jar >"$LOG" 2>&1 &
PID=$!
trap 'kill -TERM -- -$PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 240); do grep -qs "ready in\|AIGuardian failed" "$LOG" && break; sleep 0.25; done
echo "startup: $(grep -o 'ready in [0-9.]* s' "$LOG")"
sleep ${BENCH_IDLE_S:-60}
echo "idle RSS after 60 s: $(( $(ps -o rss= -p $PID) / 1024 )) MiB"

URL=http://127.0.0.1:$PORT
wrk -t2 -c16 -d10s -s scripts/bench/process.lua "$URL" >/dev/null   # warm-up: JIT, connections, metadata
for c in 1 16 64; do
  t=$(( c < 2 ? 1 : 2 ))
  echo "sync c=$c: $(wrk -t$t -c$c -d${DUR}s --timeout 10s -s scripts/bench/process.lua "$URL" | grep RESULT)"
done

# Baseline: Kafka's own end-to-end latency tool (produce, then consume the same record) on the same broker.
# Args: bootstrap topic records acks record-size. It needs the topic; auto-creation is off on our broker.
kcat -b 127.0.0.1:$KPORT -L >/dev/null 2>&1 || true
mvn -q -pl benchmarks exec:java -Dexec.mainClass=org.apache.kafka.tools.TopicCommand \
  -Dexec.args="--bootstrap-server 127.0.0.1:$KPORT --create --if-not-exists --topic bench.e2e --partitions 1" >/dev/null 2>&1 || true
mvn -q -pl benchmarks exec:java -Dexec.mainClass=org.apache.kafka.tools.EndToEndLatency \
  -Dexec.args="127.0.0.1:$KPORT bench.e2e 10000 all 200" 2>&1 | grep -E 'Avg latency|Percentiles' || true
echo "RSS after the runs: $(( $(ps -o rss= -p $PID) / 1024 )) MiB"
