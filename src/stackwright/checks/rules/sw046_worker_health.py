from __future__ import annotations

from collections.abc import Iterator

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import EcsService


class WorkerHealth(Rule):
    id = "SW046"
    title = "Workers tell ECS when they are stuck"
    severity = "note"
    category = "availability"
    rationale = (
        "ECS replaces a worker whose process exits, not one that hangs; a health command "
        "that fails when the worker stops making progress gets it replaced."
    )
    fix = "set the worker's health_command (e.g. a check of its last heartbeat)"

    def check(self, facts: Facts) -> Iterator[Hit]:
        for service in facts.plan.of_type(EcsService):
            if service.kind == "worker" and service.health_command is None:
                unused = (
                    f" (its health_check {service.health_check} is for a load balancer, "
                    "which a worker does not have)"
                    if service.health_check
                    else ""
                )
                yield self.hit(service, f"{service.id} has no health command{unused}")
