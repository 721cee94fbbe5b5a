from __future__ import annotations

from stackwright.checks.dr_rule import TargetMet


class MistakeRecovered(TargetMet):
    id = "SW097"
    scenario = "corruption"
    title = "Corrupted or deleted data is recovered within the DR targets"
    rationale = (
        "A bad migration or a deleted object is recovered from point-in-time backups and object "
        "versions; without them it is not recovered at all, and a restore of a large database "
        "takes longer than a failover."
    )
