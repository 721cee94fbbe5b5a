"""compose.yaml for the phase-1 host.

Compose substitutes `${VAR}` and `$VAR` anywhere in the file, so every text taken from the
stack passes through `literal`, which doubles each `$`. The only substitutions are the ones
written here on purpose: REGISTRY, TAG and AWS_REGION, from the project's .env file.
"""

from __future__ import annotations

import re

import yaml

from stackwright.plan.model import Plan
from stackwright.plan.resources import Container, ContainerRepository, Ec2Host, LogGroup

# Compose reads YAML 1.2, where 1e3, 0o17 and .5 are numbers (PyYAML writes YAML 1.1, and would
# leave some of them bare): every string that YAML 1.2 would read as anything else is quoted.
_NOT_A_STRING_IN_YAML_1_2 = re.compile(
    r"~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
    r"|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|"
)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml's writer when available, quoting what YAML 1.2 would not read as a string."""


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if _NOT_A_STRING_IN_YAML_1_2.fullmatch(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _string)


def literal(text: str) -> str:
    """`text` as Compose will pass it on, with nothing substituted into it."""
    return text.replace("$", "$$")


def _service(container: Container, image: str, group: str) -> dict[str, object]:
    service: dict[str, object] = {"image": image}
    if container.role == "job":  # run to its end by a systemd timer, never by `up`
        service.update(profiles=["jobs"], restart="no")
    else:
        service["restart"] = "always"
    if container.command:
        if container.role in ("service", "job"):  # as on ECS: the command runs in a shell
            service["command"] = ["sh", "-c", literal(container.command)]
        else:
            service["command"] = literal(container.command)
    if container.role in ("service", "job"):
        service["env_file"] = [
            "stack.env",
            *([f"{container.name}.env"] if container.secrets or container.uses_database else []),
        ]
        if container.environment:
            service["environment"] = {k: literal(v) for k, v in container.environment}
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
        **({"replicas": container.replicas} if container.role != "job" else {}),
        "resources": {
            "limits": {"cpus": f"{container.cpus:g}", "memory": f"{container.memory_mb}M"}
        },
    }
    service["logging"] = {
        "driver": "awslogs",
        "options": {
            "awslogs-region": "${AWS_REGION}",
            "awslogs-group": literal(group),
            "awslogs-stream-prefix": container.name,
        },
    }
    return service


def compose_file(plan: Plan, host: Ec2Host) -> str:
    repositories = {r.name: r.repository for r in plan.of_type(ContainerRepository)}
    group = next(g.group_name for g in plan.of_type(LogGroup) if g.written_by == "app")
    services: dict[str, object] = {}
    for container in host.containers:
        if container.image in repositories:
            image = f"${{REGISTRY}}/{literal(repositories[container.image])}:${{TAG}}"
        else:
            image = literal(container.image)
        services[container.name] = _service(container, image, group)
    document: dict[str, object] = {"services": services}
    if any(c.role == "cache" for c in host.containers):
        document["volumes"] = {"cache-data": {}}
    return yaml.dump(
        document, Dumper=_Dumper, sort_keys=False, default_flow_style=False, width=1000
    )
