#!/usr/bin/env bash
# A split deployment on one machine: every role of the standalone jar in its own OS process.
#
#   scripts/split.sh up                       broker, 2 gateways, 2 worker processes, topology; waits until ready
#   scripts/split.sh status                   each process: alive or not (exit status 3 if one is not)
#   scripts/split.sh down                     SIGTERM all, wait, SIGKILL stragglers
#   scripts/split.sh start-worker NAME GUARDS one more worker process (e.g. a replacement), waits for it
#   scripts/split.sh stop NAME                SIGTERM one process (SIGKILL if it outlives SPLIT_STOP_TIMEOUT)
#
# Settings (environment):
#   SPLIT_DIR            logs (NAME.log), pid files (NAME.pid), broker data and Streams state; ./data/split
#   SPLIT_KAFKA_PORT     the broker's port for clients; 9192
#   SPLIT_GATEWAY_PORTS  one gateway per port; "8001 8002"
#   SPLIT_JAVA_OPTS      JVM options of every process; "-Xms32m -Xmx256m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
#   SPLIT_UP_TIMEOUT     seconds `up` and `start-worker` wait for readiness; 180
#   SPLIT_STOP_TIMEOUT   seconds `down` and `stop` wait after SIGTERM before SIGKILL; 30
#   SPLIT_JAR            the jar; standalone/target/aiguardian-standalone.jar
# Everything else in the environment reaches every process: DATABASE_ENABLED/DATABASE_URL (jobs shared by
# both gateways), REDIS_URL, KAFKA_CLIENT_* (any Kafka client setting), LOG_LEVEL, BUDGET_*, …
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${SPLIT_JAR:-$ROOT/standalone/target/aiguardian-standalone.jar}
case "$JAR" in /*) ;; *) JAR=$PWD/$JAR ;; esac
DIR=${SPLIT_DIR:-./data/split}
KAFKA_PORT_=${SPLIT_KAFKA_PORT:-9192}
read -r -a GATEWAY_PORTS <<< "${SPLIT_GATEWAY_PORTS:-8001 8002}"
read -r -a JAVA_OPTS <<< "${SPLIT_JAVA_OPTS:--Xms32m -Xmx256m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}"
UP_TIMEOUT=${SPLIT_UP_TIMEOUT:-180}
STOP_TIMEOUT=${SPLIT_STOP_TIMEOUT:-30}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
BOOTSTRAP=127.0.0.1:$KAFKA_PORT_
ALL_GUARDS=(tokenguard trustguard biasguard healthguard contextguard)
# The worker processes `up` starts: NAME=GUARDS.
WORKERS=(workers-1=tokenguard,trustguard workers-2=biasguard,healthguard)

say() { echo "split: $*"; }
die() { echo "split: $*" >&2; exit 1; }
now_ms() { # GNU date has milliseconds; elsewhere whole seconds will do
  local t
  t=$(date +%s%3N)
  case "$t" in *[!0-9]*) echo "$(date +%s)000" ;; *) echo "$t" ;; esac
}
seconds_since() { local t=$(( $(now_ms) - $1 )); printf '%d.%01d' $((t / 1000)) $((t % 1000 / 100)); }

# The pid of NAME if that process is alive and still ours (a pid file can outlive a reboot).
alive_pid() {
  local f="$DIR/$1.pid" pid
  [ -f "$f" ] || return 1
  pid=$(cat "$f")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  ps -p "$pid" -o args= 2>/dev/null | grep -qF -- "-jar $JAR" || return 1
  echo "$pid"
}

names() {
  local f
  for f in "$DIR"/*.pid; do
    [ -e "$f" ] && basename "$f" .pid
  done
  return 0
}

# The one place that knows how each role is started: start NAME ROLE [VAR=VALUE...].
# Settings that name one process are cleared first so that none leaks from the caller into all of them.
start() {
  local name=$1 role=$2
  shift 2
  if alive_pid "$name" >/dev/null; then
    die "$name is already running (pid $(alive_pid "$name")); run scripts/split.sh down first"
  fi
  : > "$DIR/$name.log"
  nohup env -u PORT -u KAFKA_PORT -u DATA_DIR -u GUARDS -u WORKER_ID -u WORKER_METRICS_PORT -u TOPOLOGY_METRICS_PORT \
      -u GATEWAY_INSTANCE_ID -u STREAMS_INSTANCE_ID -u STREAMS_STATE_DIR -u KAFKA_BOOTSTRAP_SERVERS "$@" \
      "$JAVA" "${JAVA_OPTS[@]}" -Dsplit.name="$name" -jar "$JAR" "$role" \
      >> "$DIR/$name.log" 2>&1 < /dev/null &
  echo $! > "$DIR/$name.pid"
  date +%s%3N > "$DIR/$name.started"
}

start_broker() {
  start broker broker DATA_DIR="$DIR/broker" KAFKA_PORT="$KAFKA_PORT_"
}

start_gateway() { # NAME PORT
  start "$1" gateway PORT="$2" KAFKA_BOOTSTRAP_SERVERS="$BOOTSTRAP"
}

start_workers() { # NAME GUARDS
  start "$1" workers GUARDS="$2" WORKER_METRICS_PORT=0 KAFKA_BOOTSTRAP_SERVERS="$BOOTSTRAP"
}

start_topology() {
  start topology topology STREAMS_STATE_DIR="$DIR/topology/streams" TOPOLOGY_METRICS_PORT=0 \
    KAFKA_BOOTSTRAP_SERVERS="$BOOTSTRAP"
}

# ready NAME: whether the process NAME says it takes work (exits 2 when it died).
ready() {
  local name=$1
  if ! alive_pid "$name" >/dev/null; then
    return 2
  fi
  case "$name" in
    broker) grep -q 'aiguardian-broker ready in' "$DIR/$name.log" ;;
    gateway-*) [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
                   "http://127.0.0.1:$(gateway_port "$name")/health/ready")" = 200 ] ;;
    topology) grep -q 'aiguardian-topology ready in' "$DIR/$name.log" ;;
    *) grep -q 'aiguardian-workers ready in' "$DIR/$name.log" ;;
  esac
}

gateway_port() { # gateway-N → the N-th port
  echo "${GATEWAY_PORTS[$(( ${1#gateway-} - 1 ))]}"
}

# await_ready DEADLINE_MS NAME...: waits for each process, printing its start-up time; fails on death or timeout.
await_ready() {
  local deadline=$1 name rc started
  shift
  local waiting=("$@")
  while [ ${#waiting[@]} -gt 0 ]; do
    local still=()
    for name in "${waiting[@]}"; do
      rc=0
      ready "$name" || rc=$?
      if [ $rc = 0 ]; then
        started=$(cat "$DIR/$name.started")
        say "$name ready in $(seconds_since "$started") s (pid $(cat "$DIR/$name.pid"))"
      elif [ $rc = 2 ]; then
        echo "split: $name (pid $(cat "$DIR/$name.pid")) exited while starting; the end of $DIR/$name.log:" >&2
        tail -n 30 "$DIR/$name.log" >&2
        return 1
      else
        still+=("$name")
      fi
    done
    waiting=("${still[@]+"${still[@]}"}")
    [ ${#waiting[@]} -eq 0 ] && break
    if [ "$(now_ms)" -gt "$deadline" ]; then
      for name in "${waiting[@]}"; do
        echo "split: $name is not ready after ${UP_TIMEOUT} s; the end of $DIR/$name.log:" >&2
        tail -n 20 "$DIR/$name.log" >&2
      done
      return 1
    fi
    sleep 0.2
  done
}

# The guards /api/v1/guards/services of the gateway on PORT reports healthy, one per line.
healthy_guards() {
  local body
  body=$(curl -s --max-time 2 "http://127.0.0.1:$1/api/v1/guards/services") || return 0
  if command -v jq >/dev/null 2>&1; then
    jq -r '.services | to_entries[] | select(.value.status == "healthy" and .value.instances >= 1) | .key' \
      <<< "$body" 2>/dev/null || true
  else
    grep -o '"[a-z]*guard":{"status":"healthy"' <<< "$body" | cut -d'"' -f2 || true
  fi
}

await_guards() { # DEADLINE_MS
  local deadline=$1 port g missing
  local t0
  t0=$(now_ms)
  for port in "${GATEWAY_PORTS[@]}"; do
    while true; do
      missing=()
      local healthy
      healthy=$(healthy_guards "$port")
      for g in "${ALL_GUARDS[@]}"; do
        grep -qx "$g" <<< "$healthy" || missing+=("$g")
      done
      [ ${#missing[@]} -eq 0 ] && break
      if [ "$(now_ms)" -gt "$deadline" ]; then
        echo "split: the gateway on :$port does not see ${missing[*]} healthy after ${UP_TIMEOUT} s:" >&2
        curl -s --max-time 2 "http://127.0.0.1:$port/api/v1/guards/services" >&2 || true
        echo >&2
        return 1
      fi
      sleep 0.2
    done
  done
  say "all guards healthy on every gateway $(seconds_since "$t0") s later"
}

require_jar() {
  [ -f "$JAR" ] || die "no jar at $JAR: build it with mvn -B package -DskipTests"
  command -v "$JAVA" >/dev/null 2>&1 || die "no java found ($JAVA): install Java 17 or set JAVA_HOME"
  command -v curl >/dev/null 2>&1 || die "curl is needed to check the gateways' readiness"
}

up() {
  require_jar
  mkdir -p "$DIR"
  local running
  running=$(for n in $(names); do alive_pid "$n" >/dev/null && echo "$n"; done)
  [ -z "$running" ] || die "already running: $(echo $running); run scripts/split.sh down first"
  rm -f "$DIR"/*.pid "$DIR"/*.started
  local t0 deadline i spec
  t0=$(now_ms)
  deadline=$(( t0 + UP_TIMEOUT * 1000 ))
  say "starting from $JAR, logs and pid files in $DIR"
  start_broker
  await_ready "$deadline" broker || fail_up
  local names=()
  for i in "${!GATEWAY_PORTS[@]}"; do
    start_gateway "gateway-$((i + 1))" "${GATEWAY_PORTS[$i]}"
    names+=("gateway-$((i + 1))")
  done
  for spec in "${WORKERS[@]}"; do
    start_workers "${spec%%=*}" "${spec#*=}"
    names+=("${spec%%=*}")
  done
  start_topology
  names+=(topology)
  await_ready "$deadline" "${names[@]}" || fail_up
  await_guards "$deadline" || fail_up
  say "up in $(seconds_since "$t0") s"
  for i in "${!GATEWAY_PORTS[@]}"; do
    say "gateway-$((i + 1)): http://127.0.0.1:${GATEWAY_PORTS[$i]}  (e.g. curl http://127.0.0.1:${GATEWAY_PORTS[$i]}/api/v1/guards/services)"
  done
  say "Kafka: $BOOTSTRAP"
  say "stop with: scripts/split.sh down"
}

fail_up() {
  echo "split: not up; the processes started are left running for a look at their logs in $DIR;" \
       "stop them with scripts/split.sh down" >&2
  exit 1
}

# stop_all NAME...: SIGTERM each, wait up to STOP_TIMEOUT for all of them, SIGKILL the rest.
stop_all() {
  local name pid deadline left
  local pids=()
  for name in "$@"; do
    if pid=$(alive_pid "$name"); then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$name=$pid")
    fi
    rm -f "$DIR/$name.started"
  done
  [ ${#pids[@]} -eq 0 ] && return 0
  deadline=$(( $(now_ms) + STOP_TIMEOUT * 1000 ))
  while true; do
    left=()
    for name in "${pids[@]}"; do
      kill -0 "${name#*=}" 2>/dev/null && left+=("$name")
    done
    [ ${#left[@]} -eq 0 ] && break
    if [ "$(now_ms)" -gt "$deadline" ]; then
      for name in "${left[@]}"; do
        echo "split: ${name%%=*} (pid ${name#*=}) did not stop within ${STOP_TIMEOUT} s; SIGKILL" >&2
        kill -KILL "${name#*=}" 2>/dev/null || true
      done
      break
    fi
    sleep 0.1
  done
  for name in "${pids[@]}"; do
    say "${name%%=*} stopped"
  done
}

down() {
  [ -d "$DIR" ] || { say "nothing in $DIR"; return 0; }
  local all gateways=() clients=() n
  all=$(names)
  for n in $all; do
    case "$n" in
      broker) ;;
      gateway-*) gateways+=("$n") ;;
      *) clients+=("$n") ;;
    esac
  done
  # Gateways first (no new work), then workers and topology (they commit and leave their groups), the broker last.
  stop_all "${gateways[@]+"${gateways[@]}"}"
  stop_all "${clients[@]+"${clients[@]}"}"
  stop_all broker
  for n in $all; do
    rm -f "$DIR/$n.pid"
  done
}

# Exit status 0 when every process started is alive, 3 when one is not or none was started.
status() {
  local n pid any=1 rc=0
  for n in $(names); do
    any=0
    if pid=$(alive_pid "$n"); then
      printf '%-12s alive  pid %-8s log %s\n' "$n" "$pid" "$DIR/$n.log"
    else
      printf '%-12s dead   pid %-8s log %s\n' "$n" "$(cat "$DIR/$n.pid")" "$DIR/$n.log"
      rc=3
    fi
  done
  [ $any = 0 ] || { say "nothing started in $DIR"; rc=3; }
  return $rc
}

cmd=${1:-}
case "$cmd" in
  up|down|status) mkdir -p "$DIR"; DIR=$(cd "$DIR" && pwd); "$cmd" ;;
  start-worker)
    [ $# = 3 ] || die "usage: scripts/split.sh start-worker NAME GUARDS (e.g. workers-3 tokenguard,trustguard)"
    case "$2" in
      broker|topology|gateway-*|*[!A-Za-z0-9._-]*|'') die "start-worker: '$2' cannot name a worker process; use e.g. workers-3" ;;
    esac
    require_jar
    mkdir -p "$DIR"; DIR=$(cd "$DIR" && pwd)
    start_workers "$2" "$3"
    await_ready $(( $(now_ms) + UP_TIMEOUT * 1000 )) "$2" || exit 1
    ;;
  stop)
    [ $# = 2 ] || die "usage: scripts/split.sh stop NAME (see scripts/split.sh status)"
    mkdir -p "$DIR"; DIR=$(cd "$DIR" && pwd)
    alive_pid "$2" >/dev/null || die "$2 is not running"
    stop_all "$2"
    ;;
  *) die "usage: scripts/split.sh up|down|status|start-worker NAME GUARDS|stop NAME (settings: see the top of this script)" ;;
esac
