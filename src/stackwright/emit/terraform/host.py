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


def compose_file(root: Root, host: Ec2Host) -> str:
    """docker-compose.yml for the host; images from ECR are `${registry}/<repo>:${tag}`."""
    repositories = {r.name: r.repository for r in root.plan.of_type(ContainerRepository)}
    group = next(g.group_name for g in root.plan.of_type(LogGroup))
    services: dict[str, object] = {}
    for container in host.containers:
        image = container.image
        if image in repositories:
            image = f"${{registry}}/{repositories[image]}:${{tag}}"
        service: dict[str, object] = {"image": image, "restart": "always"}
        if container.command:
            service["command"] = _escape(container.command)
        if container.secrets:
            service["env_file"] = [f"{container.name}.env"]
        if container.role == "proxy":
            service["ports"] = ["80:80", "443:443"]
            service["volumes"] = [
                "./nginx.conf:/etc/nginx/nginx.conf:ro",
                "/etc/letsencrypt:/etc/letsencrypt:ro",
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
            f"    ssl_certificate /etc/letsencrypt/live/{domain}/fullchain.pem;",
            f"    ssl_certificate_key /etc/letsencrypt/live/{domain}/privkey.pem;",
            "    ssl_protocols TLSv1.2 TLSv1.3;",
        ]
    lines += [*_locations(web), "  }", "}"]
    return "\n".join(lines) + "\n"


def _env_files(root: Root, host: Ec2Host) -> str:
    """Shell that writes each service's env file from Parameter Store / Secrets Manager."""
    secrets = {s.name: s for s in root.plan.of_type(Secret)}
    lines: list[str] = []
    for container in host.containers:
        if not container.secrets:
            continue
        target = f"{APP_DIR}/{container.name}.env"
        lines.append(f": > {target} && chmod 600 {target}")
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
            lines.append(f'echo "{variable}=$({fetch})" >> {target}')
    return "\n".join(lines) + ("\n" if lines else "")


def user_data(root: Root, host: Ec2Host) -> str:
    """A templatefile() template: ${region}, ${registry} and ${tag} are filled by Terraform."""
    cert = next(root.plan.of_type(Certificate), None)
    domain = cert.domain if cert is not None else None
    certbot = ""
    if domain:
        certbot = (
            "dnf install -y certbot\n"
            f"certbot certonly --standalone --non-interactive --agree-tos "
            f"--register-unsafely-without-email -d {domain} -d www.{domain} || true\n"
            "echo '0 3 * * * root certbot renew --quiet --webroot -w /var/www/certbot "
            f'--deploy-hook "docker compose -f {APP_DIR}/docker-compose.yml restart nginx"\' '
            "> /etc/cron.d/certbot-renew\n"
        )
    return (
        "#!/bin/bash\n"
        "# Written by stackwright: installs Docker, starts the Compose project.\n"
        "set -euo pipefail\n"
        "dnf install -y docker amazon-cloudwatch-agent\n"
        "systemctl enable --now docker\n"
        f"mkdir -p /usr/local/lib/docker/cli-plugins /var/www/certbot {APP_DIR}\n"
        "curl -fsSL -o /usr/local/lib/docker/cli-plugins/docker-compose "
        f"https://github.com/docker/compose/releases/download/{COMPOSE_VERSION}/"
        "docker-compose-linux-x86_64\n"
        "chmod +x /usr/local/lib/docker/cli-plugins/docker-compose\n"
        f"cat > {APP_DIR}/docker-compose.yml <<'COMPOSE'\n{compose_file(root, host)}COMPOSE\n"
        f"cat > {APP_DIR}/nginx.conf <<'NGINX'\n{_escape(nginx_conf(host, domain))}NGINX\n"
        + _env_files(root, host)
        + certbot
        + "aws ecr get-login-password --region ${region} | "
        "docker login --username AWS --password-stdin ${registry}\n"
        f"cd {APP_DIR} && docker compose up -d\n"
    )
