#!/usr/bin/env bash
# Why the sync path's throughput trails the bare echo probe: CPU per request of each, on one embedded broker, as
# ../shared/perf/side-by-side.sh runs them. Starts the standalone jar (its broker serves both), the probe
# (../shared/perf/EchoProbe.java), warms each, then for every connection count runs wrk against ours and then the
# probe, reading user + system CPU of both JVMs from /proc around each run: ours is our JVM's CPU (broker included);
# the probe's is the probe JVM's plus what our JVM spent meanwhile (its broker serving the probe, and whatever else
# our JVM does idle, which ours is charged too). Run from the project root after `mvn -q -DskipTests package`:
#   bash scripts/bench/cpu-per-request.sh [seconds per run, 12] [connections, 64] ...
# SHARED_PERF: the folder of EchoProbe.java when the project is not next to ../shared (a clean clone elsewhere).
set -eu
dur=${1:-12}; shift || true; conns=${*:-64}
port=${CPR_PORT:-18400}; kport=$((port + 1092)); pport=$((port + 1))
here=${SHARED_PERF:-../shared/perf}; jar=standalone/target/aiguardian-standalone.jar; gwjar=gateway/target/aiguardian-gateway.jar
dir=$(mktemp -d /tmp/cpu-per-request.XXXXXX)
mkdir -p "$dir/probe" && javac -cp $gwjar -d "$dir/probe" "$here/EchoProbe.java"
PORT=$port KAFKA_PORT=$kport DATA_DIR=$dir/data setsid java @standalone/jvm.options -jar $jar >"$dir/sa.log" 2>&1 &
sa=$!
trap 'kill ${pr:-0} 2>/dev/null || true; kill -TERM -- -$sa 2>/dev/null || true; sleep 3; rm -rf "$dir"' EXIT
for _ in $(seq 1 600); do curl -fs -m 2 "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
java -cp "$gwjar:$dir/probe" EchoProbe 127.0.0.1:$kport $pport >"$dir/probe.log" 2>&1 &
pr=$!
for _ in $(seq 1 120); do grep -q ready "$dir/probe.log" && break; sleep 0.25; done
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
tck=$(getconf CLK_TCK)
lua=scripts/bench/process.lua
# warm both as side-by-side does (8 s at 16 connections each), then once more at the first count
wrk -t2 -c16 -d8s -s $lua "http://127.0.0.1:$port" >/dev/null; wrk -t2 -c16 -d8s -s $lua "http://127.0.0.1:$pport" >/dev/null
for c in $conns; do
  t=$(( c < 2 ? 1 : 2 ))
  for side in ours probe; do
    url=http://127.0.0.1:$port; [ $side = probe ] && url=http://127.0.0.1:$pport
    a0=$(cpu $sa); p0=$(cpu $pr)
    out=$(wrk -t$t -c"$c" -d"${dur}"s -s $lua "$url")
    a1=$(cpu $sa); p1=$(cpu $pr)
    req=$(grep -o 'requests=[0-9]*' <<<"$out" | head -1 | cut -d= -f2)
    [ -n "$req" ] || req=$(awk '/requests in/ {print $1}' <<<"$out")
    rps=$(echo "scale=0; $req / $dur" | bc)
    total=$(echo "scale=3; (($a1 - $a0) + ($p1 - $p0)) * 1000 / $tck / $req" | bc)
    ourjvm=$(echo "scale=3; ($a1 - $a0) * 1000 / $tck / $req" | bc)
    echo "c=$c $side: $rps req/s, CPU per request $total ms (our JVM $ourjvm ms, probe JVM $(echo "scale=3; ($p1 - $p0) * 1000 / $tck / $req" | bc) ms), load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
