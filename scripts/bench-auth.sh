#!/usr/bin/env bash
# The cost of authentication and rate limits on the sync path: the standalone jar under wrk (the seed's
# tokenguard call, scripts/bench/process.lua) with no credential, the legacy key (lockout check in memory),
# a tenant key with a per-key limit in Redis (one EVALSHA per call), and a HS256 JWT with a per-user limit
# in Redis. The limits are set so high that nothing is refused: what is measured is the check itself.
# Usage: bash scripts/bench-auth.sh [seconds-per-run] [connections]   (needs wrk, python3, Redis on 127.0.0.1:6379)
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-15}; CONN=${2:-16}
PORT=${BENCH_PORT:-18110}; KPORT=${BENCH_KAFKA_PORT:-19202}
JAR=standalone/target/aiguardian-standalone.jar
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -f "$JAR" ] || mvn -q -DskipTests package
SECRET=bench-secret-key-0123456789abcdef-0123456789
LEGACY=bench-legacy-key-0123456789
KEYLINE=$(java -cp "$JAR" dev.aiguardian.gateway.auth.MintApiKey --tenant bench --scopes guards:process)
KEY=$(sed -n 's/^key: *//p' <<<"$KEYLINE"); ENTRY=$(sed -n 's/^entry: *//p' <<<"$KEYLINE")
JWT=$(SECRET=$SECRET python3 - <<'PY'
import base64, hashlib, hmac, json, os, time
b = lambda d: base64.urlsafe_b64encode(d).rstrip(b"=").decode()
h = b(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
p = b(json.dumps({"sub": "bench-user", "scope": "guards:process", "exp": int(time.time()) + 3600}).encode())
s = b(hmac.new(os.environ["SECRET"].encode(), f"{h}.{p}".encode(), hashlib.sha256).digest())
print(f"{h}.{p}.{s}")
PY
)

run() {  # name, credential, then VAR=value settings for the jar
  local name=$1 auth=$2; shift 2
  local data; data=$(mktemp -d /tmp/aiguardian-bench-auth.XXXXXX)
  env "$@" PORT=$PORT KAFKA_PORT=$KPORT DATA_DIR=$data SECRET_KEY=$SECRET setsid java ${BENCH_JAVA_OPTS:-} \
    -jar "$JAR" >"$data/log" 2>&1 &
  local pid=$!
  trap "kill -TERM -- -$pid 2>/dev/null; rm -rf $data" EXIT
  for _ in $(seq 1 720); do grep -qs "ready in\|AIGuardian failed" "$data/log" && break; sleep 0.25; done
  grep -qs "ready in" "$data/log" || { echo "$name: did not start:"; tail -5 "$data/log"; return 1; }
  BENCH_AUTH=$auth wrk -t2 -c$CONN -d8s -s scripts/bench/process.lua "http://127.0.0.1:$PORT" >/dev/null  # warm-up
  echo "$name: $(BENCH_AUTH=$auth wrk -t2 -c$CONN -d${DUR}s --timeout 10s -s scripts/bench/process.lua \
    "http://127.0.0.1:$PORT" | grep RESULT)"
  kill -TERM -- -$pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$data"; trap - EXIT
}

run "no credential (open)          " "" AUTH_REQUIRED=false
run "legacy key, lockout in memory " "$LEGACY" UNIFIED_API_KEY=$LEGACY
run "tenant key, key limit in Redis" "$KEY" API_KEYS="[$ENTRY]" RATE_LIMIT_PER_KEY=1000000/s REDIS_URL=redis://127.0.0.1:6379/0
run "HS256 JWT, user limit in Redis" "$JWT" RATE_LIMIT_PER_USER=1000000/s REDIS_URL=redis://127.0.0.1:6379/0 AUTH_REQUIRED=true
