#!/bin/bash
# Written by stackwright: run by certbot after it obtains or renews the certificate; points
# nginx at it and reloads nginx.
set -euo pipefail
domain=$(jq -r '.domain' /opt/app/settings.json)
live="/etc/letsencrypt/live/$domain"
ln -sf "$live/fullchain.pem" /etc/stackwright-tls/fullchain.pem
ln -sf "$live/privkey.pem" /etc/stackwright-tls/privkey.pem
docker compose --project-directory /opt/app exec -T nginx nginx -s reload
