from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import Budget


class WithinBudget(Rule):
    id = "SW065"
    title = "The plan's monthly cost is within its budget"
    severity = "error"
    category = "cost"
    rationale = "A plan over budget alerts from its first month, so the alerts stop meaning much."
    fix = "raise budget.monthly_usd, or shrink the plan (`stackwright plan` shows each line)"

    def check(self, facts: Facts) -> Iterator[Hit]:
        for budget in facts.plan.of_type(Budget):
            total = facts.cost.total_monthly_usd
            limit = Decimal(str(budget.monthly_usd))
            if total > limit:
                yield self.hit(
                    budget,
                    f"the plan costs ${total:,.2f} a month, over the budget of ${limit:,.2f}",
                    origin=("budget", "monthly_usd"),
                )
