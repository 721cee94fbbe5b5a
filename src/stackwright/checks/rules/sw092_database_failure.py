from __future__ import annotations

from stackwright.checks.dr_rule import TargetMet


class DatabaseFailureRecovered(TargetMet):
    id = "SW092"
    scenario = "database"
    title = "A failed database instance is recovered within the DR targets"
    rationale = (
        "A single-AZ instance is recovered by a point-in-time restore, which takes longer the "
        "larger the database and loses the writes since the last transaction log upload; a "
        "Multi-AZ standby takes over in a minute or two and loses none."
    )
