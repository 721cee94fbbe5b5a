"""`stackwright bill`: each environment's cost as AWS would bill it, as a table, Markdown or
JSON (see cost.bill)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from stackwright.cost.bill import Bill, BillLine
from stackwright.cost.model import EnvironmentCost
from stackwright.plan.model import Plan

PREFIX_NOTE = (
    "Service is the Price List offer code (the product code of AWS's cost and usage report). "
    "Usage types are shown without the region prefix AWS adds in most regions (USW2-, EU-, "
    "and USE1- for some services in us-east-1); a bracketed one names the product family "
    "where the usage type is not pinned. Amounts add up the plan's lines, each rounded to "
    "the cent."
)


def money(value: Decimal) -> str:
    return f"${value:,.2f}"


def number(value: Decimal) -> str:
    """A quantity or rate without an exponent: 0.0000006, 1,460, 5.9983."""
    text = format(value.normalize(), ",f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _title(plan: Plan, cost: EnvironmentCost) -> str:
    return (
        f"{plan.stack} · {plan.environment} · phase {plan.phase} ({plan.phase_name}) · "
        f"{plan.region} · {cost.pricing}"
    )


def _usage(line: BillLine, bill: Bill) -> str:
    """The usage type, and what sets the line apart: a reservation, another region."""
    marks = ["reserved, 1 yr, no upfront"] if line.reserved else []
    if line.region != bill.region:
        marks.append(f"in {line.region}")
    return line.usage_type + (f" ({'; '.join(marks)})" if marks else "")


def render_bill(console: Console, plan: Plan, cost: EnvironmentCost, bill: Bill) -> None:
    table = Table(title=Text(_title(plan, cost)), title_justify="left", title_style="bold")
    for name, justify in (
        ("service", "left"),
        ("usage type", "left"),
        ("quantity", "right"),
        ("unit", "left"),
        ("rate", "right"),
        ("monthly", "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for service, lines in bill.services().items():
        subtotal = sum((line.monthly_usd for line in lines), Decimal(0))
        table.add_row(Text(service, style="bold"), "", "", "", "", Text(money(subtotal), "bold"))
        for line in lines:
            table.add_row(
                "",
                _usage(line, bill),
                number(line.quantity),
                line.unit,
                f"${number(line.rate_usd)}",
                money(line.monthly_usd),
            )
    table.add_section()
    table.add_row(
        Text("total", "bold"), "", "", "", "", Text(money(bill.total_monthly_usd), "bold")
    )
    console.print(table)
    if bill.free:
        console.print(Text(f"Not billed by AWS: {'; '.join(bill.free)}.", style="dim"))


def bill_markdown(pairs: Iterable[tuple[Plan, EnvironmentCost, Bill]], catalog_as_of: str) -> str:
    out: list[str] = []
    for plan, cost, bill in pairs:
        out += [
            f"## {_title(plan, cost)}",
            "",
            "| Service | Usage type | Quantity | Unit | Rate | Monthly |",
            "| --- | --- | ---: | --- | ---: | ---: |",
        ]
        for service, lines in bill.services().items():
            subtotal = sum((line.monthly_usd for line in lines), Decimal(0))
            out.append(f"| **{service}** | | | | | **{money(subtotal)}** |")
            out += [
                f"| | {_usage(line, bill)} | {number(line.quantity)} | {line.unit} | "
                f"${number(line.rate_usd)} | {money(line.monthly_usd)} |"
                for line in lines
            ]
        out += [f"| **Total** | | | | | **{money(bill.total_monthly_usd)}** |", ""]
        if bill.free:
            out += [f"Not billed by AWS: {'; '.join(bill.free)}.", ""]
    out += [f"{PREFIX_NOTE} Prices as of {catalog_as_of}; a month is 730 hours.", ""]
    return "\n".join(out)


def bill_json(
    stack: str, pairs: Iterable[tuple[Plan, EnvironmentCost, Bill]], catalog_as_of: str
) -> dict[str, Any]:
    return {
        "stack": stack,
        "catalog_as_of": catalog_as_of,
        "environments": [
            {
                "environment": plan.environment,
                "phase": plan.phase,
                "region": plan.region,
                "pricing": cost.pricing,
                "total_monthly_usd": float(bill.total_monthly_usd),
                "lines": [
                    {
                        "service": line.service,
                        "usage_type": line.usage_type,
                        "region": line.region,
                        "reserved": line.reserved,
                        "quantity": float(line.quantity),
                        "unit": line.unit,
                        "rate_usd": float(line.rate_usd),
                        "monthly_usd": float(line.monthly_usd),
                        "resources": list(line.resources),
                    }
                    for line in bill.lines
                ],
                "not_billed": list(bill.free),
            }
            for plan, cost, bill in pairs
        ],
    }
