from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import EcsService, NatGateway, PublicIpv4


class TasksWithoutPublicIp(Rule):
    id = "SW005"
    title = "Tasks run in private subnets, without public addresses"
    severity = "warning"
    category = "network"
    rationale = (
        "A task with a public IP can be reached from the internet if its security group ever "
        "allows it, and each address is billed; behind NAT it only reaches out."
    )
    fix = "set topology.task_subnets: private (NAT gateways give the tasks their way out)"
    checkov = ("CKV_AWS_333",)

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        has_nat = next(plan.of_type(NatGateway), None) is not None
        nat = (
            ()
            if has_nat
            else (
                NatGateway(name="nat-1", az_index=0, share_of_traffic=1.0),
                PublicIpv4(name="nat-1", owner="nat_gateway.nat-1", count=1, why="NAT"),
            )
        )
        addresses = {ip.owner: ip.id for ip in plan.of_type(PublicIpv4)}
        public = [service for service in plan.of_type(EcsService) if service.public_ip]
        if public:
            names = ", ".join(service.name for service in public)
            yield self.hit(
                public[0],
                f"the tasks of {names} get public IP addresses in public subnets",
                origin=("topology", "task_subnets"),
                fixed=(
                    *(replace(s, public_ip=False, subnet_tier="private") for s in public),
                    *nat,
                ),
                removed=tuple(addresses[s.id] for s in public if s.id in addresses),
            )
