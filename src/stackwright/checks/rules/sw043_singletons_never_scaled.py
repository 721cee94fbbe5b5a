from __future__ import annotations

from collections.abc import Iterator

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import EcsService


class SingletonsNeverScaled(Rule):
    id = "SW043"
    title = "A singleton service never runs a second task"
    severity = "error"
    category = "availability"
    rationale = (
        "A service that runs scheduled jobs or holds a lock does its work twice when a second "
        "task starts, by autoscaling or by a deploy that starts the new task first."
    )
    fix = "keep its count at 1 and remove its autoscaling"

    def check(self, facts: Facts) -> Iterator[Hit]:
        for service in facts.plan.of_type(EcsService):
            if service.singleton and (service.max_tasks > 1 or service.cpu_target is not None):
                yield self.hit(
                    service, f"{service.id} is a singleton but may run {service.max_tasks} tasks"
                )
