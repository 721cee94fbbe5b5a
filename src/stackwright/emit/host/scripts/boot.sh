#!/bin/bash
# Written by stackwright: sets up the phase-1 host once, at first boot: Docker and Compose, the
# CloudWatch agent, the systemd units that start the app (secrets first, then Compose) and
# run its scheduled jobs, and the TLS certificate's timer. Values come from settings.json and
# the .tsv files beside it, and reach commands only as quoted arguments.
set -euo pipefail
app=/opt/app
# The instance has a public address from launch; wait for the package repositories anyway.
for attempt in 1 2 3 4 5 6; do
  dnf install -y docker amazon-cloudwatch-agent jq && break
  [ "$attempt" -lt 6 ] || exit 1
  sleep 10
done
setting() { jq -r --arg key "$1" '.[$key] // ""' "$app/settings.json"; }
region=$(setting region)
registry=$(setting registry)
domain=$(setting domain)

systemctl enable --now docker
plugins=/usr/local/lib/docker/cli-plugins
mkdir -p "$plugins" /var/www/certbot
curl -fsSL --retry 5 -o "$plugins/docker-compose" \
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
fi

# The app: secrets are fetched on every start, so `systemctl restart stackwright-app` picks
# up a changed value; deploy.sh changes the tag and restarts it.
cat > /etc/systemd/system/stackwright-app.service <<'UNIT'
[Unit]
Description=The app's Compose project
Requires=docker.service
After=docker.service network-online.target
Wants=network-online.target
[Service]
Type=oneshot
RemainAfterExit=yes
WorkingDirectory=/opt/app
ExecStartPre=/opt/app/bin/fetch-secrets.sh
ExecStart=/opt/app/bin/start.sh
ExecStop=/usr/bin/docker compose --project-directory /opt/app stop
TimeoutStartSec=15min
[Install]
WantedBy=multi-user.target
UNIT

# Each scheduled job: a timer, and a service that runs the job's Compose service once.
# Lines: job, Compose service, timer setting, its value; each checked before it is used.
timers=()
while IFS=$'\t' read -r job service setting value <&3; do
  if [[ ! $job =~ ^[a-z][a-z0-9-]*$ || ! $service =~ ^[a-z][a-z0-9-]*$ \
    || ! $setting =~ ^(OnCalendar|OnUnitActiveSec)$ || ! $value =~ ^[A-Za-z0-9,.:*/\ -]+$ ]]; then
    echo "jobs.tsv: not a job line: $job" >&2
    exit 1
  fi
  unit="stackwright-job-$job"
  printf '%s\n' "[Unit]" "Description=Scheduled job $job" "Requires=stackwright-app.service" \
    "After=stackwright-app.service" "[Service]" "Type=oneshot" \
    "ExecStart=/opt/app/bin/run-job.sh $service" > "/etc/systemd/system/$unit.service"
  {
    printf '%s\n' "[Unit]" "Description=When $job runs" "[Timer]" "AccuracySec=1s"
    if [ "$setting" = OnUnitActiveSec ]; then
      printf '%s\n' "OnActiveSec=$value"
    fi
    printf '%s\n' "$setting=$value" "[Install]" "WantedBy=timers.target"
  } > "/etc/systemd/system/$unit.timer"
  timers+=("$unit.timer")
done 3< "$app/jobs.tsv"

systemctl daemon-reload
if [ -n "$domain" ]; then
  systemctl enable --now stackwright-certificate.timer
fi
# No image may be pushed yet at first boot: start.sh starts what it can and says what it could
# not, and the first deploy starts the rest.
systemctl enable --now stackwright-app.service \
  || echo "stackwright-app did not start every service: see journalctl -u stackwright-app" >&2
if [ "${#timers[@]}" -gt 0 ]; then
  systemctl enable --now "${timers[@]}"
fi
