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
    """One security group per networked resource; one ingress rule per flow with a port."""
    groups: dict[str, SecurityGroup] = {}
    for resource in resources:
        if isinstance(resource, GUARDED):
            groups[resource.id] = SecurityGroup(name=group_name(resource), owner=resource.id)
    rules: list[Resource] = []
    for flow in flows:
        group = groups.get(flow.target)
        if flow.port is None or group is None:
            continue
        if flow.source == INTERNET:
            source, label = ANYWHERE, "internet"
        elif flow.source in groups:
            source = groups[flow.source].id
            label = groups[flow.source].name
        else:
            continue
        rules.append(
            SecurityGroupRule(
                name=f"{group.name}-from-{label}-{flow.port}",
                group=group.id,
                source=source,
                port=flow.port,
                protocol="tcp",
                flow=flow.id,
            )
        )
    return [*groups.values(), *rules]
