from __future__ import annotations

from collections.abc import Iterator

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.checks.scope import entry_points, group_owners
from stackwright.plan.resources import SecurityGroupRule
from stackwright.plan.security import ANYWHERE

WEB_PORTS = (80, 443)


class InternetOnlyAtEntry(Rule):
    id = "SW002"
    title = "Only the load balancer (or the phase-1 host) takes traffic from the internet"
    severity = "error"
    category = "network"
    rationale = (
        "Ingress from 0.0.0.0/0 belongs on the one entry point, on HTTP and HTTPS; anywhere "
        "else it bypasses TLS, the WAF and the health checks."
    )
    fix = "route the traffic through the load balancer; keep 0.0.0.0/0 to ports 80 and 443 there"
    checkov = ("CKV_AWS_260", "CKV_AWS_277")

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        owners, entries = group_owners(plan), entry_points(plan)
        for rule in plan.of_type(SecurityGroupRule):
            if rule.direction != "ingress" or rule.peer != ANYWHERE:
                continue
            owner = owners.get(rule.group, rule.group)
            if owner in entries and rule.port in WEB_PORTS:
                continue
            yield self.hit(rule, f"{owner} accepts port {rule.port} from anywhere ({ANYWHERE})")
