"""The phase-1 host's user data: install Docker and the Compose plugin, write the Compose
project and nginx's configuration, fetch each service's secrets into its env file at boot (so
no value is ever in these files), log in to ECR, start everything, and keep TLS renewed."""

from __future__ import annotations

import yaml

from stackwright.emit.terraform.context import Root
from stackwright.plan.resources import (
    Certificate,
    Container,
    ContainerRepository,
    Ec2Host,
    LogGroup,
    Secret,
)

APP_DIR = "/opt/app"
COMPOSE_VERSION = "v2.32.4"  # pinned so every host boots the same Compose


def _escape(text: str) -> str:
    """Keep templatefile() from reading `${` or `%{` in generated text."""
    return text.replace("${", "$${").replace("%{", "%%{")


def compose_file(root: Root, host: Ec2Host, connection_env: bool) -> str:
    """docker-compose.yml for the host; images from ECR are `${REGISTRY}/<repo>:${TAG}`, both
    read by Compose from the project's .env file."""
    repositories = {r.name: r.repository for r in root.plan.of_type(ContainerRepository)}
    group = next(g.group_name for g in root.plan.of_type(LogGroup))
    services: dict[str, object] = {}
    for container in host.containers:
        image = container.image
        if image in repositories:
            image = f"$${{REGISTRY}}/{repositories[image]}:$${{TAG}}"
        service: dict[str, object] = {"image": image, "restart": "always"}
        if container.command:
            service["command"] = _escape(container.command)
        env_files = ["stack.env"] if connection_env else []
        if container.secrets:
            env_files.append(f"{container.name}.env")
        if env_files and container.role == "service":
            service["env_file"] = env_files
        if container.role == "proxy":
            service["ports"] = ["80:80", "443:443"]
            service["volumes"] = [
                "./nginx.conf:/etc/nginx/nginx.conf:ro",
                "/etc/letsencrypt:/etc/letsencrypt:ro",
                "/etc/stackwright-tls:/etc/stackwright-tls:ro",
                "/var/www/certbot:/var/www/certbot:ro",
            ]
        if container.role == "cache":
            service["volumes"] = ["cache-data:/data"]
        service["deploy"] = {
            "replicas": container.replicas,
            "resources": {
                "limits": {"cpus": f"{container.cpus:g}", "memory": f"{container.memory_mb}M"}
            },
        }
        service["logging"] = {
            "driver": "awslogs",
            "options": {
                "awslogs-region": "${region}",
                "awslogs-group": group,
                "awslogs-stream-prefix": container.name,
            },
        }
        services[container.name] = service
    document: dict[str, object] = {"services": services}
    if any(c.role == "cache" for c in host.containers):
        document["volumes"] = {"cache-data": {}}
    return yaml.safe_dump(document, sort_keys=False, default_flow_style=False)


def _locations(web: list[Container]) -> list[str]:
    """nginx locations: each routed service at its path, the rest at /."""
    lines: list[str] = []
    routed = sorted((c for c in web if c.route), key=lambda c: -len(c.route or ""))
    default = next((c for c in web if not c.route), None)
    for container in [*routed, *([default] if default else [])]:
        prefix = (container.route or "/").rstrip("*") or "/"
        lines += [
            f"    location {prefix} {{",
            "      limit_req zone=general burst=20 nodelay;",
            f"      proxy_pass http://{container.name}:{container.ports[0]};",
            "      proxy_set_header Host $host;",
            "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
            "      proxy_set_header X-Forwarded-Proto $scheme;",
            "    }",
        ]
    return lines


def nginx_conf(host: Ec2Host, domain: str | None) -> str:
    web = [c for c in host.containers if c.web]
    names = f"{domain} www.{domain}" if domain else "_"
    lines = [
        "events { worker_connections 1024; }",
        "http {",
        "  limit_req_zone $binary_remote_addr zone=general:10m rate=30r/s;",
        "  server {",
        "    listen 80;",
        f"    server_name {names};",
        "    location /.well-known/acme-challenge/ { root /var/www/certbot; }",
    ]
    if domain:
        lines += [
            "    location / { return 301 https://$host$request_uri; }",
            "  }",
            "  server {",
            "    listen 443 ssl;",
            f"    server_name {names};",
            "    ssl_certificate /etc/stackwright-tls/fullchain.pem;",
            "    ssl_certificate_key /etc/stackwright-tls/privkey.pem;",
            "    ssl_protocols TLSv1.2 TLSv1.3;",
        ]
    lines += [*_locations(web), "  }", "}"]
    return "\n".join(lines) + "\n"


# Appends NAME="value" read from stdin, escaped the way Compose reads env files: JSON string
# escapes, and $$ for a literal dollar sign.
ENV_LINE = (
    r"""envline() { printf '%s=%s\n' "$1" """
    r""""$(jq -Rrs 'rtrimstr("\n") | @json' | sed 's/\$/$$/g')"; }"""
)


def _env_files(
    root: Root, host: Ec2Host, settings: dict[str, str], secret_arns: dict[str, str]
) -> str:
    """Shell that writes stack.env (where things are) and each service's secrets, fetched
    from Parameter Store / Secrets Manager at boot: no value is in these files."""
    secrets = {s.name: s for s in root.plan.of_type(Secret)}
    lines: list[str] = [ENV_LINE]
    if settings or secret_arns:
        lines.append(f"umask 077 && : > {APP_DIR}/stack.env")
        lines += [f"echo \"{k}='{v}'\" >> {APP_DIR}/stack.env" for k, v in settings.items()]
        for name, arn in secret_arns.items():
            fetch = (
                f"aws secretsmanager get-secret-value --region ${{region}} --secret-id "
                f"{arn} --query SecretString --output text | jq -r .password"
            )
            lines.append(f"echo \"{name}='$({fetch})'\" >> {APP_DIR}/stack.env")
    for container in host.containers:
        if not container.secrets:
            continue
        target = f"{APP_DIR}/{container.name}.env"
        lines.append(f"umask 077 && : > {target}")
        for name in container.secrets:
            secret = secrets[name]
            variable = name.upper().replace("-", "_")
            if secret.store == "parameter-store":
                fetch = (
                    f"aws ssm get-parameter --region ${{region}} --with-decryption "
                    f"--name {secret.path} --query Parameter.Value --output text"
                )
            else:
                fetch = (
                    f"aws secretsmanager get-secret-value --region ${{region}} "
                    f"--secret-id {secret.path} --query SecretString --output text"
                )
            lines.append(f"{fetch} | envline {variable} >> {target}")
    return "\n".join(lines) + "\n" if len(lines) > 1 else ""


AGENT_CONFIG = """{
  "agent": {"omit_hostname": true},
  "metrics": {
    "append_dimensions": {"InstanceId": "$${aws:InstanceId}"},
    "metrics_collected": {
      "mem": {"measurement": ["mem_used_percent"]},
      "disk": {"measurement": ["disk_used_percent"], "resources": ["/"], "drop_device": true}
    }
  }
}
"""


def _tls(domain: str) -> str:
    """A self-signed certificate until Let's Encrypt answers (the zone may not be delegated
    yet); a timer keeps trying, then renews, and each new certificate restarts nginx."""
    return f"""mkdir -p /etc/stackwright-tls /etc/letsencrypt/renewal-hooks/deploy
if [ ! -e /etc/stackwright-tls/fullchain.pem ]; then
  openssl req -x509 -nodes -newkey rsa:2048 -days 30 -subj "/CN={domain}" \\
    -keyout /etc/stackwright-tls/self.key -out /etc/stackwright-tls/self.crt
  ln -sf self.crt /etc/stackwright-tls/fullchain.pem
  ln -sf self.key /etc/stackwright-tls/privkey.pem
fi
cat > /etc/letsencrypt/renewal-hooks/deploy/stackwright.sh <<'HOOK'
#!/bin/bash
ln -sf /etc/letsencrypt/live/{domain}/fullchain.pem /etc/stackwright-tls/fullchain.pem
ln -sf /etc/letsencrypt/live/{domain}/privkey.pem /etc/stackwright-tls/privkey.pem
docker compose -f {APP_DIR}/docker-compose.yml restart nginx
HOOK
chmod +x /etc/letsencrypt/renewal-hooks/deploy/stackwright.sh
cat > /etc/systemd/system/stackwright-certificate.service <<'UNIT'
[Unit]
Description=Obtain or renew the TLS certificate
[Service]
Type=oneshot
ExecStart=/usr/bin/certbot certonly --webroot -w /var/www/certbot --non-interactive \\
  --agree-tos --register-unsafely-without-email --keep-until-expiring \\
  --cert-name {domain} -d {domain} -d www.{domain}
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
"""


def user_data(
    root: Root, host: Ec2Host, settings: dict[str, str], secret_arns: dict[str, str]
) -> str:
    """A templatefile() template: ${region}, ${registry} and ${tag} are filled by Terraform,
    along with the settings' own template variables."""
    cert = next(root.plan.of_type(Certificate), None)
    domain = cert.domain if cert is not None else None
    connection_env = bool(settings or secret_arns)
    return (
        "#!/bin/bash\n"
        "# Written by stackwright: installs Docker, starts the Compose project. Runs once, at\n"
        "# first boot; later deploys set TAG in /opt/app/.env and run `docker compose up -d`.\n"
        "set -euo pipefail\n"
        "dnf install -y docker amazon-cloudwatch-agent jq" + (" certbot" if domain else "") + "\n"
        "systemctl enable --now docker\n"
        f"mkdir -p /usr/local/lib/docker/cli-plugins /var/www/certbot {APP_DIR}\n"
        "curl -fsSL -o /usr/local/lib/docker/cli-plugins/docker-compose "
        f"https://github.com/docker/compose/releases/download/{COMPOSE_VERSION}/"
        "docker-compose-linux-x86_64\n"
        "chmod +x /usr/local/lib/docker/cli-plugins/docker-compose\n"
        "cat > /opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json <<'AGENT'\n"
        f"{AGENT_CONFIG}AGENT\n"
        "amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s "
        "-c file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json\n"
        f"printf 'REGISTRY=%s\\nTAG=%s\\n' '${{registry}}' '${{tag}}' > {APP_DIR}/.env\n"
        f"cat > {APP_DIR}/docker-compose.yml <<'COMPOSE'\n"
        f"{compose_file(root, host, connection_env)}COMPOSE\n"
        f"cat > {APP_DIR}/nginx.conf <<'NGINX'\n{_escape(nginx_conf(host, domain))}NGINX\n"
        + _env_files(root, host, settings, secret_arns)
        + (_tls(domain) if domain else "")
        + "aws ecr get-login-password --region ${region} | "
        "docker login --username AWS --password-stdin ${registry}\n"
        f"cd {APP_DIR} && docker compose up -d\n"
    )
