#!/usr/bin/env bash
# AIGuardian on AWS ECS Fargate (docs/deploy-aws.md): the seed guide's `deploy.sh setup-secrets|prod`, with
# deploy/ecs/ as the definitions.
#
#   scripts/deploy.sh setup-secrets [--show-secrets]   create or update the secret AWS_SECRETS_NAME: SECRET_KEY,
#                                                      UNIFIED_API_KEY, WEBHOOK_SECRET generated (unless set in the
#                                                      environment), DATABASE_URL and REDIS_URL from the environment,
#                                                      ALLOWED_ORIGINS / ALLOWED_HOSTS when set; values never printed
#                                                      unless --show-secrets
#   scripts/deploy.sh setup-iam                        the task execution role and the task roles, with their policies
#   scripts/deploy.sh prod                             register every task definition, create or update every service,
#                                                      wait until all are stable
#   scripts/deploy.sh rollback [REVISION] [--service NAME]
#                                                      each service (or NAME) back to REVISION of its task definition
#                                                      family, by default the one before its current revision
#   scripts/deploy.sh status                           desired/running/pending tasks and rollout of every service
#   --dry-run (any command)                            print every AWS CLI call instead of running it
#
# Settings (environment): AWS_ACCOUNT_ID, AWS_REGION (always); TAG (image tag, default the git commit);
# KAFKA_BOOTSTRAP_SERVERS, ECS_SUBNETS, ECS_SECURITY_GROUPS, GATEWAY_TARGET_GROUP_ARN (prod);
# ECS_CLUSTER (codeguardians-gateway-cluster), AWS_SECRETS_NAME (codeguardians-gateway/production),
# ECR_REPOSITORY (aiguardian), KAFKA_SECURITY_PROTOCOL (SSL: MSK's TLS listener), LOG_RETENTION_DAYS (30).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ECS_DIR=$ROOT/deploy/ecs
PROG=deploy.sh
# shellcheck source=deploy/ecs/aws-cli.sh
. "$ECS_DIR/aws-cli.sh"
# shellcheck source=deploy/prod-secrets.sh
. "$ROOT/deploy/prod-secrets.sh"

ECS_CLUSTER=${ECS_CLUSTER:-codeguardians-gateway-cluster}
AWS_SECRETS_NAME=${AWS_SECRETS_NAME:-codeguardians-gateway/production}
KAFKA_SECURITY_PROTOCOL=${KAFKA_SECURITY_PROTOCOL:-SSL}
LOG_RETENTION_DAYS=${LOG_RETENTION_DAYS:-30}
NAME_PREFIX=aiguardian-
EXECUTION_ROLE=ecsTaskExecutionRole
GATEWAY_TASK_ROLE=aiguardianGatewayTaskRole
TASK_ROLE=aiguardianTaskRole
# The ${NAME}s of deploy/ecs that this script fills in; list values (subnets, groups) become several JSON items.
PLACEHOLDERS=(AWS_ACCOUNT_ID AWS_REGION TAG ECR_REPOSITORY ECS_CLUSTER SECRET_ARN AWS_SECRETS_NAME
    KAFKA_BOOTSTRAP_SERVERS KAFKA_SECURITY_PROTOCOL ECS_SUBNETS ECS_SECURITY_GROUPS GATEWAY_TARGET_GROUP_ARN
    TASK_DEFINITION)
LIST_PLACEHOLDERS=" ECS_SUBNETS ECS_SECURITY_GROUPS "

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
}

# Services in deployment order: the guards and the topology before the gateway that calls them.
services() {
    local f name gateway=''
    for f in "$ECS_DIR"/task-definitions/*.json; do
        name=$(basename "$f" .json)
        if [ "$name" = gateway ]; then gateway=$name; else echo "$name"; fi
    done
    [ -z "$gateway" ] || echo "$gateway"
}

# render FILE OUT: the file with every known ${NAME} filled in; refuses to leave one unfilled.
render() {
    local content name value
    content=$(<"$1")
    for name in "${PLACEHOLDERS[@]}"; do
        [ -n "${!name:-}" ] || continue
        value=${!name}
        case $LIST_PLACEHOLDERS in *" $name "*) value=${value//,/\",\"} ;; esac
        content=${content//"\${$name}"/"$value"}
    done
    # shellcheck disable=SC2016 # a literal ${, what an unfilled placeholder starts with
    case $content in
        *'${'*) die "$(basename "$1"): $(grep -o '\${[A-Z_]*}' <<<"$content" | sort -u | tr '\n' ' ')is not set" ;;
    esac
    mkdir -p "$(dirname "$2")"
    printf '%s\n' "$content" >"$2"
}

# ------------------------------------------------------------------------------------------------------------------
setup_secrets() {
    local show=$1 file=$WORK/secret.json key value json='' sep='' arn
    require DATABASE_URL REDIS_URL
    SECRET_KEY=${SECRET_KEY:-$(secret_rand 64)}
    UNIFIED_API_KEY=${UNIFIED_API_KEY:-$(secret_rand 48)}
    WEBHOOK_SECRET=${WEBHOOK_SECRET:-$(secret_webhook)}
    local keys=(SECRET_KEY DATABASE_URL REDIS_URL UNIFIED_API_KEY WEBHOOK_SECRET)
    [ -z "${ALLOWED_ORIGINS:-}" ] || keys+=(ALLOWED_ORIGINS)
    [ -z "${ALLOWED_HOSTS:-}" ] || keys+=(ALLOWED_HOSTS)
    for key in "${keys[@]}"; do
        plain "$key"
        value=${!key}
        json+="$sep\"$key\": \"$value\""
        sep=$',\n  '
    done
    # The values go to the CLI in a file only we can read (never on a command line, which `ps` shows).
    (umask 077 && printf '{\n  %s\n}\n' "$json" >"$file")
    if arn=$(aws_get secretsmanager describe-secret --secret-id "$AWS_SECRETS_NAME" --region "$AWS_REGION" \
            --query ARN --output text); then
        aws_do secretsmanager put-secret-value --secret-id "$AWS_SECRETS_NAME" --secret-string "file://$file" \
            --region "$AWS_REGION"
        say "updated $AWS_SECRETS_NAME ($arn): a new AWSCURRENT version with ${keys[*]}"
        say "the gateway takes the new UNIFIED_API_KEY and WEBHOOK_SECRET without a restart (docs/aws-secrets.md);"
        say "the other keys with the next deployment: scripts/deploy.sh prod"
    else
        aws_do secretsmanager create-secret --name "$AWS_SECRETS_NAME" \
            --description "AIGuardian secrets (scripts/deploy.sh setup-secrets)" \
            --secret-string "file://$file" --region "$AWS_REGION" \
            --tags Key=Project,Value=AIGuardian Key=ManagedBy,Value=deploy.sh
        say "created $AWS_SECRETS_NAME with ${keys[*]}"
    fi
    if [ "$show" = true ]; then
        echo "$PROG: --show-secrets: the values follow; keep them out of shell history and logs" >&2
        for key in "${keys[@]}"; do
            echo "$key=${!key}"
        done
    else
        say "values not shown (--show-secrets shows them; or aws secretsmanager get-secret-value --secret-id $AWS_SECRETS_NAME)"
    fi
}

setup_iam() {
    local role
    render "$ECS_DIR/iam/ecs-tasks-trust-policy.json" "$OUT/iam/trust.json"
    render "$ECS_DIR/iam/secrets-policy.json" "$OUT/iam/secrets.json"
    render "$ECS_DIR/iam/ecs-exec-policy.json" "$OUT/iam/exec.json"
    [ "$DRY_RUN" != true ] || say "dry run: the policy files it would send are in $OUT/iam"
    for role in "$EXECUTION_ROLE" "$GATEWAY_TASK_ROLE" "$TASK_ROLE"; do
        if aws_get iam get-role --role-name "$role" --query Role.Arn --output text >/dev/null; then
            say "role $role exists"
        else
            aws_do iam create-role --role-name "$role" --assume-role-policy-document "file://$OUT/iam/trust.json" \
                --tags Key=Project,Value=AIGuardian
            say "created role $role"
        fi
    done
    # Execution role: pull from ECR, write to CloudWatch Logs, and read the secret for the task definitions' `secrets`.
    aws_do iam attach-role-policy --role-name "$EXECUTION_ROLE" \
        --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
    aws_do iam put-role-policy --role-name "$EXECUTION_ROLE" --policy-name AIGuardianSecretsAccess \
        --policy-document "file://$OUT/iam/secrets.json"
    # The gateway process reads the secret itself too (AWS_SECRETS_ENABLED: rotation without a restart).
    aws_do iam put-role-policy --role-name "$GATEWAY_TASK_ROLE" --policy-name AIGuardianSecretsAccess \
        --policy-document "file://$OUT/iam/secrets.json"
    for role in "$GATEWAY_TASK_ROLE" "$TASK_ROLE"; do
        aws_do iam put-role-policy --role-name "$role" --policy-name AIGuardianEcsExec \
            --policy-document "file://$OUT/iam/exec.json"
    done
    say "IAM ready: $EXECUTION_ROLE, $GATEWAY_TASK_ROLE, $TASK_ROLE"
}

# shellcheck disable=SC2034 # SECRET_ARN and TASK_DEFINITION are read by render, through ${!name}
prod() {
    local svc family arn group names=() existing
    require KAFKA_BOOTSTRAP_SERVERS ECS_SUBNETS ECS_SECURITY_GROUPS GATEWAY_TARGET_GROUP_ARN
    default_tag
    for name in "${PLACEHOLDERS[@]}"; do
        [ -z "${!name:-}" ] || plain "$name"
    done
    # ECS wants the secret's full ARN (with the suffix Secrets Manager adds) in `valueFrom`.
    SECRET_ARN=$(aws_get secretsmanager describe-secret --secret-id "$AWS_SECRETS_NAME" --region "$AWS_REGION" \
            --query ARN --output text) \
        || { [ "$DRY_RUN" = true ] && SECRET_ARN="arn:aws:secretsmanager:$AWS_REGION:$AWS_ACCOUNT_ID:secret:$AWS_SECRETS_NAME-XXXXXX"; } \
        || die "secret $AWS_SECRETS_NAME not found in $AWS_REGION (or not readable); run scripts/deploy.sh setup-secrets first"
    if ! existing=$(aws_get ecs describe-clusters --clusters "$ECS_CLUSTER" --region "$AWS_REGION" \
            --query "clusters[?status=='ACTIVE'].clusterName" --output text) || [ -z "$existing" ]; then
        aws_do ecs create-cluster --cluster-name "$ECS_CLUSTER" --region "$AWS_REGION"
    fi
    for svc in $(services); do
        family=$NAME_PREFIX$svc
        group=/ecs/$family
        if ! existing=$(aws_get logs describe-log-groups --log-group-name-prefix "$group" --region "$AWS_REGION" \
                --query "logGroups[?logGroupName=='$group'].logGroupName" --output text) || [ -z "$existing" ]; then
            aws_do logs create-log-group --log-group-name "$group" --region "$AWS_REGION"
            aws_do logs put-retention-policy --log-group-name "$group" --retention-in-days "$LOG_RETENTION_DAYS" \
                --region "$AWS_REGION"
        fi
        TASK_DEFINITION=''
        render "$ECS_DIR/task-definitions/$svc.json" "$OUT/task-definitions/$svc.json"
        arn=$(aws_put "$family" ecs register-task-definition --cli-input-json "file://$OUT/task-definitions/$svc.json" \
            --region "$AWS_REGION" --query taskDefinition.taskDefinitionArn --output text)
        say "registered $arn"
        TASK_DEFINITION=$arn
        if existing=$(aws_get ecs describe-services --cluster "$ECS_CLUSTER" --services "$family" \
                --region "$AWS_REGION" --query "services[?status=='ACTIVE'].serviceName" --output text) \
                && [ -n "$existing" ]; then
            render "$ECS_DIR/services/$svc.update.json" "$OUT/services/$svc.update.json"
            aws_do ecs update-service --cli-input-json "file://$OUT/services/$svc.update.json" --region "$AWS_REGION"
            say "updated service $family"
        else
            render "$ECS_DIR/services/$svc.create.json" "$OUT/services/$svc.create.json"
            aws_do ecs create-service --cli-input-json "file://$OUT/services/$svc.create.json" --region "$AWS_REGION"
            say "created service $family"
        fi
        names+=("$family")
    done
    wait_stable "${names[@]}"
    [ "$DRY_RUN" != true ] || say "dry run: the request files it would send are in $OUT"
}

wait_stable() {
    say "waiting until ${*} are stable (a failing deployment is rolled back by its circuit breaker)"
    aws_do ecs wait services-stable --cluster "$ECS_CLUSTER" --services "$@" --region "$AWS_REGION"
    [ "$DRY_RUN" = true ] || say "stable: $*"
}

rollback() {
    local revision=$1 only=$2 svc family current target names=()
    for svc in $(services); do
        [ -z "$only" ] || [ "$svc" = "$only" ] || continue
        family=$NAME_PREFIX$svc
        if [ -n "$revision" ]; then
            target=$revision
        elif current=$(aws_get ecs describe-services --cluster "$ECS_CLUSTER" --services "$family" \
                --region "$AWS_REGION" --query 'services[0].taskDefinition' --output text); then
            case ${current##*:} in
                '' | *[!0-9]*) die "$family: no service in $ECS_CLUSTER to roll back (got '$current')" ;;
            esac
            target=$((${current##*:} - 1))
            [ "$target" -ge 1 ] || die "$family is at revision 1: there is no previous revision"
        elif [ "$DRY_RUN" = true ]; then
            target=PREVIOUS_REVISION
        else
            die "$family: cannot read its service in $ECS_CLUSTER ($AWS_REGION)"
        fi
        if [ "$DRY_RUN" != true ] && ! aws_get ecs describe-task-definition --task-definition "$family:$target" \
                --region "$AWS_REGION" --query taskDefinition.taskDefinitionArn --output text >/dev/null; then
            die "task definition $family:$target does not exist (aws ecs list-task-definitions --family-prefix $family)"
        fi
        aws_do ecs update-service --cluster "$ECS_CLUSTER" --service "$family" --task-definition "$family:$target" \
            --region "$AWS_REGION"
        say "$family -> $family:$target"
        names+=("$family")
    done
    [ ${#names[@]} -gt 0 ] || die "no service named '$only'; services: $(services | tr '\n' ' ')"
    wait_stable "${names[@]}"
}

status() {
    local names=() svc
    for svc in $(services); do
        names+=("$NAME_PREFIX$svc")
    done
    if [ "$DRY_RUN" = true ]; then
        show aws ecs describe-services --cluster "$ECS_CLUSTER" --services "${names[@]}" --region "$AWS_REGION" \
            --query "$STATUS_QUERY" --output table
        return
    fi
    aws ecs describe-services --cluster "$ECS_CLUSTER" --services "${names[@]}" --region "$AWS_REGION" \
        --query "$STATUS_QUERY" --output table || failed aws ecs describe-services $?
    say "logs: aws logs tail /ecs/${NAME_PREFIX}gateway --follow --region $AWS_REGION"
}
STATUS_QUERY='services[].{service:serviceName,status:status,desired:desiredCount,running:runningCount,pending:pendingCount,taskDefinition:taskDefinition,rollout:deployments[0].rolloutState}'

# ------------------------------------------------------------------------------------------------------------------
command=''
show_secrets=false
revision=''
only=''
while [ $# -gt 0 ]; do
    case $1 in
        --dry-run) DRY_RUN=true ;;
        --show-secrets) show_secrets=true ;;
        --service)
            [ $# -ge 2 ] || die "--service needs a name"
            only=$2
            shift ;;
        --service=*) only=${1#--service=} ;;
        -h | --help) usage; exit 0 ;;
        setup-secrets | setup-iam | prod | rollback | status)
            [ -z "$command" ] || die "one command at a time (got $command and $1)"
            command=$1 ;;
        *)
            if [ "$command" = rollback ] && [ -z "$revision" ] && [[ $1 =~ ^[0-9]+$ ]]; then
                revision=$1
            else
                die "unknown argument '$1'; usage: deploy.sh setup-secrets|setup-iam|prod|rollback [REVISION]|status [--dry-run] (--help)"
            fi ;;
    esac
    shift
done
[ -n "$command" ] || die "usage: deploy.sh setup-secrets|setup-iam|prod|rollback [REVISION]|status [--dry-run] (--help)"
[ "$show_secrets" = false ] || [ "$command" = setup-secrets ] || die "--show-secrets is for setup-secrets only"
[ -z "$only" ] || [ "$command" = rollback ] || die "--service is for rollback only"
require AWS_ACCOUNT_ID AWS_REGION
WORK=$(mktemp -d)   # the secret's file; the rendered requests (kept after a dry run, for reading)
trap 'rm -rf "$WORK"' EXIT
OUT=$WORK
if [ "$DRY_RUN" = true ]; then
    OUT=${DEPLOY_RENDER_DIR:-$(mktemp -d)}
fi
plain AWS_REGION
plain AWS_ACCOUNT_ID

case $command in
    setup-secrets) setup_secrets "$show_secrets" ;;
    setup-iam) setup_iam ;;
    prod) prod ;;
    rollback) rollback "$revision" "$only" ;;
    status) status ;;
esac
