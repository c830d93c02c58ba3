# shellcheck shell=bash
# Shared by scripts/deploy.sh and scripts/push-all-to-ecr.sh (sourced, not run): settings checks, and the AWS CLI
# calls, which --dry-run prints instead of running.
#
#   aws_do ARGS...      a call that changes something: run it (output dropped), or print it in a dry run
#   aws_get ARGS...     a call whose output we need: run it and print its output; in a dry run print the call and
#                       fail, which callers read as "nothing there yet" (so a dry run shows the full first deployment)
#   aws_put DRY ARGS... a change whose output we need (e.g. the new revision's ARN): DRY is what a dry run answers

DRY_RUN=${DRY_RUN:-false}
PROG=${PROG:-$(basename "$0")}
exec 3>&1   # a dry run prints calls here: stdout, also from inside $(...) where stdout is captured

die() {  # a usage or settings problem: one line, exit status 2
    echo "$PROG: $*" >&2
    exit 2
}

say() { echo "$PROG: $*"; }

show() {  # the call as a shell line anyone can paste
    local out='+' a
    for a in "$@"; do
        out+=" $(printf '%q' "$a")"
    done
    echo "$out"
}

failed() {
    echo "$PROG: '$1 $2 $3' failed (exit $4); the AWS CLI's own message is above" >&2
    exit 1
}

aws_do() {
    if [ "$DRY_RUN" = true ]; then show aws "$@"; return 0; fi
    aws "$@" >/dev/null || failed aws "$1" "$2" $?
}

aws_get() {
    if [ "$DRY_RUN" = true ]; then show aws "$@" >&3; return 1; fi
    aws "$@" 2>/dev/null
}

aws_put() {
    local dry=$1
    shift
    if [ "$DRY_RUN" = true ]; then show aws "$@" >&3; echo "$dry"; return 0; fi
    aws "$@" || failed aws "$1" "$2" $?
}

# require NAME...: each must be set and non-empty, else one line naming it (and what it is for), exit status 2.
require() {
    local name
    for name in "$@"; do
        [ -n "${!name:-}" ] || die "$name is not set; $(hint "$name")"
    done
}

hint() {
    # shellcheck disable=SC2016 # the commands are shown, not run
    case $1 in
        AWS_ACCOUNT_ID) echo 'export AWS_ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)' ;;
        AWS_REGION) echo 'export AWS_REGION=us-east-1 (the region to deploy to)' ;;
        TAG) echo 'export TAG=<image tag> (default: the git commit, when run inside the repository)' ;;
        KAFKA_BOOTSTRAP_SERVERS) echo 'the MSK bootstrap brokers, e.g. from aws kafka get-bootstrap-brokers (BootstrapBrokerStringTls)' ;;
        ECS_SUBNETS) echo 'comma-separated private subnet ids for the tasks, e.g. subnet-0a1b,subnet-2c3d' ;;
        ECS_SECURITY_GROUPS) echo 'comma-separated security group ids for the tasks, e.g. sg-0a1b' ;;
        GATEWAY_TARGET_GROUP_ARN) echo 'the ALB target group (target type ip, port 8000, health check /health/ready) for the gateway' ;;
        DATABASE_URL) echo 'postgresql://user:password@your-rds-endpoint:5432/aiguardian (RDS); the secret holds it' ;;
        REDIS_URL) echo 'redis://your-elasticache-endpoint:6379/0 or rediss:// for TLS; the secret holds it' ;;
        *) echo "see docs/deploy-aws.md" ;;
    esac
}

# A value that goes into a JSON request file must not break it: no quotes, backslashes or control characters.
plain() {
    local name=$1
    case ${!name} in
        *[\"\\]* | *[[:cntrl:]]*) die "$name contains a quote, backslash or control character; it goes into JSON as is" ;;
    esac
}

# The image tag: TAG, else the git commit of the repository (immutable tags make rollback by revision mean something).
default_tag() {
    if [ -z "${TAG:-}" ] && git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
        TAG=$(git -C "$ROOT" rev-parse --short=12 HEAD)
    fi
    require TAG
}

ECR_REPOSITORY=${ECR_REPOSITORY:-aiguardian}
