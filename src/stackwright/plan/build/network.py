"""VPC, subnets per tier and AZ, internet and NAT gateways."""

from __future__ import annotations

import ipaddress

from stackwright.plan.build.context import Context
from stackwright.plan.resources import InternetGateway, NatGateway, PublicIpv4, Subnet, Vpc

# Third octet offsets per tier, as the seed documents lay them out (10.0.1.0/24, 10.0.10.0/24, ...)
_TIER_OFFSET = {"public": 1, "private": 10, "data": 20}


def add_network(ctx: Context) -> None:
    profile = ctx.profile
    ctx.add(Vpc(name="main", cidr=profile.cidr, azs=profile.azs, origin=("topology", "cidr")))
    ctx.add(InternetGateway(name="main", origin=("topology", "cidr")))
    network = ipaddress.ip_network(profile.cidr)
    blocks = list(network.subnets(new_prefix=min(network.prefixlen + 8, 28)))
    tiers = ["public"]
    if profile.task_subnets == "private" and not ctx.on_host:
        tiers.append("private")
    if ctx.data_tier == "data" and _has_data_stores(ctx):
        tiers.append("data")
    for tier in tiers:
        for az in range(profile.azs):
            ctx.add(
                Subnet(
                    name=f"{tier}-{az + 1}",
                    tier=tier,  # type: ignore[arg-type]
                    az_index=az,
                    cidr=str(blocks[_TIER_OFFSET[tier] + az]),
                    origin=("topology", "azs"),
                )
            )
    if "private" in tiers and profile.nat != "none":
        count = profile.azs if profile.nat == "per-az" else 1
        for az in range(count):
            nat = ctx.add(
                NatGateway(
                    name=f"nat-{az + 1}",
                    az_index=az,
                    share_of_traffic=1 / count,
                    origin=("topology", "nat"),
                )
            )
            ctx.add(
                PublicIpv4(
                    name=nat.name,
                    owner=nat.id,
                    count=1,
                    why="Elastic IP of the NAT gateway",
                    origin=nat.origin,
                )
            )
    elif "private" in tiers:
        ctx.notes.append(
            "private subnets without NAT: tasks reach AWS APIs only through VPC endpoints"
        )


def _has_data_stores(ctx: Context) -> bool:
    stack = ctx.stack
    return (
        stack.postgres is not None
        or (stack.redis is not None and ctx.profile.managed_cache)
        or (stack.search is not None and ctx.phase >= stack.search.from_phase)
    )
