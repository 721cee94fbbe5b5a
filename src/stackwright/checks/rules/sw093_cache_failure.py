from __future__ import annotations

from stackwright.checks.dr_rule import TargetMet


class CacheFailureRecovered(TargetMet):
    id = "SW093"
    scenario = "cache"
    title = "A failed cache node is recovered within the DR targets"
    rationale = (
        "A one-node cache is empty or gone until a node is created again; the services run cold "
        "or fail meanwhile. A replica in another zone takes over on its own."
    )
