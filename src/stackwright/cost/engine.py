"""Plan → cost: every line is quantity × unit price from the catalog, rounded to the cent."""

from __future__ import annotations

from decimal import Decimal

from stackwright.cost.catalog import Catalog, default_catalog
from stackwright.cost.model import (
    BudgetStatus,
    Component,
    CostLine,
    EnvironmentCost,
    Pricing,
    ResourceCost,
    cents,
)
from stackwright.cost.registry import PRICERS
from stackwright.plan.model import Plan
from stackwright.plan.resources import Budget


def default_pricing(plan: Plan) -> Pricing:
    """Phase 4 buys 1-year reservations for what runs around the clock; earlier phases do not."""
    return "reserved" if plan.phase >= 4 else "on-demand"


def cost_plan(
    plan: Plan, catalog: Catalog | None = None, pricing: Pricing = "on-demand"
) -> EnvironmentCost:
    catalog = catalog or default_catalog()
    priced: list[ResourceCost] = []
    reservable: list[tuple[Component, CostLine]] = []  # lines the other pricing would change
    for resource in plan.resources:
        lines = []
        for component in _components(resource, plan):
            line = _line(component, plan.region, catalog, pricing)
            lines.append(line)
            if component.reserved_key is not None:
                reservable.append((component, line))
        priced.append(ResourceCost(resource.type, resource.name, tuple(lines)))
    total = sum((r.monthly_usd for r in priced), Decimal(0))
    other: Pricing = "reserved" if pricing == "on-demand" else "on-demand"
    change = sum(
        (
            _line(c, plan.region, catalog, other).monthly_usd - line.monthly_usd
            for c, line in reservable
        ),
        Decimal(0),
    )
    totals = {pricing: total, other: total + change}
    return EnvironmentCost(
        stack=plan.stack,
        environment=plan.environment,
        phase=plan.phase,
        phase_name=plan.phase_name,
        region=plan.region,
        resources=tuple(priced),
        budget=_budget(plan, total),
        catalog_as_of=catalog.as_of,
        pricing=pricing,
        on_demand_monthly_usd=totals["on-demand"],
        reserved_monthly_usd=totals["reserved"],
    )


def _components(resource: object, plan: Plan) -> list[Component]:
    pricer = PRICERS.get(type(resource))  # type: ignore[arg-type]
    return pricer(resource, plan) if pricer else []


def _line(component: Component, plan_region: str, catalog: Catalog, pricing: Pricing) -> CostLine:
    region = component.region or plan_region
    reserved = (
        pricing == "reserved"
        and component.reserved_key is not None
        and region in catalog.prices.get(component.reserved_key, {})
    )
    key = component.reserved_key if reserved and component.reserved_key else component.key
    price = catalog.price(key, region)
    reason = None
    if price.borrowed_why is not None:
        reason = f"the {price.region} price, borrowed for {region}: {price.borrowed_why}"
    elif not price.verified:
        reason = f"{price.source} ({price.as_of}), not a machine-generated AWS price list" + (
            f"; {price.note}" if price.note else ""
        )
    return CostLine(
        item=f"{component.item}, 1-year reserved" if reserved else component.item,
        quantity=component.quantity,
        unit=price.unit,
        unit_price_usd=price.usd,
        monthly_usd=cents(component.quantity * price.usd),
        price_key=price.key,
        price_region=price.region,
        source=price.source,
        as_of=price.as_of,
        estimate=reason is not None,
        estimate_reason=reason,
        assumption=component.assumption,
        reserved=reserved,
    )


def _budget(plan: Plan, total: Decimal) -> BudgetStatus | None:
    budget = next(plan.of_type(Budget), None)
    if budget is None:
        return None
    amount = Decimal(str(budget.monthly_usd))
    used = (total / amount * 100).quantize(Decimal("0.1"))
    crossed = tuple(p for p in budget.alerts_percent if used >= p)
    return BudgetStatus(amount, used, crossed)
