from __future__ import annotations

from stackwright.checks.dr_rule import TargetMet


class RegionFailureRecovered(TargetMet):
    id = "SW096"
    scenario = "region"
    title = "Losing the region is recovered within the DR targets, from phase 4"
    rationale = (
        "Backups kept in the region are lost or unreachable with it; a region's loss is "
        "recovered only from copies elsewhere, and takes as long as building the stack there "
        "and restoring them."
    )
