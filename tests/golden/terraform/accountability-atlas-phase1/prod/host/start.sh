#!/bin/bash
# Written by stackwright: starts the Compose project (run by stackwright-app.service, after
# fetch-secrets.sh). Each service is started on its own, so one whose image is not pushed yet
# does not keep nginx and the others from starting; the exit status says whether all started.
set -euo pipefail
app=/opt/app
cd "$app"
setting() { jq -r --arg key "$1" '.[$key] // ""' "$app/settings.json"; }
registry=$(setting registry)
if [ -n "$registry" ]; then
  aws ecr get-login-password --region "$(setting region)" \
    | docker login --username AWS --password-stdin "$registry"
fi
failed=()
while IFS= read -r service; do
  docker compose up -d --no-deps --remove-orphans "$service" < /dev/null || failed+=("$service")
done < <(docker compose config --services)
if [ "${#failed[@]}" -gt 0 ]; then
  echo "not started (is the image for tag $(grep '^TAG=' .env | cut -d= -f2) pushed?):" \
    "${failed[*]}" >&2
  exit 1
fi
