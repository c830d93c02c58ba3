#!/usr/bin/env bash
# Mints a tenant API key: prints the key once (hand it to the tenant; it is kept nowhere) and the entry for
# API_KEYS_FILE / API_KEYS / the secret's API_KEYS, which holds only the key's SHA-256.
# Usage: scripts/mint-api-key.sh --tenant acme [--name acme-prod] [--scopes guards:process,jobs:read] [--rate-limit 600/min]
set -euo pipefail
cd "$(dirname "$0")/.."
for jar in standalone/target/aiguardian-standalone.jar gateway/target/aiguardian-gateway.jar; do
  if [ -f "$jar" ]; then
    exec java -cp "$jar" dev.aiguardian.gateway.auth.MintApiKey "$@"
  fi
done
echo "mint-api-key: no jar yet; build it with: mvn -q -DskipTests package" >&2
exit 2
