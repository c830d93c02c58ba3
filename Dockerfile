# syntax=docker/dockerfile:1
# One image for every role of the standalone jar: AIGUARDIAN_ROLE=gateway|workers|topology|broker|all
# (or the role as the command). The jar is built once, in the `build` stage; the `aot` stage runs it once to train
# the JVM's AOT cache on it (JDK 25+: deploy/docker/aot-train.sh), which the image ships and the entrypoint uses.
#
#   docker build -t aiguardian:local .                       # public images: Maven builds the jar inside
#   docker build -t aiguardian:local \                        # no registry (this project's CI): the jar built on
#     --build-arg BASE_IMAGE=aiguardian-jre:25 \               # the host by `mvn package`, base images from
#     --build-arg BUILD_IMAGE=aiguardian-jre:17 \              # deploy/local/build-local-images.sh
#     --build-arg JAR_SOURCE=host .
#
# BASE_IMAGE with JDK 17 (eclipse-temurin:17-jre, aiguardian-jre:17) builds and runs too, without a cache; so does
# AOT_CACHE=off (AOT_CACHE=on: fail the build when the JVM has no AOT cache; default auto). AOT_TRAIN_SECONDS: how
# long the training run is called (default 60).
# Works with the classic builder and BuildKit alike (no --mount, no stage picked by a variable).
ARG BASE_IMAGE=eclipse-temurin:25-jre
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17

FROM ${BUILD_IMAGE} AS build
# build: `mvn package` here; host: take standalone/target/aiguardian-standalone.jar from the build context.
ARG JAR_SOURCE=build
WORKDIR /src
COPY . .
RUN set -e; \
    if [ "$JAR_SOURCE" = host ]; then \
        test -f standalone/target/aiguardian-standalone.jar \
            || { echo "JAR_SOURCE=host: run 'mvn -DskipTests package' first" >&2; exit 1; }; \
    else \
        mvn -B -ntp -q -DskipTests package; \
    fi; \
    mkdir -p /out && cp standalone/target/aiguardian-standalone.jar /out/aiguardian.jar

FROM ${BASE_IMAGE} AS runtime
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="AIGuardian" \
      org.opencontainers.image.description="LLM guard pipeline on Apache Kafka: gateway, guard workers, Kafka Streams topology, single-node broker" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="https://github.com/aiguardian/aiguardian" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.base.name="${BASE_IMAGE}"
# curl for healthcheck.sh and aot-train.sh: the eclipse-temurin images (Ubuntu) no longer carry it; the local
# stand-ins do (no apt-get then).
RUN command -v curl >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends curl && rm -rf /var/lib/apt/lists/*; }
# A fixed uid/gid, not root; nothing in the image is writable by it but /data (a volume) and /tmp (tmpfs in compose).
RUN (getent group aiguardian || groupadd --system --gid 10001 aiguardian) >/dev/null \
 && (id aiguardian || useradd --system --uid 10001 --gid aiguardian --home-dir /data --no-create-home \
        --shell /usr/sbin/nologin aiguardian) >/dev/null \
 && mkdir -p /opt/aiguardian /data && chown aiguardian:aiguardian /data
COPY --from=build /out/aiguardian.jar /opt/aiguardian/aiguardian.jar
COPY deploy/docker/entrypoint.sh deploy/docker/healthcheck.sh /opt/aiguardian/
# JAVA_BOUNDS: the JVM's bounds measured for the standalone jar (standalone/jvm.options: metaspace, code cache, thread
# stacks, native heap trim), for every container whatever its JAVA_OPTS. JAVA_OPTS: the heap's share of the
# container's memory and what a deployment adds; the entrypoint passes it after JAVA_BOUNDS, so its flags win.
# (Compose, ECS and Kubernetes set JAVA_OPTS of their own; before the split that dropped every bound here.)
ENV AIGUARDIAN_ROLE=all \
    LOG_FORMAT=json \
    ACCESS_LOG_LEVEL=INFO \
    DATA_DIR=/data \
    STREAMS_STATE_DIR=/data/streams \
    PORT=8000 \
    WORKER_METRICS_PORT=9400 \
    KAFKA_PORT=9092 \
    JAVA_BOUNDS="-XX:+UseContainerSupport -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=96m -Xss512k -XX:+ExitOnOutOfMemoryError -XX:TrimNativeHeapInterval=5000 -XX:-UsePerfData" \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -Djava.io.tmpdir=/tmp"
USER 10001:10001
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8000 9092 9400
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["sh", "/opt/aiguardian/healthcheck.sh"]
ENTRYPOINT ["sh", "/opt/aiguardian/entrypoint.sh"]

# Training on the runtime stage itself: the same JVM, the same jar file (path, size, time) and the image's JAVA_OPTS
# as every container of the image, so the cache is not refused. Root in this throw-away stage, data under /tmp.
FROM runtime AS aot
ARG AOT_CACHE=auto
ARG AOT_TRAIN_SECONDS=60
USER root
COPY deploy/docker/aot-train.sh /tmp/aot-train.sh
RUN AOT_CACHE="$AOT_CACHE" AOT_TRAIN_SECONDS="$AOT_TRAIN_SECONDS" sh /tmp/aot-train.sh /opt/aiguardian/aot

# The image: the runtime stage plus the cache (an empty folder when the JVM has no AOT cache).
FROM runtime
COPY --from=aot /opt/aiguardian/aot/ /opt/aiguardian/aot/
