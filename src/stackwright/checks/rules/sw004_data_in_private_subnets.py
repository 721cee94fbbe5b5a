from __future__ import annotations

from collections.abc import Iterator

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.checks.scope import DATA_STORES


class DataInPrivateSubnets(Rule):
    id = "SW004"
    title = "Data stores live in subnets with no route from the internet"
    severity = "error"
    category = "network"
    rationale = (
        "A data store in a public subnet is one security-group mistake from the internet; in "
        "a private or data subnet there is no route to it at all."
    )
    fix = "place it in the private or data subnets"
    checkov = ("CKV_AWS_17",)

    def check(self, facts: Facts) -> Iterator[Hit]:
        for store in facts.plan.resources:
            if isinstance(store, DATA_STORES) and store.subnet_tier == "public":  # type: ignore[attr-defined]
                yield self.hit(store, f"{store.id} is in the public subnets")
