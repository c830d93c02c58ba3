#!/usr/bin/env bash
# CPU time per sync call of one standalone jar, without a profiler: starts JAR on a fresh DATA_DIR, warms 8 s,
# then runs `wrk -t2 -cCONNS` of scripts/bench/process.lua for SECONDS and divides the JVM's user + system time
# (from /proc) by the calls. Compare builds back to back on the same machine, e.g.
#   scripts/bench/cpu-per-request.sh /tmp/before.jar 32 20; scripts/bench/cpu-per-request.sh standalone/target/aiguardian-standalone.jar 32 20
# Run from the project root; needs wrk and bc.
set -eu
jar=$1; conns=${2:-32}; seconds=${3:-20}
port=${CPU_BENCH_PORT:-18700}; kport=$((port + 1000)); dir=$(mktemp -d /tmp/cpu-per-request.XXXXXX)
PORT=$port KAFKA_PORT=$kport DATA_DIR=$dir/data setsid java @standalone/jvm.options -jar "$jar" >"$dir/log" 2>&1 &
pid=$!
trap 'kill -TERM -- -$pid 2>/dev/null || true; sleep 4; rm -rf "$dir"' EXIT
for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
url=http://127.0.0.1:$port
wrk -t2 -c"$conns" -d8s -s scripts/bench/process.lua "$url" >/dev/null
cpu0=$(awk '{print $14 + $15}' /proc/$pid/stat)
result=$(wrk -t2 -c"$conns" -d"${seconds}"s -s scripts/bench/process.lua "$url" | grep RESULT)
cpu1=$(awk '{print $14 + $15}' /proc/$pid/stat)
requests=${result#*requests=}; requests=${requests%% *}
echo "$(basename "$jar") c=$conns $result cpu_ms_per_request=$(echo "scale=3; ($cpu1 - $cpu0) * 1000 / $(getconf CLK_TCK) / $requests" | bc)"
