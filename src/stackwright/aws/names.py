"""How long an AWS name may be, and names fitted within that.

Names are built from the stack's own (`shop-prod-api-execution`), and stack, environment and
service names may each be 40 characters, which is more than several AWS names allow. `fit`
keeps a name that is too long readable and unique: it keeps the start and ends it with a short
hash of the whole name, so two environments or two services never share a shortened name.

Limits are from each API's reference (the `Name` or identifier constraint), 2026-11.
"""

from __future__ import annotations

import hashlib

NAME_LIMITS: dict[str, int] = {
    "aws_lb": 32,
    "aws_opensearch_domain": 28,
    "aws_xray_sampling_rule": 32,
    "aws_elasticache_replication_group": 40,
    "aws_db_instance": 63,
    "aws_s3_bucket": 63,
    "aws_iam_role": 64,
    "aws_scheduler_schedule": 64,
    "aws_sqs_queue": 80,
    "aws_budgets_budget": 100,
    "aws_security_group": 100,  # a name prefix: Terraform adds 26 characters
    "aws_db_parameter_group": 100,  # a name prefix, likewise
    "aws_iam_instance_profile": 128,
    "aws_wafv2_web_acl": 128,
    "aws_ecs_task_definition": 255,
    "aws_cloudwatch_metric_alarm": 255,
    "aws_cloudwatch_dashboard": 255,
    "aws_db_subnet_group": 255,
    "aws_elasticache_subnet_group": 255,
    "aws_elasticache_parameter_group": 255,
    "aws_sns_topic": 256,
    "tag": 256,
}
DEFAULT_LIMIT = 255
HASH_LENGTH = 6


def limit_of(kind: str) -> int:
    return NAME_LIMITS.get(kind, DEFAULT_LIMIT)


def fit(name: str, limit: int) -> str:
    """`name` if it fits in `limit` characters; else its start, '-' and a hash of all of it."""
    if len(name) <= limit:
        return name
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:HASH_LENGTH]
    head = name[: limit - HASH_LENGTH - 1].rstrip("-")
    return f"{head}-{digest}"


def aws_name(kind: str, *parts: str) -> str:
    """The AWS name of a resource of `kind` (a Terraform type), from its parts joined by '-'."""
    return fit("-".join(parts), limit_of(kind))
