"""The plan's resources as a remedy would leave them, so that what it costs is priced by the
same pricers as the plan. Shared by the availability analyzer and the checks."""

from __future__ import annotations

from dataclasses import replace

from stackwright.plan.build.data import BACKUP_PARTNER_REGIONS
from stackwright.plan.model import Plan
from stackwright.plan.resources import (
    BackupReplication,
    Cache,
    Database,
    EcsService,
    NatGateway,
    PublicIpv4,
    Resource,
    Vpc,
)


def two_tasks(service: EcsService) -> EcsService:
    return replace(
        service,
        desired=max(service.desired, 2),
        min_tasks=max(service.min_tasks, 2),
        max_tasks=max(service.max_tasks, 2),
    )


def multi_az(database: Database) -> Database:
    return replace(database, multi_az=True)


def replicated(cache: Cache) -> Cache:
    return replace(cache, nodes=max(cache.nodes, 2), multi_az=True)


def nat_per_zone(plan: Plan) -> tuple[Resource, ...]:
    """The NAT gateways (and their addresses) the zones without one would get."""
    vpc = next(plan.of_type(Vpc), None)
    have = len(list(plan.of_type(NatGateway)))
    if vpc is None or not have:
        return ()
    added: list[Resource] = []
    for az in range(have, vpc.azs):
        name = f"nat-{az + 1}"
        added += [
            NatGateway(name=name, az_index=az, share_of_traffic=0.0),
            PublicIpv4(name=name, owner=f"nat_gateway.{name}", count=1, why="NAT"),
        ]
    return tuple(added)


def copy_region(plan: Plan) -> str | None:
    return plan.dr_region or BACKUP_PARTNER_REGIONS.get(plan.region)


def backup_copy(plan: Plan, database: Database) -> tuple[Resource, ...]:
    """Automated backups and transaction logs replicated to the copy region, or nothing when
    no region can be chosen."""
    region = copy_region(plan)
    if region is None:
        return ()
    return (
        BackupReplication(
            name=database.name,
            source=database.id,
            destination_region=region,
            gb=database.storage_gb,
            retention_days=max(database.backup_days, 1),
        ),
    )
