#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer on 127.0.0.1 (5432, 6379) for the tests that use the real servers.
# Starts them when they are installed but stopped; installs them from Debian's packages when missing and root.
set -u

pg_up()    { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ]; }

install_missing() {
  local pkgs=()
  command -v pg_ctlcluster >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || pkgs+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || pkgs+=(redis-server)
  [ ${#pkgs[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "test-services: missing ${pkgs[*]}; install them (apt-get install ${pkgs[*]}) or start them yourself" >&2
    return 1
  fi
  echo "test-services: installing ${pkgs[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null
}

start_postgres() {
  pg_up && return 0
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    local v; v=$(ls /etc/postgresql | sort -V | tail -1)
    pg_ctlcluster --skip-systemctl-redirect "$v" main start >/dev/null 2>&1 || true
  fi
  for _ in $(seq 1 40); do pg_up && break; sleep 0.25; done
  pg_up || { echo "test-services: PostgreSQL does not answer on 127.0.0.1:5432" >&2; return 1; }
  # The tests use database 'test' with trust auth as the local user 'postgres'.
  if [ "$(id -u)" = 0 ]; then
    su postgres -c "psql -h 127.0.0.1 -tAc \"SELECT 1 FROM pg_database WHERE datname='test'\"" 2>/dev/null | grep -q 1 \
      || su postgres -c "createdb -h 127.0.0.1 test" 2>/dev/null || true
  fi
}

start_redis() {
  redis_up && return 0
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null 2>&1 || true
  for _ in $(seq 1 40); do redis_up && break; sleep 0.25; done
  redis_up || { echo "test-services: Redis does not answer on 127.0.0.1:6379" >&2; return 1; }
}

if ! pg_up || ! redis_up; then
  install_missing || true
fi
start_postgres; pg_status=$?
start_redis; redis_status=$?
[ $pg_status -eq 0 ] && [ $redis_status -eq 0 ]
