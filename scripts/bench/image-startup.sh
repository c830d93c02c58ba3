#!/usr/bin/env bash
# Start-up of the container image, images alternated run by run: wall time from `docker run` (role all, a fresh
# container) to the first 200 of /health/ready, then after IDLE seconds the java process's RSS (/proc of the
# container's PID 1, which is java) and the container's memory as `docker stats` shows it (cgroup: RSS plus page
# cache, the mapped AOT cache included); whether the JVM used an AOT cache (the entrypoint's AOT log).
# With ROLES=1 it also starts the split roles for each image: a broker container, then gateway, workers and
# topology side by side on one network (as docker-compose.yml does), and times each to its health endpoint.
#
#   bash scripts/bench/image-startup.sh ROUNDS IMAGE...      e.g. 3 aiguardian:jdk17 aiguardian:local
#   env: IDLE (10 s), BENCH_PORT (18450; ROLES uses the next three), ROLES=1, MEM (a --memory limit, none by default)
set -euo pipefail
rounds=${1:?usage: image-startup.sh ROUNDS IMAGE...}; shift
[ $# -gt 0 ] || { echo "usage: image-startup.sh ROUNDS IMAGE..." >&2; exit 2; }
port=${BENCH_PORT:-18450}
idle=${IDLE:-10}
mem=()
[ -z "${MEM:-}" ] || mem=(--memory "$MEM")
now() { date +%s.%N; }
since() { printf '%.1f' "$(echo "$(now) - $1" | bc)"; }
rss_mib() { echo $(( $(awk '/^VmRSS/ {print $2}' "/proc/$(docker inspect -f '{{.State.Pid}}' "$1")/status") / 1024 )); }
aot_used() { docker exec "$1" grep -q 'Using AOT-linked classes: true' /tmp/aiguardian-aot.log 2>/dev/null && echo yes || echo no; }
until_ok() {  # seconds command...: polls every 0.1 s
    local end=$(( $(date +%s) + $1 )); shift
    until "$@" >/dev/null 2>&1; do [ "$(date +%s)" -lt "$end" ] || return 1; sleep 0.1; done
}
cleanup() { docker rm -f aot-bench aot-bench-broker aot-bench-gateway aot-bench-workers aot-bench-topology >/dev/null 2>&1 || true
            docker network rm aot-bench >/dev/null 2>&1 || true; }
trap cleanup EXIT
cleanup

for i in "$@"; do
    echo "image $i: $(( $(docker image inspect -f '{{.Size}}' "$i") / 1000000 )) MB," \
        "$(docker run --rm --entrypoint sh "$i" -c 'java -version 2>&1 | head -1; ls -s /opt/aiguardian/aot 2>/dev/null | tail -n +2' | tr '\n' ' ')"
done

for r in $(seq 1 "$rounds"); do
    for i in "$@"; do
        t0=$(now)
        docker run -d --name aot-bench "${mem[@]}" --tmpfs /tmp:exec,mode=1777 -p "127.0.0.1:$port:8000" "$i" all >/dev/null
        until_ok 300 curl -fs -m 2 "http://127.0.0.1:$port/health/ready" || { docker logs --tail 20 aot-bench; exit 1; }
        ready=$(since "$t0")
        sleep "$idle"
        echo "round $r $i: role all /health/ready after $ready s | RSS after ${idle} s $(rss_mib aot-bench) MiB |" \
            "docker stats $(docker stats --no-stream --format '{{.MemUsage}}' aot-bench | cut -d/ -f1) | AOT cache used: $(aot_used aot-bench) |" \
            "load $(cut -d' ' -f1 /proc/loadavg)"
        docker rm -f aot-bench >/dev/null
        [ "${ROLES:-0}" = 1 ] || continue

        docker network create aot-bench >/dev/null
        run() {  # name role env...
            local name=$1 role=$2; shift 2
            docker run -d --name "aot-bench-$name" --network aot-bench --network-alias "$name" "${mem[@]}" \
                --tmpfs /tmp:exec,mode=1777 -e KAFKA_BOOTSTRAP_SERVERS=broker:9092 -e AIGUARDIAN_ROLE="$role" "$@" "$i" >/dev/null
        }
        run broker broker -e KAFKA_ADVERTISED_HOST=broker
        t0=$(now)
        until_ok 300 docker exec aot-bench-broker bash -c 'exec 3<>/dev/tcp/127.0.0.1/9092' || { docker logs --tail 20 aot-bench-broker; exit 1; }
        broker=$(since "$t0")
        t0=$(now)
        run gateway gateway; run workers workers; run topology topology
        declare -A took=()
        for _ in $(seq 1 3000); do
            [ -n "${took[gateway]:-}" ] || ! docker exec aot-bench-gateway curl -fs -m 2 -o /dev/null http://127.0.0.1:8000/health/ready \
                || took[gateway]=$(since "$t0")
            [ -n "${took[workers]:-}" ] || ! docker exec aot-bench-workers curl -fs -m 2 -o /dev/null http://127.0.0.1:9400/health/live \
                || took[workers]=$(since "$t0")
            [ -n "${took[topology]:-}" ] || ! docker exec aot-bench-topology sh /opt/aiguardian/healthcheck.sh 2>/dev/null \
                || took[topology]=$(since "$t0")
            [ ${#took[@]} -lt 3 ] || break
            sleep 0.2
        done
        [ ${#took[@]} -eq 3 ] || { docker ps -a --filter name=aot-bench; exit 1; }
        sleep "$idle"
        echo "round $r $i: roles  broker port open after $broker s; then started together, healthy after:" \
            "gateway ${took[gateway]} s, workers ${took[workers]} s, topology ${took[topology]} s |" \
            "RSS after ${idle} s: broker $(rss_mib aot-bench-broker), gateway $(rss_mib aot-bench-gateway)," \
            "workers $(rss_mib aot-bench-workers), topology $(rss_mib aot-bench-topology) MiB |" \
            "AOT cache used: $(for c in broker gateway workers topology; do printf '%s ' "$(aot_used aot-bench-$c)"; done)"
        unset took
        cleanup
    done
done
