#!/bin/sh
# Runs the role given as the first argument, else AIGUARDIAN_ROLE (default all). JVM flags: JAVA_BOUNDS (the image's
# measured bounds), then JAVA_OPTS (heap share and a deployment's own; later flags win). exec: java is PID 1 and gets
# SIGTERM directly.
set -eu
if [ $# -gt 0 ]; then
    AIGUARDIAN_ROLE=$1
    shift
fi
# NAME_FILE=/run/secrets/x sets NAME to the file's content (Docker/Compose secrets): SECRET_KEY_FILE, DATABASE_URL_FILE,
# REDIS_URL_FILE, UNIFIED_API_KEY_FILE, WEBHOOK_SECRET_FILE, KAFKA_CLIENT_..._FILE. The file wins over NAME.
for var in $(env | sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)_FILE=.*/\1/p'); do
    eval "file=\${${var}_FILE}"
    if [ ! -r "$file" ]; then
        echo "aiguardian: ${var}_FILE=$file is not a readable file; mount the secret or unset ${var}_FILE" >&2
        exit 2
    fi
    value=$(cat "$file")
    export "$var=$value"
    unset "${var}_FILE"
done
# The broker advertises the name other containers use; the container's own host name when nothing says otherwise.
if [ "${AIGUARDIAN_ROLE:-all}" = broker ]; then
    export KAFKA_LISTEN_HOST="${KAFKA_LISTEN_HOST:-0.0.0.0}"
    export KAFKA_ADVERTISED_HOST="${KAFKA_ADVERTISED_HOST:-$(hostname)}"
fi
# The AOT cache trained on this jar at image build (aot-train.sh; JDK 25+ images only): classes loaded, linked and
# profiled ahead of time: a third to a half off the start-up (docs/benchmarks.md, session 11). Before JAVA_OPTS,
# so JAVA_OPTS can override it (-XX:AOTMode=off). Only refusals reach the console (the cache's adapter-stub
# warnings are noise); the JVM's AOT log goes to AOT_LOG when its folder is writable: "Using AOT-linked classes:
# true" there proves the cache is used (scripts/compose-smoke.sh checks it). AOT_CACHE_FILE= (empty): no cache.
AOT_CACHE_FILE=${AOT_CACHE_FILE-/opt/aiguardian/aot/aiguardian.aot}
AOT_LOG=${AOT_LOG:-/tmp/aiguardian-aot.log}
aot_opts=
if [ -n "$AOT_CACHE_FILE" ] && [ -f "$AOT_CACHE_FILE" ]; then
    aot_opts="-XX:AOTCache=$AOT_CACHE_FILE -Xlog:aot*=off -Xlog:aot=error"
    if [ -w "$(dirname "$AOT_LOG")" ]; then
        aot_opts="$aot_opts -Xlog:aot=info:file=$AOT_LOG::filecount=0"
    fi
fi
# shellcheck disable=SC2086
exec java $aot_opts ${JAVA_BOUNDS:-} ${JAVA_OPTS:-} -jar /opt/aiguardian/aiguardian.jar "${AIGUARDIAN_ROLE:-all}" "$@"
