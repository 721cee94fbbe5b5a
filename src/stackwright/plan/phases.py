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
    host_instance: str | None = None
    host_disk_gb: int = 30
    cidr: str = "10.0.0.0/16"


PHASES: dict[int, PhaseProfile] = {
    1: PhaseProfile(
        1,
        "launch",
        "ec2-compose",
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
    ),
    2: PhaseProfile(
        2,
        "growth",
        "fargate",
        load_balancer=True,
        nat="single",
        task_subnets="private",
        data_subnets=True,
        azs=2,
        min_tasks=1,
        autoscaling=False,
        waf=False,
        tracing=False,
        cross_region_backups=False,
        dashboards=1,
        managed_cache=True,
        multi_az_data=False,
    ),
    3: PhaseProfile(
        3,
        "scale",
        "fargate",
        load_balancer=True,
        nat="per-az",
        task_subnets="private",
        data_subnets=True,
        azs=2,
        min_tasks=2,
        autoscaling=False,
        waf=True,
        tracing=True,
        cross_region_backups=False,
        dashboards=3,
        managed_cache=True,
        multi_az_data=True,
    ),
    4: PhaseProfile(
        4,
        "full production",
        "fargate",
        load_balancer=True,
        nat="per-az",
        task_subnets="private",
        data_subnets=True,
        azs=2,
        min_tasks=2,
        autoscaling=True,
        waf=True,
        tracing=True,
        cross_region_backups=True,
        dashboards=3,
        managed_cache=True,
        multi_az_data=True,
    ),
}


def resolve(phase: int, topology: Topology) -> PhaseProfile:
    """The phase's profile with every field the stack pinned put in its place."""
    pinned = {
        f.name: getattr(topology, f.name)
        for f in fields(PhaseProfile)
        if f.name in Topology.model_fields and getattr(topology, f.name) is not None
    }
    return replace(PHASES[phase], **pinned)
