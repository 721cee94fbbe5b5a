from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import LogGroup


class LogRetention(Rule):
    id = "SW061"
    title = "Logs expire"
    severity = "warning"
    category = "cost"
    rationale = (
        "A log group kept for ever is billed for ever, and grows each month by what the app "
        "logs; old logs also keep personal data longer than it is needed."
    )
    fix = "set logs.retention_days (30 is the default)"

    def check(self, facts: Facts) -> Iterator[Hit]:
        for group in facts.plan.of_type(LogGroup):
            if group.retention_days == 0:
                yield self.hit(
                    group,
                    f"{group.id} keeps its logs for ever",
                    origin=("logs", "retention_days"),
                    fixed=(replace(group, retention_days=30),),
                )
