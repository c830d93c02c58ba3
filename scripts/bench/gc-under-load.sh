#!/usr/bin/env bash
# The standalone jar under wrk -c64 with a GC log: throughput, p50/p99, RSS idle and after, the worst pauses and
# the number of full collections in the measured window. Extra arguments are JVM flags added after
# @standalone/jvm.options, e.g.: scripts/bench/gc-under-load.sh g1 -XX:-UseSerialGC -XX:+UseG1GC
# GC_BENCH_JAR runs another build of the jar (a copy of the "before" one, say).
# Run from the project root after `mvn -q -DskipTests package`; needs wrk.
set -eu
name=${1:-default}; shift || true
port=${GC_BENCH_PORT:-18600}; kport=$((port + 1092))
dir=$(mktemp -d "/tmp/gc-$name.XXXXXX")
PORT=$port KAFKA_PORT=$kport DATA_DIR=$dir/data setsid java @standalone/jvm.options "$@" -Xlog:gc:file="$dir/gc.log" \
  -jar "${GC_BENCH_JAR:-standalone/target/aiguardian-standalone.jar}" >"$dir/log" 2>&1 &
pid=$!
trap 'kill -TERM -- -$pid 2>/dev/null || true; sleep 3; rm -rf "$dir"' EXIT
for _ in $(seq 1 600); do curl -fs -m 2 "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
sleep 5
idle=$(( $(ps -o rss= -p $pid) / 1024 ))
wrk -t2 -c64 -d8s -s scripts/bench/process.lua "http://127.0.0.1:$port" >/dev/null
before=$(wc -l <"$dir/gc.log")
result=$(wrk -t2 -c64 -d20s --latency -s scripts/bench/process.lua "http://127.0.0.1:$port" \
  | grep -E 'Requests/sec|50%|99%' | tr -s ' ' | tr '\n' ' ')
after=$(( $(ps -o rss= -p $pid) / 1024 ))
window=$(tail -n +$((before + 1)) "$dir/gc.log")
worst=$(echo "$window" | grep 'Pause' | grep -o '[0-9.]*ms$' | sort -n | tail -3 | tr '\n' ' ')
full=$(echo "$window" | grep -c 'Pause Full' || true)
young=$(echo "$window" | grep -c 'Pause Young' || true)
paused=$(echo "$window" | grep 'Pause' | grep -o '[0-9.]*ms$' | tr -d 'ms' | awk '{s += $1} END {printf "%.0f", s}')
echo "$name:$result| RSS idle $idle MiB, after $after MiB | worst pauses $worst| full collections $full, young $young," \
  "paused $paused ms in the window | load $(cut -d' ' -f1 /proc/loadavg)"
