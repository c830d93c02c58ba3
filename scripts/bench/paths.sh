#!/usr/bin/env bash
# The three API paths against a running instance, one wrk run each: sync tokenguard (process.lua), async 202
# (async.lua) and the five-guard pipeline (pipeline.lua); prints wrk's RESULT line per path.
# Usage: scripts/bench/paths.sh URL [seconds] [connections]
#   standalone: PORT=18700 KAFKA_PORT=19792 java @standalone/jvm.options -jar standalone/target/aiguardian-standalone.jar
#   separate processes: scripts/split.sh up, then URL http://127.0.0.1:8001
set -eu
url=$1; dur=${2:-10}; conns=${3:-16}
here=$(cd "$(dirname "$0")" && pwd)
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
for path in process async pipeline; do
  wrk -t2 -c"$conns" -d5s --timeout 10s -s "$here/$path.lua" "$url" >/dev/null   # warm-up
  echo "$path c=$conns: $(wrk -t2 -c"$conns" -d"${dur}s" --timeout 10s -s "$here/$path.lua" "$url" | grep RESULT)"
done
