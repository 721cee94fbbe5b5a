from __future__ import annotations

from stackwright.checks.dr_rule import TargetMet


class HostFailureRecovered(TargetMet):
    id = "SW095"
    scenario = "host"
    title = "A failed phase-1 host is recovered within the DR targets"
    rationale = (
        "Everything at phase 1 runs on one instance: when it fails, someone launches another, "
        "and nothing serves until its containers are up."
    )
