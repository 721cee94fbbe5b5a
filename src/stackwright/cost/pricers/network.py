"""NAT gateways, public IPv4 addresses, load balancer, internet egress, traffic between zones."""

from __future__ import annotations

from stackwright.cost.model import Component
from stackwright.cost.pricers.common import dec, fmt, hours, percent
from stackwright.plan.model import Plan
from stackwright.plan.resources import (
    DataTransfer,
    LoadBalancer,
    NatGateway,
    PublicIpv4,
    ZoneTransfer,
)

# An ALB capacity unit (LCU) covers, per second: 25 new connections, or 1 GB an hour processed,
# (also 3,000 active connections a minute, 1,000 rule evaluations a second). Source: Elastic
# Load Balancing pricing page, read 2026-11.
LCU_NEW_CONNECTIONS_PER_SECOND = 25
LCU_GB_PER_HOUR = 1
SECONDS_PER_MONTH = 730 * 3600


def price_nat_gateway(resource: NatGateway, plan: Plan) -> list[Component]:
    gb = plan.usage.nat_gb * resource.share_of_traffic
    share = (
        ""
        if resource.share_of_traffic == 1
        else f", {percent(resource.share_of_traffic)} through this one"
    )
    return [
        Component("NAT gateway (730 h)", "vpc.nat.hour", hours()),
        Component(
            f"data processed ({fmt(round(gb, 2))} GB)",
            "vpc.nat.gb",
            dec(round(gb, 4)),
            assumption=f"usage.nat_gb = {fmt(plan.usage.nat_gb)} GB/month{share}",
        ),
    ]


def price_public_ipv4(resource: PublicIpv4, plan: Plan) -> list[Component]:
    return [
        Component(
            f"{resource.count} public IPv4 × 730 h ({resource.why})",
            "vpc.public_ipv4.hour",
            hours(resource.count),
        )
    ]


def price_load_balancer(resource: LoadBalancer, plan: Plan) -> list[Component]:
    usage = plan.usage
    per_second = usage.requests_per_month / SECONDS_PER_MONTH
    gb_per_hour = usage.data_out_gb / 730
    lcus = max(per_second / LCU_NEW_CONNECTIONS_PER_SECOND, gb_per_hour / LCU_GB_PER_HOUR)
    return [
        Component("Application Load Balancer (730 h)", "elb.alb.hour", hours()),
        Component(
            f"capacity units ({fmt(round(lcus, 4))} LCU average × 730 h)",
            "elb.alb.lcu_hour",
            dec(round(lcus * 730, 4)),
            assumption=f"usage.requests_per_month = {fmt(usage.requests_per_month)} "
            f"(each a new connection; 25/s per LCU) and usage.data_out_gb = "
            f"{fmt(usage.data_out_gb)} GB (1 GB/h per LCU)",
        ),
    ]


def price_zone_transfer(resource: ZoneTransfer, plan: Plan) -> list[Component]:
    crossing = round(resource.gb_per_month * resource.crossing_share, 4)
    return [
        Component(
            f"between zones ({fmt(crossing)} GB, billed out and in)",
            "transfer.inter_az.gb",
            dec(crossing) * 2,
            assumption=f"usage.cross_zone_gb = {fmt(resource.gb_per_month)} GB/month to "
            f"{', '.join(resource.reaches)}; {percent(resource.crossing_share)} of it reaches "
            f"a copy in another of the {resource.zones} zones",
        )
    ]


def price_data_transfer(resource: DataTransfer, plan: Plan) -> list[Component]:
    return [
        Component(
            f"data out to the internet ({fmt(resource.gb_per_month)} GB)",
            "transfer.internet_out.gb",
            dec(resource.gb_per_month),
            assumption=f"usage.data_out_gb = {fmt(resource.gb_per_month)} GB/month; "
            "AWS's 100 GB/month account-wide free allowance not deducted",
        )
    ]
