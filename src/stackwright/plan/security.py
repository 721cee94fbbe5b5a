"""Security groups and their rules, derived from the Plan's flows and nothing else."""

from __future__ import annotations

from stackwright.plan.model import INTERNET, Flow
from stackwright.plan.resources import (
    Cache,
    Database,
    Ec2Host,
    EcsService,
    LoadBalancer,
    Resource,
    ScheduledTask,
    SearchDomain,
    SecurityGroup,
    SecurityGroupRule,
)

GUARDED: tuple[type[Resource], ...] = (
    LoadBalancer,
    EcsService,
    ScheduledTask,
    Ec2Host,
    Database,
    Cache,
    SearchDomain,
)
ANYWHERE = "0.0.0.0/0"


def group_name(resource: Resource) -> str:
    return f"{resource.TYPE.replace('_', '-')}-{resource.name}"


def derive_security(resources: list[Resource], flows: list[Flow]) -> list[Resource]:
    """One security group per networked resource (a worker's scheduled job runs in the
    worker's); per flow with a port, an ingress rule on the target's group and an egress rule
    on the source's."""
    groups: dict[str, SecurityGroup] = {}
    for resource in resources:
        runs_elsewhere = isinstance(resource, ScheduledTask) and resource.runs_in is not None
        if isinstance(resource, GUARDED) and not runs_elsewhere:
            groups[resource.id] = SecurityGroup(
                name=group_name(resource), owner=resource.id, origin=resource.origin
            )
    rules: list[Resource] = []
    for flow in flows:
        if flow.port is None:
            continue
        source, target = groups.get(flow.source), groups.get(flow.target)
        for direction, here, there, there_id in (
            ("ingress", target, source, flow.source),
            ("egress", source, target, flow.target),
        ):
            if here is None or (there is None and there_id != INTERNET):
                continue  # this side has no security group, or the other side is unguarded
            peer, label = (there.id, there.name) if there else (ANYWHERE, "internet")
            joint = "from" if direction == "ingress" else "to"
            rules.append(
                SecurityGroupRule(
                    # `--` between the parts: no name holds one, so no two rules share a name
                    name=f"{here.name}--{joint}--{label}--{flow.port}",
                    group=here.id,
                    direction=direction,  # type: ignore[arg-type]
                    peer=peer,
                    port=flow.port,
                    protocol="tcp",
                    flow=flow.id,
                    origin=flow.origin,
                )
            )
    return [*groups.values(), *rules]
