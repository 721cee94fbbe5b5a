#!/bin/bash
# Written by stackwright: obtains the domain's certificate from Let's Encrypt, or renews it
# when it is close to expiry; certificate-deployed.sh then puts it in front of nginx.
set -euo pipefail
domain=$(jq -r '.domain' /opt/app/settings.json)
exec /usr/bin/certbot certonly --webroot -w /var/www/certbot --non-interactive \
  --agree-tos --register-unsafely-without-email --keep-until-expiring \
  --deploy-hook /opt/app/bin/certificate-deployed.sh \
  --cert-name "$domain" -d "$domain" -d "www.$domain"
