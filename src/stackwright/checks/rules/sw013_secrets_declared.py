from __future__ import annotations

from collections.abc import Iterator

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import EcsService, ScheduledTask, Secret


class SecretsDeclared(Rule):
    id = "SW013"
    title = "Every secret a task reads exists in the plan"
    severity = "error"
    category = "identity"
    rationale = "A task that names a missing secret never starts: ECS stops it before it runs."
    fix = "declare the secret under `secrets:`"

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        declared = {s.name for s in plan.of_type(Secret)}
        tasks: list[EcsService | ScheduledTask] = [
            *plan.of_type(EcsService),
            *plan.of_type(ScheduledTask),
        ]
        for task in tasks:
            for name in task.secrets:
                if name not in declared:
                    yield self.hit(
                        task, f"{task.id} reads the secret {name}, which is not declared"
                    )
