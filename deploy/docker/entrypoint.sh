#!/bin/sh
# Runs the role given as the first argument, else AIGUARDIAN_ROLE (default all). JAVA_OPTS: JVM flags (the image
# sets heap limits relative to the container's memory limit). exec: java is PID 1 and gets SIGTERM directly.
set -eu
if [ $# -gt 0 ]; then
    AIGUARDIAN_ROLE=$1
    shift
fi
# The broker advertises the name other containers use; the container's own host name when nothing says otherwise.
if [ "${AIGUARDIAN_ROLE:-all}" = broker ]; then
    export KAFKA_LISTEN_HOST="${KAFKA_LISTEN_HOST:-0.0.0.0}"
    export KAFKA_ADVERTISED_HOST="${KAFKA_ADVERTISED_HOST:-$(hostname)}"
fi
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -jar /opt/aiguardian/aiguardian.jar "${AIGUARDIAN_ROLE:-all}" "$@"
