"""Request paths through a plan, each with the published SLA of every part it passes."""

from __future__ import annotations

from stackwright.availability.data import slas
from stackwright.availability.model import Component, RequestPath
from stackwright.plan.model import INTERNET, Plan
from stackwright.plan.resources import (
    Bucket,
    Cache,
    Database,
    DnsRecord,
    Ec2Host,
    EcsService,
    LoadBalancer,
    Queue,
    Resource,
    SearchDomain,
    Vpc,
    WebAcl,
)

DATA = (Database, Cache, SearchDomain, Queue, Bucket)
MOST_PATHS = 64  # a call graph with more chains than this is summarised by its longest ones


def sla_key(resource: Resource, plan: Plan) -> str | None:
    """Which published SLA covers `resource` as the plan deploys it (None: not on a path)."""
    match resource:
        case EcsService():
            vpc = next(plan.of_type(Vpc), None)
            zones = vpc.azs if vpc else 1
            spread = resource.min_tasks >= 2 and zones >= 2 and not resource.singleton
            return "containers.zones" if spread else "containers.one_zone"
        case Database():
            return "database.multi_az" if resource.multi_az else "database.single"
        case Cache():
            return "cache.multi_az" if resource.multi_az and resource.nodes > 1 else "cache.single"
        case SearchDomain():
            return "search"
        case Queue():
            return "queue"
        case Bucket():
            return "bucket"
        case Ec2Host():
            return "host"
        case LoadBalancer():
            return "load_balancer"
        case WebAcl():
            return "waf"
        case DnsRecord():
            return "dns"
    return None


def request_paths(plan: Plan) -> tuple[RequestPath, ...]:
    """One path per chain of calls from the internet to a service that calls no other, and one
    per service no request reaches (a worker: its own work and the data it uses)."""
    component = _components(plan)
    calls: dict[str, list[str]] = {}
    for flow in plan.flows:
        if flow.source != INTERNET and flow.target.startswith(EcsService.TYPE + "."):
            calls.setdefault(flow.source, []).append(flow.target)
    uses = _data_used(plan)
    edge = _edge(plan)
    entries = _unique([f.target for f in plan.flows if f.source == INTERNET])
    paths: list[RequestPath] = []
    reached: set[str] = set()
    for entry in entries:
        for chain in _chains(entry, calls):
            reached.update(chain)
            services = [c for c in chain if c.startswith(EcsService.TYPE + ".") or c == entry]
            parts = _unique([*edge, *chain, *(d for s in services for d in uses.get(s, ()))])
            named = chain[1:] if entry.startswith(LoadBalancer.TYPE + ".") else chain
            name = " → ".join(plan.get(c).name for c in named)
            paths.append(RequestPath(name, "request", tuple(component[p] for p in parts)))
    for service in plan.of_type(EcsService):
        if service.id in reached:
            continue
        parts = _unique([service.id, *uses.get(service.id, ())])
        paths.append(RequestPath(service.name, "background", tuple(component[p] for p in parts)))
    return tuple(sorted(paths, key=lambda p: (p.availability, p.name))[:MOST_PATHS])


def _components(plan: Plan) -> dict[str, Component]:
    table = slas()
    found = {}
    for resource in plan.resources:
        key = sla_key(resource, plan)
        if key is not None:
            found[resource.id] = Component(resource.id, table[key])
    return found


def _edge(plan: Plan) -> list[str]:
    """What every request from the internet passes before a service: DNS, WAF, load balancer."""
    edge = [r.id for r in plan.of_type(DnsRecord)][:1]
    edge += [r.id for r in plan.of_type(WebAcl)]
    return edge


def _data_used(plan: Plan) -> dict[str, list[str]]:
    data = {r.id for r in plan.resources if isinstance(r, DATA)}
    used: dict[str, list[str]] = {}
    for flow in plan.flows:
        if flow.target in data:
            used.setdefault(flow.source, []).append(flow.target)
    return used


def _chains(start: str, calls: dict[str, list[str]]) -> list[list[str]]:
    """Every call chain from `start` to a service that calls no other (cycles cut)."""
    chains: list[list[str]] = []
    stack: list[list[str]] = [[start]]
    while stack and len(chains) < MOST_PATHS * 4:
        chain = stack.pop()
        onward = [c for c in calls.get(chain[-1], ()) if c not in chain]
        if not onward:
            chains.append(chain)
        stack.extend([*chain, c] for c in reversed(onward))
    return chains


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))
