"""Flows from each service to what it `uses`."""

from __future__ import annotations

from stackwright.plan.build.context import Context
from stackwright.plan.model import INTERNET, Flow
from stackwright.plan.resources import ZoneTransfer

_PORTS = {"postgres": 5432, "redis": 6379, "search": 443}
_PROTOCOLS = {"postgres": "postgresql", "redis": "redis", "search": "https"}


def add_uses(ctx: Context) -> None:
    stack = ctx.stack
    kinds = stack.targets()
    seen: set[str] = {f.id for f in ctx.flows}
    reached: set[str] = set()  # stack names reached over the VPC, from another task or host
    for name in stack.services:  # the phase-1 host's once, for its first service
        flow = Flow(
            ctx.endpoints[name],
            INTERNET,
            443,
            "https",
            "AWS APIs, image pulls and outside HTTPS services",
            ("services", name),
        )
        if flow.id in seen:
            continue
        seen.add(flow.id)
        ctx.flows.append(flow)
    for name, service in stack.services.items():
        source = ctx.endpoints[name]
        for index, target in enumerate(service.uses):
            endpoint = ctx.endpoints.get(target)
            if endpoint is None or endpoint == source:
                continue  # not deployed in this phase, or on the same host
            kind = kinds[target]
            if kind == "service":
                port: int | None = stack.services[target].port
                protocol, purpose = "http", f"calls {target}"
            elif kind in _PORTS:
                port, protocol, purpose = _PORTS[kind], _PROTOCOLS[kind], f"uses {target}"
            else:
                port, protocol = None, "aws-api"
                purpose = {
                    "bucket": "reads and writes objects",
                    "queue": "sends and receives",
                    "secret": "reads the secret at start",
                }[kind]
            flow = Flow(
                source, endpoint, port, protocol, purpose, ("services", name, "uses", index)
            )
            if port is not None:
                reached.add(target)
            if flow.id not in seen:
                seen.add(flow.id)
                ctx.flows.append(flow)
    _zone_transfer(ctx, reached)


def _zone_transfer(ctx: Context, reached: set[str]) -> None:
    gb = ctx.stack.usage.cross_zone_gb
    if not reached or gb <= 0:
        return
    if ctx.profile.azs == 1:
        ctx.notes.append("usage.cross_zone_gb is not billed: everything runs in one zone")
        return
    ctx.add(
        ZoneTransfer(
            name="services",
            gb_per_month=gb,
            zones=ctx.profile.azs,
            reaches=tuple(sorted(reached)),
            origin=("usage", "cross_zone_gb"),
        )
    )
