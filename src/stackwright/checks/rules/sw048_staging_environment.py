from __future__ import annotations

from collections.abc import Iterator

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.checks.scope import SCALE_PHASE, at_scale
from stackwright.plan.resources import Vpc


class StagingEnvironment(Rule):
    id = "SW048"
    title = f"A second environment to try changes in, from phase {SCALE_PHASE}"
    severity = "warning"
    category = "deploy"
    rationale = (
        "At scale a change tried first in production is an outage for many users; a staging "
        "environment built from the same stack file catches it first."
    )
    fix = "add `staging:` under `environments:` (a phase below production's keeps it cheap)"

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        vpc = next(plan.of_type(Vpc), None)
        if vpc is not None and at_scale(plan) and plan.production and len(plan.environments) < 2:
            yield self.hit(
                vpc,
                f"{plan.environment} is the only environment at phase {plan.phase}",
                origin=("environments",),
            )
