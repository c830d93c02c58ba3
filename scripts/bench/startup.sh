#!/usr/bin/env bash
# Start-up of the standalone jar, N times on a fresh DATA_DIR: wall time to the first 200 of /health/ready,
# the "ready in" log line, the "Start-up:" phase line and RSS STARTUP_IDLE_SECONDS (default 10) after ready. Extra environment for the runs
# can be given as NAME=VALUE arguments, e.g.: scripts/bench/startup.sh 3 SEMANTIC_ENABLED=false
# JVM flags that override standalone/jvm.options go in STARTUP_JAVA_FLAGS (JAVA_TOOL_OPTIONS comes before the
# file's flags, so the file would win). STARTUP_JAR runs another build of the jar (a copy of the "before" one, say).
# Run from the project root after `mvn -q -DskipTests package`.
set -eu
runs=${1:-3}; shift || true
port=${STARTUP_BENCH_PORT:-18950}; kport=$((port + 1045))
for n in $(seq 1 "$runs"); do
  dir=$(mktemp -d /tmp/startup-bench.XXXXXX)
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086 # the flags are several words on purpose
  env "$@" PORT="$port" KAFKA_PORT="$kport" DATA_DIR="$dir/data" setsid java @standalone/jvm.options ${STARTUP_JAVA_FLAGS:-} \
    -jar "${STARTUP_JAR:-standalone/target/aiguardian-standalone.jar}" >"$dir/log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do curl -fs -m 2 "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.05; done
  t1=$(date +%s.%N)
  for _ in $(seq 1 600); do grep -q 'ready in' "$dir/log" && break; sleep 0.1; done
  sleep "${STARTUP_IDLE_SECONDS:-10}"
  echo "run $n: /health/ready after $(echo "$t1 - $t0" | bc) s | $(grep -o 'ready in [0-9.]* s' "$dir/log") |" \
    "$(grep -o 'Start-up:.*' "$dir/log") | idle RSS after ${STARTUP_IDLE_SECONDS:-10} s $(( $(ps -o rss= -p $pid) / 1024 )) MiB | load $(cut -d' ' -f1 /proc/loadavg)"
  kill -TERM -- -$pid; wait $pid 2>/dev/null || true; rm -rf "$dir"
done
