#!/bin/sh
# HEALTHCHECK of the image, per AIGUARDIAN_ROLE:
#   gateway, all  GET /health/live on PORT
#   workers       GET /health/live on WORKER_METRICS_PORT (when 0: the java process is alive)
#   broker        a TCP connection to KAFKA_PORT (the broker has no HTTP)
#   topology      GET /health/live on TOPOLOGY_METRICS_PORT; when 0: the java process is alive and STREAMS_STATE_DIR
#                 exists (its liveness towards Kafka shows in the heartbeats, i.e. in /api/v1/guards/services)
set -u
http() { curl -fsS -m 4 -o /dev/null "http://127.0.0.1:$1/health/live"; }
tcp() {  # bash's /dev/tcp where bash exists, else curl's telnet scheme
    if command -v bash >/dev/null 2>&1; then
        timeout 4 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
    else
        curl -s -m 2 -o /dev/null "telnet://127.0.0.1:$1" </dev/null; [ $? -ne 7 ]
    fi
}
alive() { kill -0 1 2>/dev/null; }
case "${AIGUARDIAN_ROLE:-all}" in
    gateway|all) http "${PORT:-8000}" ;;
    workers) if [ "${WORKER_METRICS_PORT:-9400}" = 0 ]; then alive; else http "${WORKER_METRICS_PORT:-9400}"; fi ;;
    broker) tcp "${KAFKA_PORT:-9092}" ;;
    topology) if [ "${TOPOLOGY_METRICS_PORT:-9401}" = 0 ]; then alive && [ -d "${STREAMS_STATE_DIR:-/data/streams}" ];
              else http "${TOPOLOGY_METRICS_PORT:-9401}"; fi ;;
    *) alive ;;
esac
