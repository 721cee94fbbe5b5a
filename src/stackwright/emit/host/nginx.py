"""nginx.conf for the phase-1 host: HTTP to HTTPS, TLS 1.2+, a rate limit, and each web
service at its route.

The stack's domain and routes are checked when it loads; here each value is checked again
against what nginx can take and written as a quoted string, so no stack text can open a
block, end a directive or name a variable.
"""

from __future__ import annotations

import re

from stackwright.plan.resources import Container, Ec2Host

_SAFE = re.compile(r"[A-Za-z0-9._~/:*-]+")
_VARIABLE = re.compile(r"\$[a-z][a-z0-9_]*")


def quoted(value: str) -> str:
    if not _SAFE.fullmatch(value):
        raise ValueError(f"{value!r} cannot be written into nginx.conf")
    return f'"{value}"'


def _location(container: Container) -> str:
    """A route ending in `*` is a prefix; any other route is matched exactly, as the ALB does."""
    route = container.route or "/*"
    if route.endswith("*"):
        return quoted(route.rstrip("*") or "/")
    return f"= {quoted(route)}"


def _locations(web: list[Container]) -> list[str]:
    lines: list[str] = []
    routed = sorted((c for c in web if c.route), key=lambda c: -len(c.route or ""))
    default = next((c for c in web if not c.route and not c.host), None)
    for container in [*routed, *([default] if default else [])]:
        upstream = quoted(f"http://{container.name}:{container.ports[0]}")
        variable = f"$upstream_{container.name.replace('-', '_')}"
        if not _VARIABLE.fullmatch(variable):
            raise ValueError(f"{container.name!r} cannot name an nginx variable")
        lines += [
            f"    location {_location(container)} {{",
            "      limit_req zone=general burst=20 nodelay;",
            # Through a variable, so the name is resolved per request: nginx starts (and
            # certbot's challenge is answered) before the app's containers exist.
            f"      set {variable} {upstream};",
            f"      proxy_pass {variable};",
            "      proxy_set_header Host $host;",
            "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
            "      proxy_set_header X-Forwarded-Proto $scheme;",
            "    }",
        ]
    return lines


def nginx_conf(host: Ec2Host, domain: str | None) -> str:
    web = [c for c in host.containers if c.web]
    names = f"{quoted(domain)} {quoted('www.' + domain)}" if domain else "_"
    lines = [
        "events { worker_connections 1024; }",
        "http {",
        "  limit_req_zone $binary_remote_addr zone=general:10m rate=30r/s;",
        "  resolver 127.0.0.11 valid=10s ipv6=off;  # Docker's DNS: the Compose services",
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
