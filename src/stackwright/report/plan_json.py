"""The `plan --json` document."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, TextIO

from stackwright import __version__
from stackwright.cost.model import CostLine, EnvironmentCost
from stackwright.plan.model import Plan


def _number(value: Decimal, places: int | None = None) -> float | int:
    if places is not None:
        value = round(value, places)
    return int(value) if value == value.to_integral_value() else float(value)


def _line(line: CostLine) -> dict[str, Any]:
    return {
        "item": line.item,
        "quantity": _number(line.quantity, 6),
        "unit": line.unit,
        "unit_price_usd": _number(line.unit_price_usd),
        "monthly_usd": _number(line.monthly_usd, 2),
        "reserved": line.reserved,
        "estimate": line.estimate,
        "estimate_reason": line.estimate_reason,
        "assumption": line.assumption,
        "price": {
            "key": line.price_key,
            "region": line.price_region,
            "source": line.source,
            "as_of": line.as_of,
        },
    }


def environment_json(plan: Plan, cost: EnvironmentCost) -> dict[str, Any]:
    budget = None
    if cost.budget is not None:
        budget = {
            "monthly_usd": _number(cost.budget.monthly_usd, 2),
            "used_percent": _number(cost.budget.used_percent, 1),
            "alerts_crossed_percent": list(cost.budget.alerts_crossed),
            "status": cost.budget.status,
        }
    return {
        "name": plan.environment,
        "phase": plan.phase,
        "phase_name": plan.phase_name,
        "region": plan.region,
        "total_monthly_usd": _number(cost.total_monthly_usd, 2),
        "pricing": cost.pricing,
        "on_demand_monthly_usd": _number(cost.on_demand_monthly_usd, 2),
        "reserved_monthly_usd": _number(cost.reserved_monthly_usd, 2),
        "estimated_lines": cost.estimate_lines,
        "budget": budget,
        "notes": list(plan.notes),
        "resources": [
            {
                "type": r.type,
                "name": r.name,
                "monthly_usd": _number(r.monthly_usd, 2),
                "lines": [_line(line) for line in r.lines],
            }
            for r in cost.resources
        ],
        "flows": [
            {
                "source": f.source,
                "target": f.target,
                "port": f.port,
                "protocol": f.protocol,
                "purpose": f.purpose,
            }
            for f in plan.flows
        ],
    }


def plan_json(
    stack: str, results: list[tuple[Plan, EnvironmentCost]], catalog_as_of: str
) -> dict[str, Any]:
    return {
        "stackwright": __version__,
        "stack": stack,
        "catalog_as_of": catalog_as_of,
        "hours_per_month": 730,
        "environments": [environment_json(plan, cost) for plan, cost in results],
    }


def write_plan_json(
    stream: TextIO,
    stack: str,
    results: Iterable[tuple[Plan, EnvironmentCost]],
    catalog_as_of: str,
) -> None:
    """What `json.dumps(plan_json(...), indent=2)` would write, one environment at a time, so
    a stack of many environments never holds them all in memory."""
    head = json.dumps(plan_json(stack, [], catalog_as_of), indent=2)
    stream.write(head.removesuffix("[]\n}") + "[")
    count = 0
    for plan, cost in results:
        text = json.dumps(environment_json(plan, cost), indent=2)
        stream.write(("," if count else "") + "\n" + textwrap.indent(text, "    "))
        count += 1
    stream.write("\n  ]\n}\n" if count else "]\n}\n")
