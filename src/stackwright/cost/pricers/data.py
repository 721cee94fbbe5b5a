"""Databases, caches, search domains, buckets, queues, secrets, cross-region backups."""

from __future__ import annotations

from stackwright.aws.instances import CACHE_NODES
from stackwright.cost.model import Component
from stackwright.cost.pricers.common import KEPT_FOREVER_DAYS, dec, fmt, hours, percent, plural
from stackwright.plan.model import Plan
from stackwright.plan.resources import (
    BackupReplication,
    Bucket,
    Cache,
    Database,
    Queue,
    SearchDomain,
    Secret,
)
from stackwright.stack.schedule import DAYS_PER_MONTH


def price_database(resource: Database, plan: Plan) -> list[Component]:
    az = "multi_az" if resource.multi_az else "single_az"
    label = "Multi-AZ" if resource.multi_az else "Single-AZ"
    components = [
        Component(
            f"{resource.instance} {label} (730 h)",
            f"rds.{resource.engine}.{az}.{resource.instance}",
            hours(),
            reserved_key=f"rds.{resource.engine}.ri_1yr_no_upfront.{az}.{resource.instance}",
        ),
        Component(
            f"gp3 storage {label} ({resource.storage_gb} GB)",
            f"rds.gp3.{az}.gb_month",
            dec(resource.storage_gb),
            assumption=None
            if resource.max_storage_gb is None
            else f"allocated size; storage autoscaling may grow it to {resource.max_storage_gb} GB",
        ),
        Component(
            f"backup storage ({plural(resource.backup_days, 'day')} kept)",
            "rds.backup.gb_month",
            dec(0),
            assumption=f"backups up to the allocated {resource.storage_gb} GB are free; "
            "assumes they stay within it",
        ),
    ]
    for _ in range(resource.read_replicas):
        components += [
            Component(
                f"read replica {resource.instance} (730 h)",
                f"rds.{resource.engine}.single_az.{resource.instance}",
                hours(),
                reserved_key=f"rds.{resource.engine}.ri_1yr_no_upfront.single_az."
                f"{resource.instance}",
            ),
            Component(
                f"read replica gp3 storage ({resource.storage_gb} GB)",
                "rds.gp3.single_az.gb_month",
                dec(resource.storage_gb),
            ),
        ]
    components.append(generated_secret("master password"))
    return components


def generated_secret(what: str) -> Component:
    """A secret the Terraform creates for a value AWS generates (the database's master password,
    the cache's auth token): billed as a Secrets Manager secret like any other."""
    return Component(f"{what} secret (Secrets Manager)", "secretsmanager.secret.month", dec(1))


def price_cache(resource: Cache, plan: Plan) -> list[Component]:
    components = [
        Component(
            f"{resource.node_type} × {resource.nodes} node"
            f"{'s' if resource.nodes > 1 else ''} (730 h)",
            f"elasticache.{resource.engine}.{resource.node_type}",
            hours(resource.nodes),
            reserved_key=f"elasticache.{resource.engine}.ri_1yr_no_upfront.{resource.node_type}",
        )
    ]
    if resource.snapshot_days:
        memory = CACHE_NODES[resource.node_type].memory_gib
        kept = (resource.snapshot_days - 1) * memory
        components.append(
            Component(
                f"snapshot storage ({plural(resource.snapshot_days, 'day')})",
                "elasticache.snapshot.gb_month",
                dec(round(kept, 2)),
                assumption=f"one day is free; each further day's snapshot is the node's "
                f"{fmt(memory)} GB of memory",
            )
        )
    if resource.encryption:
        components.append(generated_secret("auth token"))
    return components


def price_search_domain(resource: SearchDomain, plan: Plan) -> list[Component]:
    return [
        Component(
            f"{resource.instance} × {resource.nodes} (730 h)",
            f"opensearch.instance.{resource.instance}",
            hours(resource.nodes),
            reserved_key=f"opensearch.ri_1yr_no_upfront.{resource.instance}",
        ),
        Component(
            f"gp3 storage ({resource.nodes} × {resource.storage_gb} GB)",
            "opensearch.gp3.gb_month",
            dec(resource.nodes * resource.storage_gb),
        ),
    ]


def price_bucket(resource: Bucket, plan: Plan) -> list[Component]:
    name = f"buckets.{resource.name}"
    kept = resource.expire_days or KEPT_FOREVER_DAYS
    moved = resource.infrequent_access_days
    ia_share = (kept - moved) / kept if moved and kept > moved else 0.0
    ages = (
        f"objects written evenly, each kept {plural(kept, 'day')}"
        + ("" if resource.expire_days else " (no expiry: priced as a year's worth)")
        + (f", in Standard-IA after {moved} days" if ia_share else "")
    )
    standard_gb = round(resource.expected_gb * (1 - ia_share), 4)
    gets = resource.get_requests
    components = [
        Component(
            f"standard storage ({fmt(standard_gb)} GB)",
            "s3.standard.gb_month",
            dec(standard_gb),
            assumption=f"{name}.expected_gb = {fmt(resource.expected_gb)}"
            + (f"; {ages}" if ia_share else ""),
        ),
        Component(
            f"PUT/LIST requests ({fmt(resource.put_requests)})",
            "s3.requests.put_1k",
            dec(resource.put_requests) / 1000,
            assumption=f"{name}.put_requests_per_month = {fmt(resource.put_requests)}",
        ),
        Component(
            f"GET requests ({fmt(round(gets * (1 - ia_share)))})",
            "s3.requests.get_1k",
            dec(round(gets * (1 - ia_share))) / 1000,
            assumption=f"{name}.get_requests_per_month = {fmt(gets)}"
            + (", spread over objects of every age" if ia_share else ""),
        ),
    ]
    if ia_share:
        components += _infrequent_access(resource, ia_share, kept, ages)
    if resource.versioning:
        components.append(_noncurrent_versions(resource))
    return components


def _infrequent_access(resource: Bucket, share: float, kept: int, ages: str) -> list[Component]:
    ia_gb = round(resource.expected_gb * share, 4)
    ia_gets = round(resource.get_requests * share)
    objects = resource.put_requests * kept / DAYS_PER_MONTH  # stored at any time
    retrieved = round(ia_gets * resource.expected_gb / objects, 4) if objects else 0.0
    return [
        Component(
            f"Standard-IA storage ({fmt(ia_gb)} GB)",
            "s3.standard_ia.gb_month",
            dec(ia_gb),
            assumption=f"{percent(share)} of buckets.{resource.name}.expected_gb: {ages}",
        ),
        Component(
            f"lifecycle transitions to Standard-IA ({fmt(resource.put_requests)})",
            "s3.transition.standard_ia_1k",
            dec(resource.put_requests) / 1000,
            assumption="one object written per PUT request, each moved once; objects under "
            "128 KB are not moved and would cost less",
        ),
        Component(
            f"GET requests on Standard-IA objects ({fmt(ia_gets)})",
            "s3.requests.standard_ia_get_1k",
            dec(ia_gets) / 1000,
            assumption=f"{percent(share)} of the GET requests, as of the bytes",
        ),
        Component(
            f"Standard-IA retrieval ({fmt(retrieved)} GB)",
            "s3.retrieval.standard_ia_gb",
            dec(retrieved),
            assumption="each GET reads one whole object of the average size "
            "(expected_gb over the objects stored)",
        ),
    ]


def _noncurrent_versions(resource: Bucket) -> Component:
    days = resource.noncurrent_expire_days
    months = days / DAYS_PER_MONTH if days else KEPT_FOREVER_DAYS / DAYS_PER_MONTH
    kept = f"{plural(days, 'day')}" if days else "for ever (priced as a year's worth)"
    gb = round(resource.overwritten_gb * months, 4)
    return Component(
        f"noncurrent versions ({fmt(gb)} GB kept {kept})",
        "s3.standard.gb_month",
        dec(gb),
        assumption=f"versioning keeps what is overwritten or deleted: "
        f"{fmt(resource.overwritten_gb)} GB a month (buckets.{resource.name}."
        "overwritten_gb_per_month)",
    )


def price_queue(resource: Queue, plan: Plan) -> list[Component]:
    kind = "fifo" if resource.fifo else "standard"
    return [
        Component(
            f"{kind} requests ({fmt(resource.requests_per_month)})",
            f"sqs.{kind}.million",
            dec(resource.requests_per_month) / 1_000_000,
            assumption=f"queues.{resource.name}.requests_per_month; the account-wide "
            "1M free requests not deducted",
        )
    ]


def price_secret(resource: Secret, plan: Plan) -> list[Component]:
    if resource.store == "parameter-store":
        return [
            Component("standard SecureString parameter", "ssm.standard.parameter_month", dec(1))
        ]
    managed = sum(1 for s in plan.of_type(Secret) if s.store == "secrets-manager")
    calls = plan.usage.secret_api_calls / managed
    return [
        Component("secret", "secretsmanager.secret.month", dec(1)),
        Component(
            f"API calls ({fmt(round(calls))})",
            "secretsmanager.api.10k",
            dec(round(calls)) / 10_000,
            assumption=f"usage.secret_api_calls = {fmt(plan.usage.secret_api_calls)} "
            f"shared by {managed} secret{'s' if managed > 1 else ''}",
        ),
    ]


def price_backup_replication(resource: BackupReplication, plan: Plan) -> list[Component]:
    return [
        Component(
            f"backup copies in {resource.destination_region} ({resource.gb} GB)",
            "rds.backup.gb_month",
            dec(resource.gb),
            region=resource.destination_region,
            assumption="the copied backups total about the allocated storage",
        ),
        Component(
            f"cross-region transfer ({resource.gb} GB)",
            "transfer.inter_region.gb",
            dec(resource.gb),
            assumption="about the allocated storage copied across each month",
        ),
    ]
