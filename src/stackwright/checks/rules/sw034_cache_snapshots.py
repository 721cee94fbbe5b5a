from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import Cache


class CacheSnapshots(Rule):
    id = "SW034"
    title = "The cache keeps a daily snapshot"
    severity = "note"
    category = "backup"
    rationale = (
        "A cache the app can rebuild needs none, but one holding sessions or queues loses "
        "them all when its node is replaced."
    )
    fix = "set redis.snapshot_days: 1, or suppress this if the app rebuilds the cache"

    def check(self, facts: Facts) -> Iterator[Hit]:
        for cache in facts.plan.of_type(Cache):
            if cache.snapshot_days == 0:
                yield self.hit(
                    cache,
                    f"{cache.id} keeps no snapshot",
                    origin=(*cache.origin, "snapshot_days"),
                    fixed=(replace(cache, snapshot_days=1),),
                )
