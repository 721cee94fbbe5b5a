from __future__ import annotations

from collections.abc import Iterator

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.model import INTERNET
from stackwright.plan.resources import Certificate


class HttpsAtTheEdge(Rule):
    id = "SW008"
    title = "Users reach the app over HTTPS, and plain HTTP only redirects"
    severity = "error"
    category = "encryption"
    rationale = (
        "Without TLS, sessions, passwords and tokens cross the internet in clear text and any "
        "network on the way can change the pages served."
    )
    fix = "set `domain:` (and leave `tls: true`) so a certificate is issued and HTTP redirects"
    checkov = ("CKV_AWS_2", "CKV_AWS_103", "CKV2_AWS_20")

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        certified = next(plan.of_type(Certificate), None) is not None
        served = {flow.target for flow in plan.flows if flow.source == INTERNET}
        for entry in sorted(served):
            if not certified:
                resource = plan.get(entry)
                yield self.hit(
                    resource, f"{entry} serves users plain HTTP: no certificate", origin=("domain",)
                )
