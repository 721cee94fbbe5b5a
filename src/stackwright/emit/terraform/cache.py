"""cache.tf: ElastiCache (Redis or Valkey) with encryption, an auth token kept in Secrets
Manager, snapshots and the eviction policy."""

from __future__ import annotations

from stackwright.emit.terraform.context import Root
from stackwright.emit.terraform.hcl import Raw
from stackwright.emit.terraform.phase_choice import why_off
from stackwright.emit.terraform.secrets import generated
from stackwright.plan.resources import Cache

FILE = "cache.tf"
# Its label holds `__`, which no secret name of the stack can give, so the two never meet.
CACHE_TOKEN = "cache--auth-token"
# ElastiCache takes <major>.<minor>; a stack may name the major only.
LATEST_MINOR = {
    ("redis", "6"): "6.2",
    ("redis", "7"): "7.1",
    ("valkey", "7"): "7.2",
    ("valkey", "8"): "8.0",
}


def engine_version(engine: str, version: str) -> str:
    return LATEST_MINOR.get((engine, version), version)


def emit(root: Root) -> None:
    cache = next(root.plan.of_type(Cache), None)
    if cache is None:
        return
    root.resource(FILE, "aws_elasticache_subnet_group", "main").attrs(
        name=root.named("aws_elasticache_subnet_group", "cache"),
        subnet_ids=root.subnet_ids(cache.subnet_tier),
    )
    major = cache.version.split(".")[0]
    family = f"{cache.engine}{major}" if cache.engine == "valkey" else f"redis{major}"
    params = root.resource(FILE, "aws_elasticache_parameter_group", "main")
    params.attrs(name=root.named("aws_elasticache_parameter_group", "cache"), family=family)
    params.block("parameter").attrs(name="maxmemory-policy", value=cache.maxmemory_policy)
    token = (
        generated(
            root,
            FILE,
            CACHE_TOKEN,
            f"{root.prefix}/cache-auth-token",
            "rotating the token needs the cache and its clients rotated together",
        )
        if cache.encryption
        else None
    )
    block = root.resource(FILE, "aws_elasticache_replication_group", "main")
    block.comment(
        "checkov:skip=CKV_AWS_191:encrypted at rest with the AWS-managed key; "
        "a customer-managed key is billed per key each month, and the plan has none"
    )
    if cache.nodes < 2:
        block.comment(
            "checkov:skip=CKV2_AWS_50:"
            + why_off(root.plan, "multi_az_data", "a second cache node", "redis.nodes")
        )
    if not cache.encryption:
        block.comment("checkov:skip=CKV_AWS_29:the stack turns cache encryption off")
        block.comment("checkov:skip=CKV_AWS_30:the stack turns cache encryption off")
        block.comment("checkov:skip=CKV_AWS_31:the stack turns cache encryption off")
    block.attrs(
        replication_group_id=root.named("aws_elasticache_replication_group", "cache"),
        description=f"{root.prefix} cache",
        engine=cache.engine,
        engine_version=engine_version(cache.engine, cache.version),
        node_type=cache.node_type,
        num_cache_clusters=cache.nodes,
        automatic_failover_enabled=cache.nodes > 1,
        multi_az_enabled=cache.multi_az,
        port=cache.port,
        subnet_group_name=Raw("aws_elasticache_subnet_group.main.name"),
        parameter_group_name=Raw("aws_elasticache_parameter_group.main.name"),
        security_group_ids=[Raw(root.group_of(cache))],
        at_rest_encryption_enabled=cache.encryption,
        transit_encryption_enabled=cache.encryption,
        auth_token=token,
        snapshot_retention_limit=cache.snapshot_days,
        auto_minor_version_upgrade=True,
        apply_immediately=not root.prod,
    )
    root.output(
        "cache_endpoint",
        Raw("aws_elasticache_replication_group.main.primary_endpoint_address"),
        "the cache's primary endpoint",
    )
    if cache.encryption:
        root.output(
            "cache_auth_secret",
            Raw("aws_secretsmanager_secret.cache__auth_token.arn"),
            "the Secrets Manager secret holding the cache auth token",
        )
