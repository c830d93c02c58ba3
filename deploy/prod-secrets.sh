#!/usr/bin/env bash
# Generates the secret files docker-compose.prod.yml mounts (the seed's `deploy.sh setup-secrets`, for Compose).
# Existing files are kept. Directory: AIGUARDIAN_SECRETS_DIR (default ./secrets, ignored by git).
# Also the one secret generator of the project: scripts/deploy.sh setup-secrets (AWS) sources this file for
# secret_rand and secret_webhook, so Compose and AWS get secrets of the same strength.
set -euo pipefail

# N characters from [A-Za-z0-9], uniform (base64 of /dev/urandom without + and /): 64 give about 380 bits.
secret_rand() {
    local out=''
    while [ ${#out} -lt "$1" ]; do
        out+=$(head -c 96 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
    done
    printf '%s' "${out:0:$1}"
}

# A Standard Webhooks signing secret: whsec_ and the base64 of 32 random bytes (the gateway takes 16 or more).
secret_webhook() {
    printf 'whsec_%s' "$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
}

# Sourced: only the generator.
[ "${BASH_SOURCE[0]}" = "$0" ] || return 0

cd "$(dirname "$0")/.."
dir=${AIGUARDIAN_SECRETS_DIR:-./secrets}
mkdir -p "$dir" && chmod 700 "$dir"
put() {  # name value: readable inside the containers (uid 10001, postgres, redis); the directory protects them
    [ -s "$dir/$1" ] && { echo "kept      $dir/$1"; return; }
    printf '%s' "$2" >"$dir/$1" && chmod 644 "$dir/$1" && echo "generated $dir/$1"
}
put secret_key "$(secret_rand 64)"
put postgres_password "$(secret_rand 32)"
put database_url "postgresql://aiguardian:$(cat "$dir/postgres_password")@postgres:5432/aiguardian"
put redis_password "$(secret_rand 32)"
put redis_url "redis://:$(cat "$dir/redis_password")@redis:6379/0"
put unified_api_key "$(secret_rand 48)"
put grafana_admin_password "$(secret_rand 24)"
echo "API key for callers (Authorization: Bearer ...): $dir/unified_api_key"
