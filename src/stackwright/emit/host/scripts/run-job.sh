#!/bin/bash
# Written by stackwright: runs one scheduled job's Compose service to its end (run by the
# job's systemd timer). The job's command is in compose.yaml, never on this command line.
set -euo pipefail
service=$1
if [[ ! $service =~ ^[a-z][a-z0-9-]*$ ]]; then
  echo "not a job: $service" >&2
  exit 2
fi
exec docker compose --project-directory /opt/app --profile jobs run --rm --no-deps "$service"
