"""What rules may read: the Plan, and what analyzers computed from it (each only once)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property

from stackwright.availability import analyse
from stackwright.availability.model import Analysis
from stackwright.cost.catalog import Catalog, default_catalog
from stackwright.cost.engine import cost_plan, default_pricing
from stackwright.cost.model import EnvironmentCost
from stackwright.plan.model import Plan
from stackwright.plan.resources import Resource


@dataclass
class Facts:
    plan: Plan
    catalog: Catalog | None = None
    _fix_costs: dict[tuple[tuple[Resource, ...], tuple[str, ...]], Decimal] = field(
        default_factory=dict, repr=False
    )

    @cached_property
    def cost(self) -> EnvironmentCost:
        return cost_plan(self.plan, self._catalog, default_pricing(self.plan))

    @cached_property
    def availability(self) -> Analysis:
        return analyse(self.plan)

    @property
    def _catalog(self) -> Catalog:
        if self.catalog is None:
            self.catalog = default_catalog()
        return self.catalog

    def cost_of_fix(self, fixed: tuple[Resource, ...], removed: tuple[str, ...] = ()) -> Decimal:
        """What the month costs more (or less) with `fixed` in the plan (a resource with an id
        the plan has replaces it; others are added) and without the resources `removed`."""
        key = (fixed, removed)
        if key not in self._fix_costs:
            by_id = {r.id: r for r in fixed}
            kept = [by_id.pop(r.id, r) for r in self.plan.resources if r.id not in removed]
            changed = replace(self.plan, resources=(*kept, *by_id.values()))
            after = cost_plan(changed, self._catalog, self.cost.pricing)
            self._fix_costs[key] = after.total_monthly_usd - self.cost.total_monthly_usd
        return self._fix_costs[key]
