#!/usr/bin/env bash
# The three API paths against a running instance, one wrk run each (scripts/bench/process.lua with BENCH_PATH):
# sync tokenguard, async 202 and the five-guard pipeline; prints wrk's RESULT line per path.
# Usage: scripts/bench/paths.sh URL [seconds] [connections]
#   standalone: PORT=18700 KAFKA_PORT=19792 java @standalone/jvm.options -jar standalone/target/aiguardian-standalone.jar
#   separate processes: scripts/split.sh up, then URL http://127.0.0.1:8001
set -eu
url=$1; dur=${2:-10}; conns=${3:-16}
script="$(cd "$(dirname "$0")" && pwd)/process.lua"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
for path in process async pipeline; do
  BENCH_PATH=$path wrk -t2 -c"$conns" -d5s --timeout 10s -s "$script" "$url" >/dev/null   # warm-up
  echo "$path c=$conns: $(BENCH_PATH=$path wrk -t2 -c"$conns" -d"${dur}s" --timeout 10s -s "$script" "$url" | grep RESULT)"
done
