from __future__ import annotations

from collections.abc import Iterator

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.checks.scope import SCALE_PHASE, at_scale
from stackwright.plan.build.edge import WAF_RULES
from stackwright.plan.resources import LoadBalancer, WebAcl


class WafAtScale(Rule):
    id = "SW007"
    title = f"A web ACL protects the load balancer from phase {SCALE_PHASE}"
    severity = "warning"
    category = "network"
    rationale = (
        "AWS's managed rule groups stop common injection and known-bad inputs, and a rate "
        "limit per address blunts floods and credential stuffing before they reach the tasks."
    )
    fix = "set topology.waf: true (or leave it to the phase)"
    checkov = ("CKV2_AWS_28",)

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        protected = {acl.protects for acl in plan.of_type(WebAcl)}
        for balancer in plan.of_type(LoadBalancer):
            if at_scale(plan) and balancer.internet_facing and balancer.id not in protected:
                yield self.hit(
                    balancer,
                    f"{balancer.id} faces the internet without a web ACL",
                    origin=("topology", "waf"),
                    fixed=(WebAcl(name="main", rules=WAF_RULES, protects=balancer.id),),
                )
