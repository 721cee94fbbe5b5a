"""The rule behind each failure scenario: the RTO and RPO this plan gets (see
stackwright.availability) within the stack's `dr:` targets."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import ClassVar

from stackwright.availability import Miss, duration, held_to_targets, misses
from stackwright.availability.model import ScenarioId
from stackwright.checks.facts import Facts
from stackwright.checks.model import Category, Hit, Rule, Severity
from stackwright.plan.model import Plan


class TargetMet(Rule):
    scenario: ClassVar[ScenarioId]
    severity: ClassVar[Severity] = "error"
    category: ClassVar[Category] = "availability"
    fix: ClassVar[str] = "the change named in the finding, or a dr target the plan can meet"

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        scenario = facts.availability.scenario(self.scenario)
        if not held_to_targets(plan) or scenario is None or not scenario.in_scope:
            return
        for miss in misses(scenario, plan.rto_minutes, plan.rpo_minutes):
            yield self._hit(plan, scenario.title, miss)

    def _hit(self, plan: Plan, title: str, miss: Miss) -> Hit:
        recovery = miss.recovery
        said = []
        if miss.rto:
            back = (
                "is not recovered from anything the plan keeps"
                if recovery.rto_minutes is None
                else f"is back in {duration(recovery.rto_minutes)}"
            )
            said.append(f"{back} (dr.rto {duration(plan.rto_minutes)})")
        if miss.rpo and recovery.rpo_minutes is not None:
            lost = (
                "loses every write since it was created"
                if math.isinf(recovery.rpo_minutes)
                else f"loses up to {duration(recovery.rpo_minutes)} of writes"
            )
            said.append(f"{lost} (dr.rpo {duration(plan.rpo_minutes)})")
        message = f"{title}: {recovery.resource.id} {' and '.join(said)}: {recovery.how}"
        target = ("dr", "rto") if miss.rto else ("dr", "rpo")
        relaxed = " and ".join(
            t for t, missed in (("dr.rto", miss.rto), ("dr.rpo", miss.rpo)) if missed
        )
        if not recovery.fixes:
            return self.hit(
                recovery.resource,
                message,
                origin=target,
                fix=f"no change the stack can make reaches it; relax {relaxed}",
            )
        fix = recovery.fixes[0]
        return self.hit(
            recovery.resource,
            message,
            origin=fix.origin,
            fix=fix.says,
            fixed=fix.fixed,
        )
