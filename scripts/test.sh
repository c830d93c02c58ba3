#!/usr/bin/env bash
# The project's test command: real Kafka inside the test JVM, real PostgreSQL and Redis on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! bash scripts/test-services.sh; then
  if [ "${CI:-}" = true ]; then
    echo "PostgreSQL/Redis unavailable: CI requires them" >&2
    exit 1
  fi
  echo "PostgreSQL/Redis unavailable: the tests that need them will say so and be skipped (CI fails instead)" >&2
fi
# verify: the unit and in-JVM tests (surefire), package, then the integration tests on the jars (failsafe).
exec mvn -B -ntp verify "$@"
