from __future__ import annotations

from stackwright.checks.dr_rule import TargetMet


class ZoneFailureRecovered(TargetMet):
    id = "SW091"
    scenario = "zone"
    title = "Losing an Availability Zone is recovered within the DR targets"
    rationale = (
        "A zone outage takes every single copy in it at once: the lone task, the single-AZ "
        "database, the only NAT gateway; the slowest of their recoveries is the stack's."
    )
