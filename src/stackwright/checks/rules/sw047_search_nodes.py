from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.checks.scope import SCALE_PHASE, at_scale
from stackwright.plan.resources import SearchDomain


class SearchNodes(Rule):
    id = "SW047"
    title = f"The search domain has a node in each of two zones from phase {SCALE_PHASE}"
    severity = "warning"
    category = "availability"
    rationale = (
        "A one-node domain has no replica shards: a node failure takes search down until "
        "the node is rebuilt and its indexes restored from a snapshot."
    )
    fix = "set search.nodes: 2"

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        for domain in plan.of_type(SearchDomain):
            if at_scale(plan) and domain.nodes < 2:
                yield self.hit(
                    domain,
                    f"{domain.id} is one node at phase {plan.phase}",
                    origin=(*domain.origin, "nodes"),
                    fixed=(replace(domain, nodes=2),),
                )
