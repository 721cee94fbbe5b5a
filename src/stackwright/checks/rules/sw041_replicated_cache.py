from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.checks.scope import SCALE_PHASE, at_scale
from stackwright.plan.resources import Cache


class ReplicatedCache(Rule):
    id = "SW041"
    title = f"The cache has a replica in a second zone from phase {SCALE_PHASE}"
    severity = "warning"
    category = "availability"
    rationale = (
        "With one node, a node or zone failure empties the cache and every request falls on "
        "the database at once; a replica is promoted automatically."
    )
    fix = "set redis.nodes: 2 (or leave it to the phase)"
    checkov = ("CKV2_AWS_50",)

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        for cache in plan.of_type(Cache):
            if at_scale(plan) and cache.nodes < 2:
                yield self.hit(
                    cache,
                    f"{cache.id} is one node at phase {plan.phase}",
                    origin=(*cache.origin, "nodes"),
                    fixed=(replace(cache, nodes=2, multi_az=True),),
                )
