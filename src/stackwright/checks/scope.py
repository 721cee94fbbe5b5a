"""Questions many rules ask of a plan."""

from __future__ import annotations

from stackwright.plan.model import Flow, Plan
from stackwright.plan.resources import (
    Cache,
    Database,
    Ec2Host,
    LoadBalancer,
    Resource,
    SearchDomain,
    SecurityGroup,
)

DATA_STORES: tuple[type[Resource], ...] = (Database, Cache, SearchDomain)
SCALE_PHASE = 3  # the phase from which one copy of anything is not enough


def at_scale(plan: Plan) -> bool:
    return plan.phase >= SCALE_PHASE


def entry_points(plan: Plan) -> set[str]:
    """What may face the internet: the load balancer, or the phase-1 host."""
    return {r.id for r in plan.resources if isinstance(r, LoadBalancer | Ec2Host)}


def group_owners(plan: Plan) -> dict[str, str]:
    """Security group id → the id of the resource it guards."""
    return {g.id: g.owner for g in plan.of_type(SecurityGroup)}


def uses_flow(flow: Flow) -> bool:
    """Whether a service's `uses:` asked for this flow."""
    return len(flow.origin) >= 3 and flow.origin[0] == "services" and flow.origin[2] == "uses"
