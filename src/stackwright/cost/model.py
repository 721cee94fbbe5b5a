"""Priced results: lines per resource, resources per environment. Money is Decimal."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

CENT = Decimal("0.01")
Pricing = Literal["on-demand", "reserved"]


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Component:
    """What a pricer asks for: `quantity` of catalog item `key`, described as `item`."""

    item: str
    key: str
    quantity: Decimal
    assumption: str | None = None  # the usage assumption a usage-based quantity came from
    region: str | None = None  # price in another region than the plan's (cross-region copies)
    reserved_key: str | None = None  # the 1-year no-upfront reservation rate for the same usage


@dataclass(frozen=True, slots=True)
class CostLine:
    item: str
    quantity: Decimal
    unit: str
    unit_price_usd: Decimal
    monthly_usd: Decimal
    price_key: str
    price_region: str
    source: str
    as_of: str
    estimate: bool
    estimate_reason: str | None
    assumption: str | None
    reserved: bool = False  # priced at a 1-year no-upfront reservation rate


@dataclass(frozen=True, slots=True)
class ResourceCost:
    type: str
    name: str
    lines: tuple[CostLine, ...]

    @property
    def monthly_usd(self) -> Decimal:
        return sum((line.monthly_usd for line in self.lines), Decimal(0))


@dataclass(frozen=True, slots=True)
class BudgetStatus:
    monthly_usd: Decimal
    used_percent: Decimal
    alerts_crossed: tuple[int, ...]

    @property
    def status(self) -> str:
        if self.used_percent > 100:
            return "over"
        return "warning" if self.alerts_crossed else "ok"


@dataclass(frozen=True, slots=True)
class EnvironmentCost:
    stack: str
    environment: str
    phase: int
    phase_name: str
    region: str
    resources: tuple[ResourceCost, ...]
    budget: BudgetStatus | None
    catalog_as_of: str
    pricing: Pricing = "on-demand"  # how the lines are priced
    on_demand_monthly_usd: Decimal = Decimal(0)
    reserved_monthly_usd: Decimal = Decimal(0)  # reservations where the catalog has a rate

    @property
    def total_monthly_usd(self) -> Decimal:
        return sum((r.monthly_usd for r in self.resources), Decimal(0))

    @property
    def estimate_lines(self) -> int:
        return sum(1 for r in self.resources for line in r.lines if line.estimate)
