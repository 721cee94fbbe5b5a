from __future__ import annotations

from collections.abc import Iterator

from stackwright.availability.remedies import nat_per_zone
from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.checks.scope import SCALE_PHASE, at_scale
from stackwright.plan.resources import NatGateway, Subnet, Vpc


class NatPerZone(Rule):
    id = "SW006"
    title = f"A NAT gateway in every zone from phase {SCALE_PHASE}"
    severity = "warning"
    category = "availability"
    rationale = (
        "With one NAT gateway, losing its zone cuts every private task off from AWS APIs, "
        "image pulls and outside services, so the zone that survived cannot scale either."
    )
    fix = "set topology.nat: per-az (or leave it to the phase)"

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        vpc = next(plan.of_type(Vpc), None)
        nats = list(plan.of_type(NatGateway))
        private = any(s.tier == "private" for s in plan.of_type(Subnet))
        if vpc is None or not at_scale(plan) or not private or not nats or len(nats) >= vpc.azs:
            return
        yield self.hit(
            nats[0],
            f"{len(nats)} NAT gateway for {vpc.azs} zones",
            fixed=nat_per_zone(plan),
        )
