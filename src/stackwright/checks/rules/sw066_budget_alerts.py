from __future__ import annotations

from collections.abc import Iterator

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import Budget, NotificationTopic


class BudgetAlerts(Rule):
    id = "SW066"
    title = "Budget alerts reach someone"
    severity = "warning"
    category = "cost"
    rationale = "A budget without alerts, or whose alerts reach no one, is only a report."
    fix = "set budget.alerts_percent and budget.email (or alarms.email)"

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        topic = next(plan.of_type(NotificationTopic), None)
        listened = topic is not None and topic.email is not None
        for budget in plan.of_type(Budget):
            if not budget.alerts_percent:
                yield self.hit(budget, f"{budget.id} has no alert thresholds")
            elif budget.email is None and not listened:
                yield self.hit(budget, f"{budget.id}'s alerts reach no one")
