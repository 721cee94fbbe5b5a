"""An environment's cost in the shape of an AWS bill: one line per service, usage type and
region, with the quantity and rate in the unit AWS meters, so it can be set beside Cost
Explorer (grouped by service and usage type) line by line.

Plan lines that price the same meter are added together, as AWS adds them. Free items and
lines of no usage are left off, as AWS leaves them off; each line keeps the plan resources it
came from. Amounts are the sums of the plan's lines, so the bill's total is the plan's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from stackwright.cost.model import CostLine, EnvironmentCost
from stackwright.cost.pricelist.rules import FREE_KEYS, RULE_FOR

_COUNTED_UNIT = re.compile(r"(?:[\d,]+|\d+M) (?P<unit>.+)")  # "1,000 requests", "1M queries"


@dataclass(frozen=True, slots=True)
class BillLine:
    service: str  # the Price List offer code, as AWS's cost and usage report names it
    usage_type: str  # without the region prefix AWS adds in most regions (EU-, USW2-);
    # in brackets, the product family and attributes where the usage type is not pinned
    region: str
    reserved: bool
    quantity: Decimal  # in `unit`, the unit AWS meters
    unit: str
    rate_usd: Decimal
    monthly_usd: Decimal
    resources: tuple[str, ...]  # plan resource ids, e.g. ecs_service.web


@dataclass(frozen=True, slots=True)
class Bill:
    environment: str
    region: str
    lines: tuple[BillLine, ...]  # by service, then by amount, largest first
    free: tuple[str, ...]  # what the plan holds that AWS does not charge for

    @property
    def total_monthly_usd(self) -> Decimal:
        return sum((line.monthly_usd for line in self.lines), Decimal(0))

    def services(self) -> dict[str, tuple[BillLine, ...]]:
        grouped: dict[str, list[BillLine]] = {}
        for line in self.lines:
            grouped.setdefault(line.service, []).append(line)
        return {name: tuple(lines) for name, lines in grouped.items()}


def aws_unit(catalog_unit: str, per: int) -> str:
    """The unit AWS meters in, from the catalog's (`1,000 requests` with per 1,000: requests)."""
    if per == 1:
        return catalog_unit
    match = _COUNTED_UNIT.fullmatch(catalog_unit)
    return match["unit"] if match else catalog_unit


def environment_bill(cost: EnvironmentCost) -> Bill:
    meters: dict[tuple[str, str, bool], list[tuple[str, CostLine]]] = {}
    free: list[str] = []
    for resource in cost.resources:
        for line in resource.lines:
            rid = f"{resource.type}.{resource.name}"
            if line.price_key in FREE_KEYS:
                free.append(f"{rid}: {line.item}")
            elif line.quantity:
                meters.setdefault((line.price_key, line.price_region, line.reserved), []).append(
                    (rid, line)
                )
    lines = [
        _bill_line(key, region, reserved, found)
        for (key, region, reserved), found in meters.items()
    ]
    totals: dict[str, Decimal] = {}
    for billed in lines:
        totals[billed.service] = totals.get(billed.service, Decimal(0)) + billed.monthly_usd
    lines.sort(key=lambda ln: (-totals[ln.service], ln.service, -ln.monthly_usd, ln.usage_type))
    return Bill(cost.environment, cost.region, tuple(lines), tuple(free))


def _bill_line(
    key: str, region: str, reserved: bool, found: list[tuple[str, CostLine]]
) -> BillLine:
    rule = RULE_FOR[key]
    first = found[0][1]
    return BillLine(
        service=rule.offer,
        usage_type=rule.usage or _described(key),
        region=region,
        reserved=reserved,
        quantity=sum((line.quantity for _, line in found), Decimal(0)) * rule.per,
        unit=aws_unit(first.unit, rule.per),
        rate_usd=first.unit_price_usd / rule.per,
        monthly_usd=sum((line.monthly_usd for _, line in found), Decimal(0)),
        resources=tuple(dict.fromkeys(rid for rid, _ in found)),
    )


def _described(key: str) -> str:
    rule = RULE_FOR[key]
    return "(" + ": ".join(filter(None, [rule.family, ", ".join(rule.attributes.values())])) + ")"
