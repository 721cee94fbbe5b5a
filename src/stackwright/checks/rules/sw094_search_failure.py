from __future__ import annotations

from stackwright.checks.dr_rule import TargetMet


class SearchFailureRecovered(TargetMet):
    id = "SW094"
    scenario = "search"
    title = "A failed search node is recovered within the DR targets"
    rationale = (
        "A one-node search domain is down until it is restored from its hourly snapshot or "
        "indexed again; replica shards on a second node keep it serving."
    )
