"""The phase-1 host's user data: install Docker and the Compose plugin, write the Compose
project and nginx's configuration, log in to ECR, start everything, and renew TLS."""

from __future__ import annotations

import yaml

from stackwright.emit.terraform.context import Root
from stackwright.plan.resources import Certificate, ContainerRepository, Ec2Host, LogGroup

APP_DIR = "/opt/app"


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
            service["command"] = container.command.replace("${", "$${").replace("%{", "%%{")
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


def nginx_conf(host: Ec2Host, domain: str | None) -> str:
    web = [c for c in host.containers if c.role == "service" and c.ports]
    upstream = web[0] if web else None
    target = f"http://{upstream.name}:{upstream.ports[0]}" if upstream else "http://127.0.0.1:1"
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
    lines += [
        "    location / {",
        "      limit_req zone=general burst=20 nodelay;",
        f"      proxy_pass {target};",
        "      proxy_set_header Host $host;",
        "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
        "      proxy_set_header X-Forwarded-Proto $scheme;",
        "    }",
        "  }",
        "}",
    ]
    return "\n".join(lines) + "\n"


def user_data(root: Root, host: Ec2Host) -> str:
    """A templatefile() template: ${region}, ${registry} and ${tag} are filled by Terraform;
    every other dollar sign is escaped as $${...} or written without braces."""
    cert = next(root.plan.of_type(Certificate), None)
    domain = cert.domain if cert is not None else None
    compose = compose_file(root, host)
    nginx = nginx_conf(host, domain).replace("${", "$${")
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
    crons = "".join(f"# {job.name}: {job.schedule}\n" for job in host.jobs)
    return (
        "#!/bin/bash\n"
        "# Written by stackwright: installs Docker, starts the Compose project.\n"
        "set -euo pipefail\n"
        "dnf install -y docker amazon-cloudwatch-agent\n"
        "systemctl enable --now docker\n"
        "mkdir -p /usr/local/lib/docker/cli-plugins /var/www/certbot " + APP_DIR + "\n"
        "curl -fsSL -o /usr/local/lib/docker/cli-plugins/docker-compose "
        "https://github.com/docker/compose/releases/latest/download/docker-compose-linux-x86_64\n"
        "chmod +x /usr/local/lib/docker/cli-plugins/docker-compose\n"
        f"cat > {APP_DIR}/docker-compose.yml <<'COMPOSE'\n{compose}COMPOSE\n"
        f"cat > {APP_DIR}/nginx.conf <<'NGINX'\n{nginx}NGINX\n"
        + certbot
        + "aws ecr get-login-password --region ${region} | "
        "docker login --username AWS --password-stdin ${registry}\n"
        f"cd {APP_DIR} && docker compose up -d\n"
        + (f"# Scheduled jobs run from the services' own schedulers:\n{crons}" if crons else "")
    )
