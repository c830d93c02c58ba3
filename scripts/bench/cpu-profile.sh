#!/usr/bin/env bash
# CPU per sync call and where it goes: starts a standalone jar (default standalone/target/aiguardian-standalone.jar)
# on a fresh DATA_DIR, warms 8 s, then runs `wrk -t2 -cCONNS` (-t1 for one connection) (default 64) of scripts/bench/process.lua for
# PROFILE_SECONDS (20) with JFR recording; prints wrk's result, the JVM's CPU time per request (user + system from
# /proc, JFR included) and the share of execution samples per thread group. PROFILE=off measures without JFR, for
# comparing builds back to back, e.g.
#   PROFILE=off scripts/bench/cpu-profile.sh /tmp/before.jar 32; PROFILE=off scripts/bench/cpu-profile.sh "" 32
# PROFILE_JFR=path keeps the recording for a closer look (jfr print --stack-depth 64 ...).
# Run from the project root after `mvn -q -DskipTests package`; needs wrk, bc, python3, the JDK's jcmd and jfr.
set -eu
jar=${1:-standalone/target/aiguardian-standalone.jar}   # "" too
conns=${2:-64}; profile=${PROFILE:-on}; threads=$(( conns < 2 ? 1 : 2 ))   # wrk needs conns >= threads
port=${PROFILE_BENCH_PORT:-18900}; kport=$((port + 1092))
dir=$(mktemp -d /tmp/cpu-profile.XXXXXX)
PORT=$port KAFKA_PORT=$kport DATA_DIR=$dir/data setsid java @standalone/jvm.options -jar "$jar" >"$dir/log" 2>&1 &
pid=$!
trap 'kill -TERM -- -$pid 2>/dev/null || true; sleep 4; rm -rf "$dir"' EXIT
for _ in $(seq 1 600); do curl -fs -m 2 "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
url=http://127.0.0.1:$port
wrk -t$threads -c"$conns" -d8s -s scripts/bench/process.lua "$url" >/dev/null
[ "$profile" = off ] || jcmd $pid JFR.start name=cpu settings=profile filename="$dir/p.jfr" >/dev/null
cpu0=$(awk '{print $14 + $15}' /proc/$pid/stat)
result=$(wrk -t$threads -c"$conns" -d"${PROFILE_SECONDS:-20}"s -s scripts/bench/process.lua "$url" | grep RESULT)
cpu1=$(awk '{print $14 + $15}' /proc/$pid/stat)
requests=${result#*requests=}; requests=${requests%% *}
echo "$(basename "$jar") c=$conns $result"
echo "CPU per request: $(echo "scale=3; ($cpu1 - $cpu0) * 1000 / $(getconf CLK_TCK) / $requests" | bc) ms (load $(cut -d' ' -f1 /proc/loadavg))"
[ "$profile" = off ] && exit 0
jcmd $pid JFR.stop name=cpu >/dev/null
if [ -n "${PROFILE_JFR:-}" ]; then cp "$dir/p.jfr" "$PROFILE_JFR"; fi
jfr print --json --events jdk.ExecutionSample "$dir/p.jfr" > "$dir/samples.json"
python3 - "$dir/samples.json" <<'PY'
import collections, json, re, sys
events = json.load(open(sys.argv[1]))['recording']['events']
threads = collections.Counter()
for e in events:
    name = e['values']['sampledThread']['javaName'] or '?'
    name = re.sub(r'-[0-9a-f]{8}-[0-9a-f-]{27}', '', name)   # Streams' client ids
    threads[re.sub(r'\d+', 'N', re.sub(r'-\d+$', '', name))] += 1
print('execution samples: %d' % len(events))
for name, count in threads.most_common(14):
    print('%5.1f%% %s' % (100.0 * count / len(events), name))
PY
