#!/usr/bin/env bash
# Local stand-ins for the public images, for machines that reach no container registry but do reach a
# Debian mirror (e.g. CI). Builds, and reuses when they already exist:
#   aiguardian-debian:bookworm   minimal Debian root file system (debootstrap --variant=minbase)
#   aiguardian-jre:17            + OpenJDK 17 JRE headless, curl   (BUILD_IMAGE of ../../Dockerfile; BASE_IMAGE for a JDK 17 image)
#   aiguardian-jre:25            + a Temurin 25 runtime jlink'd from the host's JDK (JDK25_HOME, default
#                                  /usr/lib/jvm/temurin-25-jdk-amd64), curl   (BASE_IMAGE of ../../Dockerfile)
#   aiguardian-postgres:15       PostgreSQL 15, honours POSTGRES_USER / POSTGRES_PASSWORD(_FILE) / POSTGRES_DB
#   aiguardian-redis:7           redis-server
#   aiguardian-prometheus:local  Prometheus
#   aiguardian-nginx:local       nginx, the front of the gateway instances
# Kafka's stand-in is the project's own image run with AIGUARDIAN_ROLE=broker (see docker-compose.yml).
# Grafana has no Debian package: the `monitoring` profile's Grafana needs the public image.
#
# The mirror is read at run time from the host's apt sources (MIRROR=... overrides); nothing here names one.
# FORCE=1 rebuilds everything.
set -euo pipefail
cd "$(dirname "$0")"
DOCKER=${DOCKER:-docker}
SUITE=${SUITE:-bookworm}
export DOCKER_BUILDKIT=0   # the classic builder works with every docker client here (no buildx needed)

exists() { [ "${FORCE:-0}" != 1 ] && $DOCKER image inspect "$1" >/dev/null 2>&1; }

mirror() {
    if [ -n "${MIRROR:-}" ]; then echo "$MIRROR"; return; fi
    local m=""
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
        m=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
    fi
    if [ -z "$m" ] && [ -f /etc/apt/sources.list ]; then
        m=$(awk '$1 == "deb" && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; exit}}' /etc/apt/sources.list)
    fi
    [ -n "$m" ] || { echo "no Debian mirror found in the apt sources; set MIRROR" >&2; exit 1; }
    echo "$m"
}

t0=$(date +%s)
if exists aiguardian-debian:$SUITE; then
    echo "aiguardian-debian:$SUITE exists, reused"
else
    command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null
    ROOTFS=$(mktemp -d /tmp/aiguardian-rootfs.XXXXXX)
    trap 'rm -rf "$ROOTFS"' EXIT
    echo "debootstrap $SUITE from $(mirror) ..."
    debootstrap --variant=minbase "$SUITE" "$ROOTFS" "$(mirror)" >/tmp/aiguardian-debootstrap.log 2>&1 \
        || { tail -20 /tmp/aiguardian-debootstrap.log >&2; exit 1; }
    rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/usr/share/doc/* \
        "$ROOTFS"/usr/share/man/* "$ROOTFS"/usr/share/info/*
    # Images built from this base run apt-get without recommends and without docs.
    printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$ROOTFS"/etc/apt/apt.conf.d/90aiguardian
    printf 'path-exclude /usr/share/doc/*\npath-exclude /usr/share/man/*\npath-exclude /usr/share/info/*\npath-exclude /usr/share/locale/*\npath-include /usr/share/doc/*/copyright\n' \
        >"$ROOTFS"/etc/dpkg/dpkg.cfg.d/90aiguardian-nodoc
    tar -C "$ROOTFS" -c . | $DOCKER import -c 'CMD ["bash"]' - aiguardian-debian:$SUITE >/dev/null
    rm -rf "$ROOTFS"; trap - EXIT
    echo "aiguardian-debian:$SUITE built in $(( $(date +%s) - t0 )) s"
fi

build() {  # name dockerfile
    if exists "$1"; then echo "$1 exists, reused"; return; fi
    local t=$(date +%s)
    $DOCKER build -q --build-arg SUITE="$SUITE" -t "$1" -f "$2" . >/dev/null
    echo "$1 built in $(( $(date +%s) - t )) s"
}
build aiguardian-jre:17 Dockerfile.jre

# The runtime of eclipse-temurin:25-jre: every module of the host's JDK 25 but its development tools, linked from
# its run-time image (JEP 493: Temurin 25 ships no jmods), with the default CDS archive as the public JRE has.
if exists aiguardian-jre:25; then
    echo "aiguardian-jre:25 exists, reused"
else
    t=$(date +%s)
    JDK25_HOME=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
    [ -x "$JDK25_HOME/bin/jlink" ] \
        || { echo "no JDK 25 at JDK25_HOME=$JDK25_HOME (needs bin/jlink): install Temurin 25 or set JDK25_HOME" >&2; exit 1; }
    CTX=$(mktemp -d /tmp/aiguardian-jre25.XXXXXX)
    trap 'rm -rf "$CTX"' EXIT
    mods=$("$JDK25_HOME/bin/java" --list-modules | sed 's/@.*//' | grep -v -E \
        '^jdk\.(javadoc|jshell|jlink|jpackage|compiler|jdeps|jartool|jdi|jdwp\.agent|hotspot\.agent|jstatd|editpad|jconsole|incubator\..*|internal\.(ed|jshell|le|opt))$' \
        | paste -sd, -)
    "$JDK25_HOME/bin/jlink" --add-modules "$mods" --strip-debug --no-man-pages --no-header-files \
        --generate-cds-archive --output "$CTX/jre" >/dev/null
    cp Dockerfile.jre25 "$CTX/Dockerfile"
    $DOCKER build -q --build-arg SUITE="$SUITE" -t aiguardian-jre:25 "$CTX" >/dev/null
    rm -rf "$CTX"; trap - EXIT
    echo "aiguardian-jre:25 built in $(( $(date +%s) - t )) s"
fi
if [ "${JRE_ONLY:-0}" != 1 ]; then
    build aiguardian-postgres:15 Dockerfile.postgres
    build aiguardian-redis:7 Dockerfile.redis
    build aiguardian-nginx:local Dockerfile.nginx
    build aiguardian-prometheus:local Dockerfile.prometheus
fi
echo "local images ready in $(( $(date +%s) - t0 )) s"
$DOCKER images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E '^aiguardian-' || true
