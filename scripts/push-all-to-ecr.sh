#!/usr/bin/env bash
# Builds the AIGuardian image and pushes it to Amazon ECR (the seed guide's push-all-to-ecr.sh; docs/deploy-aws.md).
#
#   scripts/push-all-to-ecr.sh [--dry-run] [--skip-build]
#
# One image runs every role (gateway, workers, topology: AIGUARDIAN_ROLE in the task definition), so there is one
# repository, ECR_REPOSITORY (default aiguardian), and one push:
#   ${AWS_ACCOUNT_ID}.dkr.ecr.${AWS_REGION}.amazonaws.com/${ECR_REPOSITORY}:${TAG}
# The repository is created when missing, with immutable tags (a task definition revision then always means the
# same image, which is what rollback by revision relies on) and scan on push. A tag already in ECR is left alone.
#
# Settings (environment): AWS_ACCOUNT_ID, AWS_REGION (required); TAG (default: the git commit); ECR_REPOSITORY;
# DOCKER_BUILD_ARGS (extra `docker build` arguments, e.g. "--build-arg JAR_SOURCE=host").
# --dry-run prints every docker and AWS CLI call instead of running it; --skip-build pushes aiguardian:${TAG}
# as already built.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PROG=push-all-to-ecr.sh
# shellcheck source=deploy/ecs/aws-cli.sh
. "$ROOT/deploy/ecs/aws-cli.sh"

build=true
while [ $# -gt 0 ]; do
    case $1 in
        --dry-run) DRY_RUN=true ;;
        --skip-build) build=false ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument '$1'; usage: push-all-to-ecr.sh [--dry-run] [--skip-build] (--help)" ;;
    esac
    shift
done
require AWS_ACCOUNT_ID AWS_REGION
default_tag
REGISTRY=$AWS_ACCOUNT_ID.dkr.ecr.$AWS_REGION.amazonaws.com
IMAGE=$REGISTRY/$ECR_REPOSITORY:$TAG
LOCAL=aiguardian:$TAG

docker_do() {
    if [ "$DRY_RUN" = true ]; then show docker "$@"; return 0; fi
    docker "$@" || { echo "$PROG: 'docker $1' failed (exit $?)" >&2; exit 1; }
}

if ! aws_get ecr describe-repositories --repository-names "$ECR_REPOSITORY" --region "$AWS_REGION" \
        --query 'repositories[0].repositoryUri' --output text >/dev/null; then
    aws_do ecr create-repository --repository-name "$ECR_REPOSITORY" --image-tag-mutability IMMUTABLE \
        --image-scanning-configuration scanOnPush=true --region "$AWS_REGION"
    say "created repository $ECR_REPOSITORY"
fi
if aws_get ecr describe-images --repository-name "$ECR_REPOSITORY" --image-ids "imageTag=$TAG" \
        --region "$AWS_REGION" --query 'imageDetails[0].imageDigest' --output text >/dev/null; then
    say "$IMAGE is in ECR already (tags are immutable); nothing to push"
    exit 0
fi
if [ "$build" = true ]; then
    # shellcheck disable=SC2086 # DOCKER_BUILD_ARGS is a list of arguments
    docker_do build -t "$LOCAL" \
        --build-arg "REVISION=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)" \
        --build-arg "CREATED=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
        ${DOCKER_BUILD_ARGS:-} "$ROOT"
fi
if [ "$DRY_RUN" = true ]; then
    echo "$(show aws ecr get-login-password --region "$AWS_REGION") | $(show docker login --username AWS --password-stdin "$REGISTRY" | cut -c3-)"
else
    aws ecr get-login-password --region "$AWS_REGION" \
        | docker login --username AWS --password-stdin "$REGISTRY" >/dev/null \
        || { echo "$PROG: docker login to $REGISTRY failed; check the AWS credentials and region" >&2; exit 1; }
fi
docker_do tag "$LOCAL" "$IMAGE"
docker_do push "$IMAGE"
say "pushed $IMAGE"
