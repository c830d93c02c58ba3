#!/usr/bin/env bash
# JMH benchmarks of the pure guards (one thread, so MB/s is per core). Usage:
#   bash scripts/bench-guards.sh                      # every *Benchmark in guard-workers/guards
#   bash scripts/bench-guards.sh 'TrustGuardBenchmark' -f 1 -wi 3 -i 5 -w 2s -r 2s
set -euo pipefail
cd "$(dirname "$0")/.."
PATTERN=${1:-'.*Benchmark.*'}; shift || true
ARGS=${*:-"-f 1 -wi 3 -i 5 -w 2s -r 2s"}
CP_FILE=$(mktemp)
# One invocation with -am: the reactor's own modules resolve to their target/classes, so nothing has to be
# installed in ~/.m2 (a separate dependency:build-classpath of the guards alone would look there and fail).
# Each module writes the file in turn; the guards, built last, leave theirs.
mvn -q -pl guard-workers/guards -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$CP_FILE"
# JMH forks a JVM with this classpath; the reactor's own classes come first.
exec java -cp "guard-workers/guards/target/test-classes:guard-workers/guards/target/classes:schemas/target/classes:$(cat "$CP_FILE")" \
  org.openjdk.jmh.Main "$PATTERN" $ARGS
