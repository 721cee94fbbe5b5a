from __future__ import annotations

from collections.abc import Iterator

from stackwright.aws.fargate import describe_sizes, is_valid_size
from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import EcsService, ScheduledTask


class FargateSizes(Rule):
    id = "SW049"
    title = "Every task asks Fargate for a size it offers"
    severity = "error"
    category = "deploy"
    rationale = "Fargate refuses a CPU and memory pair it does not offer when the task starts."
    fix = f"choose a valid pair: {describe_sizes()}"

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        tasks: list[EcsService | ScheduledTask] = [
            *plan.of_type(EcsService),
            *plan.of_type(ScheduledTask),
        ]
        for task in tasks:
            if not is_valid_size(task.cpu, task.memory):
                yield self.hit(
                    task, f"{task.id} asks for cpu {task.cpu} with memory {task.memory} MiB"
                )
