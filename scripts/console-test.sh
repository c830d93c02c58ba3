#!/usr/bin/env bash
# The console in a real browser: starts the standalone jar (already built by `mvn package`/scripts/test.sh),
# drives /console with playwright-core in Debian's headless Chromium (console-test/console.test.mjs), stops
# the jar by its PID. Installs chromium, node and the npm dependencies (npm ci, committed lockfile) when missing.
# Screenshots: $SCREENSHOT_DIR (default console-test/screenshots). Run in .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
JAR=${JAR:-standalone/target/aiguardian-standalone.jar}
PORT=${CONSOLE_TEST_PORT:-18480}
KAFKA_PORT=${CONSOLE_TEST_KAFKA_PORT:-19492}
export SCREENSHOT_DIR=${SCREENSHOT_DIR:-$ROOT/console-test/screenshots}

[ -f "$JAR" ] || { echo "console-test: $JAR is missing; build it first: mvn -q -DskipTests package" >&2; exit 1; }

apt_install() {
  [ "$(id -u)" = 0 ] || { echo "console-test: missing $*; install it (apt-get install $*)" >&2; exit 1; }
  echo "console-test: installing $*" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || apt_install nodejs npm
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || apt_install chromium
(cd console-test && npm ci --no-audit --no-fund --loglevel=error)

for p in "$PORT" "$KAFKA_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "console-test: port $p is taken; set CONSOLE_TEST_PORT / CONSOLE_TEST_KAFKA_PORT" >&2
    exit 1
  fi
done

WORK=$(mktemp -d)
LOG="$WORK/standalone.log"
PORT=$PORT KAFKA_PORT=$KAFKA_PORT DATA_DIR="$WORK/data" java -Xmx512m -jar "$JAR" >"$LOG" 2>&1 &
PID=$!
stop() {
  kill "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap stop EXIT

for _ in $(seq 1 240); do
  grep -q 'ready in' "$LOG" && break
  kill -0 "$PID" 2>/dev/null || { cat "$LOG" >&2; echo "console-test: the jar stopped" >&2; exit 1; }
  sleep 0.5
done
grep -q 'ready in' "$LOG" || { tail -50 "$LOG" >&2; echo "console-test: the jar was not ready in 120 s" >&2; exit 1; }
echo "console-test: $(grep -m1 'ready in' "$LOG")"

status=0
(cd console-test && BASE_URL="http://127.0.0.1:$PORT" node --test --test-reporter=spec console.test.mjs) || status=$?
if [ $status -ne 0 ]; then
  echo "console-test: failed; the jar's log:" >&2
  tail -80 "$LOG" >&2
fi
exit $status
