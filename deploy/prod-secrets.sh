#!/usr/bin/env bash
# Generates the secret files docker-compose.prod.yml mounts (the seed's `deploy.sh setup-secrets`, for Compose).
# Existing files are kept. Directory: AIGUARDIAN_SECRETS_DIR (default ./secrets, ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${AIGUARDIAN_SECRETS_DIR:-./secrets}
mkdir -p "$dir" && chmod 700 "$dir"
rand() { head -c 48 /dev/urandom | base64 | tr -d '=+/\n' | cut -c1-"$1"; }
put() {  # name value: readable inside the containers (uid 10001, postgres, redis); the directory protects them
    [ -s "$dir/$1" ] && { echo "kept      $dir/$1"; return; }
    printf '%s' "$2" >"$dir/$1" && chmod 644 "$dir/$1" && echo "generated $dir/$1"
}
put secret_key "$(rand 64)"
put postgres_password "$(rand 32)"
put database_url "postgresql://aiguardian:$(cat "$dir/postgres_password")@postgres:5432/aiguardian"
put redis_password "$(rand 32)"
put redis_url "redis://:$(cat "$dir/redis_password")@redis:6379/0"
put unified_api_key "$(rand 48)"
put grafana_admin_password "$(rand 24)"
echo "API key for callers (Authorization: Bearer ...): $dir/unified_api_key"
