#!/bin/bash
# Written by stackwright: deploys an image tag, e.g. through SSM Run Command:
#   deploy.sh 3f2c1ab
# It sets TAG in /opt/app/.env and restarts stackwright-app (secrets fetched again, images
# pulled, services recreated). If a service does not start, the previous tag is put back.
set -euo pipefail
tag=${1:-}
if [[ ! $tag =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]]; then
  echo "usage: deploy.sh TAG (an image tag: letters, digits, _ . -)" >&2
  exit 2
fi
env_file=/opt/app/.env
previous=$(grep '^TAG=' "$env_file" | cut -d= -f2)
set_tag() { sed -i "s/^TAG=.*/TAG=$1/" "$env_file"; }
set_tag "$tag"
if systemctl restart stackwright-app.service; then
  echo "deployed $tag (was $previous)"
  exit 0
fi
echo "$tag did not start; going back to $previous" >&2
set_tag "$previous"
systemctl restart stackwright-app.service || true
exit 1
