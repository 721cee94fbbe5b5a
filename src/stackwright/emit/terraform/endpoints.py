"""How a service finds what it uses: settings (hosts, URLs, names) and secrets (by ARN), from
the plan's flows. The same names on Fargate and on the phase-1 host."""

from __future__ import annotations

from dataclasses import dataclass

from stackwright.emit.terraform.context import Root, label
from stackwright.emit.terraform.hcl import Raw
from stackwright.plan.resources import (
    Bucket,
    Cache,
    Database,
    EcsService,
    Queue,
    Resource,
    SearchDomain,
)
from stackwright.stack.wiring import bucket_variable, queue_variable, service_variable

DATABASE_SECRET = Raw("aws_secretsmanager_secret.database__password.arn")
CACHE_SECRET = Raw("aws_secretsmanager_secret.cache__auth_token.arn")


@dataclass(frozen=True, slots=True)
class Connection:
    settings: dict[str, Raw | str]
    secrets: dict[str, Raw]  # variable name → the ARN of the secret holding its value


def connection(root: Root, used: list[Resource]) -> Connection:
    settings: dict[str, Raw | str] = {}
    secrets: dict[str, Raw] = {}
    for target in used:
        tf = label(target.name)
        if isinstance(target, Database):
            settings.update(
                DATABASE_HOST=Raw("aws_db_instance.main.address"),
                DATABASE_PORT=str(target.port),
                DATABASE_NAME="app",
                DATABASE_USER="app",
            )
            secrets["DATABASE_PASSWORD"] = DATABASE_SECRET
        elif isinstance(target, Cache):
            settings.update(
                REDIS_HOST=Raw("aws_elasticache_replication_group.main.primary_endpoint_address"),
                REDIS_PORT=str(target.port),
                REDIS_TLS="true" if target.encryption else "false",
            )
            if target.encryption:
                secrets["REDIS_AUTH_TOKEN"] = CACHE_SECRET
        elif isinstance(target, SearchDomain):
            settings["SEARCH_URL"] = Raw('"https://${aws_opensearch_domain.main.endpoint}"')
        elif isinstance(target, Bucket):
            settings[bucket_variable(target.name)] = Raw(f"aws_s3_bucket.{tf}.id")
        elif isinstance(target, EcsService):
            settings[service_variable(target.name)] = f"http://{target.name}:{target.port}"
        elif isinstance(target, Queue):
            settings[queue_variable(target.name)] = Raw(f"aws_sqs_queue.{tf}.url")
    return Connection(settings, secrets)
