"""Growth phases: the shape each phase gives an environment, unless the stack pins a choice."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Literal

from stackwright.stack.model import Topology


@dataclass(frozen=True, slots=True)
class PhaseProfile:
    number: int
    name: str
    compute: Literal["ec2-compose", "fargate"]
    load_balancer: bool
    nat: Literal["none", "single", "per-az"]
    task_subnets: Literal["public", "private"]
    data_subnets: bool
    azs: int
    min_tasks: int
    autoscaling: bool
    waf: bool
    tracing: bool
    cross_region_backups: bool
    dashboards: int
    managed_cache: bool
    multi_az_data: bool
    container_insights: bool
    host_instance: str | None = None
    host_disk_gb: int = 30
    cidr: str = "10.0.0.0/16"


# Each phase is the one before it plus what it adds.
_LAUNCH = PhaseProfile(
    1,
    "launch",
    compute="ec2-compose",
    load_balancer=False,
    nat="none",
    task_subnets="public",
    data_subnets=True,
    azs=2,
    min_tasks=1,
    autoscaling=False,
    waf=False,
    tracing=False,
    cross_region_backups=False,
    dashboards=0,
    managed_cache=False,
    multi_az_data=False,
    container_insights=False,
)
_GROWTH = replace(
    _LAUNCH,
    number=2,
    name="growth",
    compute="fargate",
    load_balancer=True,
    nat="single",
    task_subnets="private",
    dashboards=1,
    managed_cache=True,
)
_SCALE = replace(
    _GROWTH,
    number=3,
    name="scale",
    nat="per-az",
    min_tasks=2,
    waf=True,
    tracing=True,
    dashboards=3,
    multi_az_data=True,
    container_insights=True,
)
_FULL = replace(
    _SCALE, number=4, name="full production", autoscaling=True, cross_region_backups=True
)

PHASES: dict[int, PhaseProfile] = {p.number: p for p in (_LAUNCH, _GROWTH, _SCALE, _FULL)}


def resolve(phase: int, topology: Topology) -> PhaseProfile:
    """The phase's profile with every field the stack pinned put in its place."""
    pinned = {
        f.name: getattr(topology, f.name)
        for f in fields(PhaseProfile)
        if f.name in Topology.model_fields and getattr(topology, f.name) is not None
    }
    return replace(PHASES[phase], **pinned)
