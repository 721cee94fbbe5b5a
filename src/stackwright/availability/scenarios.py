"""Each failure scenario: what every affected resource needs to serve again (RTO) and the data
it loses (RPO), from the plan's settings and the assumptions in data/recovery.yaml."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import replace

from stackwright.availability import remedies
from stackwright.availability.data import minutes
from stackwright.availability.model import Fix, Recovery, Scenario
from stackwright.plan.model import Plan
from stackwright.plan.resources import (
    BackupReplication,
    Bucket,
    Cache,
    Database,
    Ec2Host,
    EcsService,
    NatGateway,
    SearchDomain,
    Vpc,
)

EVERYTHING = math.inf  # the data since the resource was created: nothing to restore from
FULL_PRODUCTION = 4  # the phase from which a region's loss is planned for


def scenarios(plan: Plan) -> tuple[Scenario, ...]:
    built = [
        Scenario("task", "a task or container stops", tuple(_task(plan))),
        Scenario("zone", "an Availability Zone fails", tuple(_zone(plan))),
        Scenario("database", "the database instance fails", tuple(_database(plan))),
        Scenario("cache", "a cache node fails", tuple(_cache_node(plan))),
        Scenario("search", "a search node fails", tuple(_search_node(plan))),
        Scenario("host", "the host instance fails", tuple(_host(plan))),
        _region(plan),
        Scenario("corruption", "data is corrupted or deleted by mistake", tuple(_mistake(plan))),
    ]
    return tuple(s for s in built if s.recoveries)


# --- the parts ----------------------------------------------------------------------------


def _zones(plan: Plan) -> int:
    vpc = next(plan.of_type(Vpc), None)
    return vpc.azs if vpc else 1


def _spread(service: EcsService, plan: Plan) -> bool:
    return service.min_tasks >= 2 and _zones(plan) >= 2 and not service.singleton


def _served_again(service: EcsService) -> float:
    """A web service's users notice a dead task until the load balancer takes it out."""
    return minutes("detect_failed_target") if service.port is not None else 0.0


def _more_tasks(service: EcsService) -> tuple[Fix, ...]:
    if service.singleton:
        return ()
    return (
        Fix(
            f"run two tasks or more (services.{service.name}.count: 2)",
            service,
            (*service.origin, "count"),
            (remedies.two_tasks(service),),
        ),
    )


def _task(plan: Plan) -> Iterator[Recovery]:
    for service in plan.of_type(EcsService):
        if _spread(service, plan) or service.min_tasks >= 2:
            yield Recovery(
                service,
                _served_again(service),
                None,
                f"the other {service.min_tasks - 1} task(s) serve while ECS replaces it",
            )
        else:
            yield Recovery(
                service,
                _served_again(service) + minutes("replace_task"),
                None,
                "one task: down until ECS starts a replacement",
                _more_tasks(service),
            )
    for host in plan.of_type(Ec2Host):
        yield Recovery(host, minutes("restart_container"), None, "Docker restarts the container")


def _multi_az(db: Database) -> Fix:
    return Fix(
        "set postgres.multi_az: true (a standby takes over in about 2 minutes)",
        db,
        (*db.origin, "multi_az"),
        (remedies.multi_az(db),),
    )


def _database_down(db: Database, where: str) -> Recovery:
    if db.multi_az:
        return Recovery(db, minutes("database_failover"), 0.0, "the standby takes over")
    return Recovery(
        db,
        minutes("database_restore", db.storage_gb),
        minutes("database_log_interval"),
        f"restored to the latest restorable time {where} ({db.storage_gb} GB)",
        (_multi_az(db),),
    )


def _database(plan: Plan) -> Iterator[Recovery]:
    for db in plan.of_type(Database):
        yield _database_down(db, "on a new instance")


def _replicated(cache: Cache) -> Fix:
    return Fix(
        "set redis.nodes: 2 (a replica in another zone takes over)",
        cache,
        (*cache.origin, "nodes"),
        (remedies.replicated(cache),),
    )


def _cache_down(cache: Cache) -> Recovery:
    if cache.multi_az and cache.nodes > 1:
        return Recovery(
            cache, minutes("cache_failover"), 0.0, "a replica takes over", held_to_rpo=False
        )
    lost = minutes("cache_snapshot_interval") if cache.snapshot_days else EVERYTHING
    return Recovery(
        cache,
        minutes("replace_cache_node"),
        lost,
        "one node: created again from its latest snapshot, or empty; its contents are rebuilt "
        "by the services",
        (_replicated(cache),),
        held_to_rpo=False,
    )


def _cache_node(plan: Plan) -> Iterator[Recovery]:
    yield from (_cache_down(c) for c in plan.of_type(Cache))


def _search_down(domain: SearchDomain) -> Recovery:
    if domain.nodes >= 2:
        return Recovery(domain, 0.0, 0.0, "replica shards on the other nodes serve")
    return Recovery(
        domain,
        minutes("search_restore"),
        minutes("search_snapshot_interval"),
        "one node: restored from its hourly snapshot, or indexed again from the database",
        held_to_rpo=False,
    )


def _search_node(plan: Plan) -> Iterator[Recovery]:
    yield from (_search_down(d) for d in plan.of_type(SearchDomain))


def _host_down(host: Ec2Host) -> Recovery:
    return Recovery(
        host,
        minutes("relaunch_host"),
        None,
        "one instance: a person launches a new one, which pulls the images and starts them",
        (
            Fix(
                "move to phase 2: services on ECS in two zones",
                host,
                ("environments",),
            ),
        ),
    )


def _host(plan: Plan) -> Iterator[Recovery]:
    yield from (_host_down(h) for h in plan.of_type(Ec2Host))


def _zone(plan: Plan) -> Iterator[Recovery]:
    """The worst zone to lose: the one holding each single copy (a single-AZ database, a lone
    task, the only NAT gateway)."""
    nats = list(plan.of_type(NatGateway))
    outbound_lost = 0 < len(nats) < _zones(plan)
    for service in plan.of_type(EcsService):
        pulls_through_nat = service.subnet_tier == "private" and not service.public_ip
        if _spread(service, plan):
            yield Recovery(
                service,
                _served_again(service),
                None,
                "tasks in the other zone serve while ECS replaces the lost ones",
            )
            continue
        wait = minutes("replace_task")
        how = "its task is started again in the other zone"
        if outbound_lost and pulls_through_nat:
            wait += minutes("replace_nat")
            how += ", once a NAT gateway there can pull its image"
        yield Recovery(service, _served_again(service) + wait, None, how, _more_tasks(service))
    if outbound_lost and nats:
        yield Recovery(
            nats[0],
            minutes("replace_nat"),
            None,
            "the only NAT gateway: AWS APIs, image pulls and outside calls stop until one is "
            "created in the other zone",
            (
                Fix(
                    "set topology.nat: per-az",
                    nats[0],
                    ("topology", "nat"),
                    remedies.nat_per_zone(plan),
                ),
            ),
        )
    for db in plan.of_type(Database):
        yield _database_down(db, "in the other zone")
    yield from (_cache_down(c) for c in plan.of_type(Cache))
    yield from (_search_down(d) for d in plan.of_type(SearchDomain))
    yield from (_host_down(h) for h in plan.of_type(Ec2Host))


def _region(plan: Plan) -> Scenario:
    title = "the region fails"
    copied = {r.source: r for r in plan.of_type(BackupReplication)}
    if plan.phase < FULL_PRODUCTION and not copied:
        return Scenario(
            "region",
            title,
            tuple(_region_losses(plan, copied)),
            in_scope=False,
            out_of_scope_because=(
                f"planned for from phase {FULL_PRODUCTION}, or once backups leave the region"
            ),
        )
    return Scenario("region", title, tuple(_region_losses(plan, copied)))


def _region_losses(plan: Plan, copied: dict[str, BackupReplication]) -> Iterator[Recovery]:
    rebuild = minutes("rebuild_region")
    for db in plan.of_type(Database):
        copy = copied.get(db.id)
        if copy is not None:
            yield Recovery(
                db,
                rebuild + minutes("database_restore", db.storage_gb),
                minutes("cross_region_copy"),
                f"the stack applied in {copy.destination_region}, the database restored from "
                "its replicated backups",
            )
            continue
        target = remedies.copy_region(plan)
        fixes = (
            (
                Fix(
                    f"replicate backups to {target} (topology.cross_region_backups: true, "
                    f"dr.region: {target})",
                    db,
                    ("dr",),
                    remedies.backup_copy(plan, db),
                ),
            )
            if target
            else ()
        )
        yield Recovery(
            db,
            None,
            EVERYTHING,
            f"its backups stay in {plan.region}: nothing to restore elsewhere",
            fixes,
        )
    for bucket in plan.of_type(Bucket):
        if bucket.derived:
            yield _republished(bucket, rebuild)
            continue
        yield Recovery(
            bucket,
            None,
            EVERYTHING,
            f"its objects stay in {plan.region} (stackwright plans no S3 replication yet)",
        )
    for cache in plan.of_type(Cache):
        yield Recovery(cache, rebuild, EVERYTHING, "created empty", held_to_rpo=False)
    for domain in plan.of_type(SearchDomain):
        yield Recovery(
            domain,
            rebuild + minutes("search_restore"),
            EVERYTHING,
            "indexed again from the restored database",
            held_to_rpo=False,
        )


def _republished(bucket: Bucket, after: float = 0.0) -> Recovery:
    return Recovery(
        bucket,
        after + minutes("republish_objects"),
        EVERYTHING,
        "its objects are uploaded again by the deploy that built them",
        held_to_rpo=False,
    )


def _mistake(plan: Plan) -> Iterator[Recovery]:
    for db in plan.of_type(Database):
        if db.backup_days:
            yield Recovery(
                db,
                minutes("database_restore", db.storage_gb),
                minutes("database_log_interval"),
                f"restored to the minute before the mistake ({db.backup_days}-day window)",
            )
        else:
            yield Recovery(
                db,
                None,
                EVERYTHING,
                "no automated backups: nothing to restore",
                (
                    Fix(
                        "set postgres.backup_days: 7",
                        db,
                        (*db.origin, "backup_days"),
                        (replace(db, backup_days=7),),
                    ),
                ),
            )
    for bucket in plan.of_type(Bucket):
        if bucket.derived:
            yield _republished(bucket)
        elif bucket.versioning:
            yield Recovery(bucket, 0.0, 0.0, "the earlier version of each object is kept")
        else:
            yield Recovery(
                bucket,
                None,
                EVERYTHING,
                "no versioning: an overwritten or deleted object is gone",
                (
                    Fix(
                        f"set buckets.{bucket.name}.versioning: true",
                        bucket,
                        bucket.origin,
                        (replace(bucket, versioning=True),),
                    ),
                ),
            )
