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
    """One security group per networked resource; per flow with a port, an ingress rule on the
    target's group and an egress rule on the source's."""
    groups: dict[str, SecurityGroup] = {}
    for resource in resources:
        if isinstance(resource, GUARDED):
            groups[resource.id] = SecurityGroup(name=group_name(resource), owner=resource.id)
    rules: list[Resource] = []
    for flow in flows:
        if flow.port is None:
            continue
        source, target = groups.get(flow.source), groups.get(flow.target)
        if target is not None and (source is not None or flow.source == INTERNET):
            peer, label = (source.id, source.name) if source else (ANYWHERE, "internet")
            rules.append(
                SecurityGroupRule(
                    name=f"{target.name}-from-{label}-{flow.port}",
                    group=target.id,
                    direction="ingress",
                    peer=peer,
                    port=flow.port,
                    protocol="tcp",
                    flow=flow.id,
                )
            )
        if source is not None and (target is not None or flow.target == INTERNET):
            peer, label = (target.id, target.name) if target else (ANYWHERE, "internet")
            rules.append(
                SecurityGroupRule(
                    name=f"{source.name}-to-{label}-{flow.port}",
                    group=source.id,
                    direction="egress",
                    peer=peer,
                    port=flow.port,
                    protocol="tcp",
                    flow=flow.id,
                )
            )
    return [*groups.values(), *rules]
