"""Data stores: PostgreSQL, Redis, OpenSearch, buckets, queues, secrets, cross-region backups."""

from __future__ import annotations

from stackwright.aws.names import aws_name, fit, limit_of
from stackwright.plan.build.context import Context
from stackwright.plan.model import PRODUCTION_NAMES
from stackwright.plan.resources import (
    BackupReplication,
    Bucket,
    Cache,
    Database,
    LogGroup,
    Queue,
    SearchDomain,
    Secret,
)
from stackwright.plan.state import bucket_name


def add_data(ctx: Context) -> None:
    stack, profile = ctx.stack, ctx.profile
    tier = ctx.data_tier
    if stack.postgres is not None:
        pg = stack.postgres
        multi_az = pg.multi_az if pg.multi_az is not None else profile.multi_az_data
        db = ctx.add(
            Database(
                name="postgres",
                engine="postgres",
                version=pg.version,
                instance=pg.instance,
                storage_gb=pg.storage_gb,
                max_storage_gb=pg.max_storage_gb,
                multi_az=multi_az,
                backup_days=pg.backup_days,
                read_replicas=pg.read_replicas,
                extensions=tuple(pg.extensions),
                performance_insights=pg.performance_insights,
                deletion_protection=pg.deletion_protection
                if pg.deletion_protection is not None
                else ctx.environment in PRODUCTION_NAMES,
                subnet_tier=tier,
                identifiers=tuple(
                    aws_name("aws_db_instance", ctx.prefix, instance)
                    for instance in Database.instance_names("postgres", pg.read_replicas)
                ),
                origin=("postgres",),
            )
        )
        ctx.endpoints["postgres"] = db.id
        _database_log_groups(ctx, db)
        dr_region = stack.dr.region or BACKUP_PARTNER_REGIONS.get(ctx.region)
        if profile.cross_region_backups and dr_region is None:
            ctx.notes.append(
                f"backups are not copied to another region: no other region in "
                f"{ctx.region}'s geography is priced yet, and data does not leave it unasked; "
                "set dr.region to choose one"
            )
        elif profile.cross_region_backups and dr_region is not None:
            ctx.add(
                BackupReplication(
                    name="postgres",
                    source=db.id,
                    destination_region=dr_region,
                    gb=pg.storage_gb,
                    retention_days=max(pg.backup_days, 1),
                    origin=("dr", "region")
                    if stack.dr.region
                    else ("topology", "cross_region_backups"),
                )
            )
    if stack.redis is not None and profile.managed_cache:
        redis = stack.redis
        nodes = redis.nodes if redis.nodes is not None else (2 if profile.multi_az_data else 1)
        cache = ctx.add(
            Cache(
                name="redis",
                engine=redis.engine,
                version=redis.version,
                node_type=redis.node_type,
                nodes=nodes,
                multi_az=nodes > 1,
                encryption=redis.encryption,
                snapshot_days=redis.snapshot_days,
                maxmemory_policy=redis.maxmemory_policy,
                subnet_tier=tier,
                origin=("redis",),
            )
        )
        ctx.endpoints["redis"] = cache.id
    if stack.search is not None:
        search = stack.search
        if ctx.phase >= search.from_phase:
            domain = ctx.add(
                SearchDomain(
                    name="search",
                    engine_version=search.engine_version,
                    instance=search.instance,
                    nodes=search.nodes,
                    storage_gb=search.storage_gb,
                    subnet_tier=tier,
                    origin=("search",),
                )
            )
            ctx.endpoints["search"] = domain.id
            if search.nodes > 1 and search.nodes % ctx.profile.azs:
                ctx.notes.append(
                    f"{search.nodes} search nodes cannot spread evenly over {ctx.profile.azs} "
                    "AZs, so the domain stays in one AZ; use an even number for zone awareness"
                )
        else:
            ctx.notes.append(
                f"search starts in phase {search.from_phase}; until then the "
                "services that use it fall back on their database"
            )
    for name, bucket in stack.buckets.items():
        lifecycle = bucket.lifecycle
        bucket_resource = ctx.add(
            Bucket(
                name=name,
                bucket_name=bucket_name(ctx.stack, ctx.prefix, name),
                versioning=bucket.versioning,
                derived=bucket.derived,
                noncurrent_expire_days=lifecycle.noncurrent_expire_days if lifecycle else None,
                expire_days=lifecycle.expire_days if lifecycle else None,
                infrequent_access_days=lifecycle.infrequent_access_days if lifecycle else None,
                cors_origins=tuple(bucket.cors.origins) if bucket.cors else (),
                cors_methods=tuple(bucket.cors.methods) if bucket.cors else (),
                expected_gb=bucket.expected_gb,
                overwritten_gb=bucket.overwritten_gb_per_month
                if bucket.overwritten_gb_per_month is not None
                else bucket.expected_gb / 10,
                put_requests=bucket.put_requests_per_month,
                get_requests=bucket.get_requests_per_month,
                origin=("buckets", name),
            )
        )
        ctx.endpoints[name] = bucket_resource.id
    for name, queue in stack.queues.items():
        suffix = ".fifo" if queue.fifo else ""
        within = limit_of("aws_sqs_queue") - len(suffix)
        queue_resource = ctx.add(
            Queue(
                name=name,
                queue_name=fit(f"{ctx.prefix}-{name}", within) + suffix,
                dead_letter_name=(
                    fit(f"{ctx.prefix}-{name}-dead-letter", within) + suffix
                    if queue.dead_letter
                    else None
                ),
                fifo=queue.fifo,
                dead_letter=queue.dead_letter,
                max_receives=queue.max_receives,
                visibility_timeout_seconds=queue.visibility_timeout_seconds,
                retention_days=queue.retention_days,
                requests_per_month=queue.requests_per_month,
                origin=("queues", name),
            )
        )
        ctx.endpoints[name] = queue_resource.id
    for name in stack.secrets:
        store = stack.secret_store_of(name)
        path = (
            f"/{ctx.environment}/{stack.name}/{name}"
            if store == "parameter-store"
            else f"{ctx.prefix}/{name}"
        )
        secret = ctx.add(
            Secret(name=name, path=path, store=store, origin=("secrets", name))  # type: ignore[arg-type]
        )
        ctx.endpoints[name] = secret.id


def _database_log_groups(ctx: Context, db: Database) -> None:
    names = Database.instance_names(db.name, db.read_replicas)
    for instance, identifier in zip(names, db.identifiers, strict=True):
        for export in db.log_exports:
            ctx.add(
                LogGroup(
                    name=Database.log_group_name(instance, export),
                    group_name=Database.log_group_path(identifier, export),
                    retention_days=ctx.stack.logs.retention_days,
                    written_by="database",
                    share_of_logs=1.0 if export == "postgresql" else 0.0,  # upgrades only
                    origin=db.origin,
                )
            )


# The default DR region: another region in the same geography (data stays where it is).
# Where backups are copied when the stack names no dr.region: the other US region the
# catalog prices, never a region in another geography unasked.
BACKUP_PARTNER_REGIONS = {"us-east-1": "us-west-2", "us-west-2": "us-east-1"}
