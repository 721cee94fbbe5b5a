#!/bin/bash
# Written by stackwright: sets up the phase-1 host and starts the Compose project. It reads
# what it needs from settings.json beside it (region, registry, image tag, domain) and
# writes no value from it into a command line other than as a quoted argument.
set -euo pipefail
app=/opt/app
dnf install -y docker amazon-cloudwatch-agent jq
setting() { jq -r --arg key "$1" '.[$key] // ""' "$app/settings.json"; }
region=$(setting region)
registry=$(setting registry)
domain=$(setting domain)

systemctl enable --now docker
plugins=/usr/local/lib/docker/cli-plugins
mkdir -p "$plugins" /var/www/certbot
curl -fsSL -o "$plugins/docker-compose" \
  "https://github.com/docker/compose/releases/download/v2.32.4/docker-compose-linux-$(uname -m)"
chmod +x "$plugins/docker-compose"

agent=/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json
mkdir -p "$(dirname "$agent")"
cat > "$agent" <<'AGENT'
{
  "agent": {"omit_hostname": true},
  "metrics": {
    "append_dimensions": {"InstanceId": "${aws:InstanceId}"},
    "metrics_collected": {
      "mem": {"measurement": ["mem_used_percent"]},
      "disk": {"measurement": ["disk_used_percent"], "resources": ["/"], "drop_device": true}
    }
  }
}
AGENT
amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c "file:$agent"

# What Compose substitutes into compose.yaml: where the images are, and which tag runs.
printf 'REGISTRY=%s\nTAG=%s\nAWS_REGION=%s\n' "$registry" "$(setting tag)" "$region" \
  > "$app/.env"
"$app/bin/fetch-secrets.sh"

if [ -n "$domain" ]; then
  dnf install -y certbot
  tls=/etc/stackwright-tls
  mkdir -p "$tls"
  # Self-signed until Let's Encrypt answers (the zone may not be delegated yet).
  if [ ! -e "$tls/fullchain.pem" ]; then
    openssl req -x509 -nodes -newkey rsa:2048 -days 30 -subj "/CN=$domain" \
      -keyout "$tls/self.key" -out "$tls/self.crt"
    ln -sf self.crt "$tls/fullchain.pem"
    ln -sf self.key "$tls/privkey.pem"
  fi
  cat > /etc/systemd/system/stackwright-certificate.service <<'UNIT'
[Unit]
Description=Obtain or renew the TLS certificate
[Service]
Type=oneshot
ExecStart=/opt/app/bin/certificate.sh
UNIT
  cat > /etc/systemd/system/stackwright-certificate.timer <<'UNIT'
[Unit]
Description=Try for the TLS certificate hourly until it is issued, then keep it renewed
[Timer]
OnBootSec=2min
OnUnitActiveSec=1h
[Install]
WantedBy=timers.target
UNIT
  systemctl daemon-reload
  systemctl enable --now stackwright-certificate.timer
fi

if [ -n "$registry" ]; then
  aws ecr get-login-password --region "$region" \
    | docker login --username AWS --password-stdin "$registry"
fi
cd "$app"
docker compose up -d
