from __future__ import annotations

from collections.abc import Iterator

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import Budget, NotificationTopic


class BudgetSet(Rule):
    id = "SW064"
    title = "A monthly budget warns before the bill surprises"
    severity = "warning"
    category = "cost"
    rationale = (
        "A forgotten load test, a loop writing logs or a leaked key shows on the bill a month "
        "later; a budget alert shows it the same day."
    )
    fix = "set budget.monthly_usd (alerts at 80, 100 and 120 % by default)"

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        topic = next(plan.of_type(NotificationTopic), None)
        if topic is not None and next(plan.of_type(Budget), None) is None:
            yield self.hit(topic, f"{plan.environment} has no budget", origin=("budget",))
