from __future__ import annotations

from collections.abc import Iterator

from stackwright.availability.remedies import two_tasks
from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.checks.scope import SCALE_PHASE, at_scale
from stackwright.plan.resources import EcsService


class TasksAcrossZones(Rule):
    id = "SW042"
    title = f"Each service keeps two tasks or more, in different zones, from phase {SCALE_PHASE}"
    severity = "warning"
    category = "availability"
    rationale = (
        "One task is an outage on every deploy, crash and zone failure; ECS spreads two or "
        "more over the zones of the subnets it is given."
    )
    fix = "set the service's count (or autoscaling.min) to 2"

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        if not at_scale(plan):
            return
        for service in plan.of_type(EcsService):
            if service.singleton or service.min_tasks >= 2:
                continue
            yield self.hit(
                service,
                f"{service.id} may run a single task at phase {plan.phase}",
                fixed=(two_tasks(service),),
            )
