"""Availability and disaster recovery, computed from a Plan: the composite availability of each
request path from AWS's published SLAs, and the RTO and RPO each failure scenario gets, against
the stack's `dr:` targets. Reads only the Plan; used by `check` and the architecture document."""

from __future__ import annotations

import math
from dataclasses import dataclass

from stackwright.availability.data import assumptions, slas
from stackwright.availability.model import Analysis, Recovery, Scenario
from stackwright.availability.paths import request_paths
from stackwright.availability.scenarios import scenarios
from stackwright.plan.model import PRODUCTION_NAMES, Plan


def analyse(plan: Plan) -> Analysis:
    return Analysis(
        paths=request_paths(plan),
        scenarios=scenarios(plan),
        rto_target_minutes=plan.rto_minutes,
        rpo_target_minutes=plan.rpo_minutes,
        assumptions=tuple(assumptions().values()),
        slas=tuple(slas().values()),
    )


def duration(value: float | None) -> str:
    """Minutes as a person reads them: `22 min`, `2.5 h`; None and infinity in words."""
    if value is None:
        return "not recovered"
    if math.isinf(value):
        return "everything"
    if value >= 120:
        return f"{value / 60:.1f} h".replace(".0 h", " h")
    return f"{value:g} min"


def held_to_targets(plan: Plan) -> bool:
    """The `dr:` targets are production's; with no environment named so, every one is held."""
    return plan.production or not any(e in PRODUCTION_NAMES for e in plan.environments)


@dataclass(frozen=True, slots=True)
class Miss:
    """A recovery that misses a target: its time, its data loss, or both."""

    recovery: Recovery
    rto: bool
    rpo: bool


def misses(scenario: Scenario, rto_target: float, rpo_target: float) -> list[Miss]:
    found = []
    for recovery in scenario.recoveries:
        late = recovery.rto_minutes is None or recovery.rto_minutes > rto_target
        lossy = (
            recovery.held_to_rpo
            and recovery.rpo_minutes is not None
            and recovery.rpo_minutes > rpo_target
        )
        if late or lossy:
            found.append(Miss(recovery, late, lossy))
    return found


__all__ = ["Analysis", "Miss", "analyse", "duration", "held_to_targets", "misses"]
