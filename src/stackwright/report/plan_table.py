"""The `plan` table: per environment, what each resource costs and why.

Resources of one type with identical lines (alarms, repositories) share a row; assumptions and
estimate reasons become numbered footnotes so the table stays narrow enough for a terminal.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from stackwright.cost.model import EnvironmentCost, ResourceCost
from stackwright.plan.model import Plan


def _money(value: Decimal) -> str:
    return f"${value:,.2f}"


def _quantity(value: Decimal) -> str:
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return text or "0"


class _Footnotes:
    def __init__(self) -> None:
        self.texts: list[tuple[str, str]] = []
        self._index: dict[str, int] = {}

    def mark(self, text: str, kind: str) -> str:
        if text not in self._index:
            self.texts.append((kind, text))
            self._index[text] = len(self.texts)
        return f"[{self._index[text]}]"


def _grouped(resources: tuple[ResourceCost, ...]) -> list[tuple[str, list[ResourceCost]]]:
    """Priced resources, those of one type with the same lines folded into one group."""
    groups: dict[tuple[object, ...], list[ResourceCost]] = {}
    for resource in resources:
        if not resource.lines:
            continue
        shape = (
            resource.type,
            tuple(
                (ln.item, ln.quantity, ln.unit_price_usd, ln.assumption) for ln in resource.lines
            ),
        )
        groups.setdefault(shape, []).append(resource)
    result = []
    for members in groups.values():
        kind = members[0].type.replace("_", " ")
        label = f"{kind} {members[0].name}" if len(members) == 1 else f"{kind} ×{len(members)}"
        result.append((label, members))
    return result


def _commitments(console: Console, cost: EnvironmentCost) -> None:
    """Both totals, side by side, wherever reservations would change the bill."""
    on_demand, reserved = cost.on_demand_monthly_usd, cost.reserved_monthly_usd
    if on_demand == reserved:
        return
    saving = ((on_demand - reserved) / on_demand * 100).quantize(Decimal("1"))
    what = "1-year reservations, no upfront, on the EC2, RDS, ElastiCache and OpenSearch instances"
    if cost.pricing == "reserved":
        text = (
            f"Priced with {what}: {_money(reserved)}/month, {saving}% less than "
            f"{_money(on_demand)} on demand. `--pricing on-demand` shows those lines."
        )
    else:
        text = (
            f"With {what}: {_money(reserved)}/month, {saving}% less than "
            f"{_money(on_demand)} on demand. `--pricing reserved` shows those lines."
        )
    console.print(Text(text, style="cyan"))


def render_environment(console: Console, plan: Plan, cost: EnvironmentCost) -> None:
    title = (
        f"{plan.stack} · {plan.environment} · phase {plan.phase} ({plan.phase_name}) · "
        f"{plan.region}"
    )
    table = Table(title=Text(title), title_justify="left", title_style="bold")
    table.add_column("resource", no_wrap=True)
    table.add_column("what drives the price")
    table.add_column("quantity × unit price", justify="right", no_wrap=True)
    table.add_column("monthly", justify="right", no_wrap=True)
    notes = _Footnotes()
    for label, members in _grouped(cost.resources):
        count = len(members)
        shown = label
        for line in members[0].lines:
            item = Text(line.item)
            if line.assumption:
                item.append(" " + notes.mark(line.assumption, "assumes"), style="dim")
            if line.estimate and line.estimate_reason:
                item.append(" " + notes.mark(line.estimate_reason, "estimate"), style="yellow")
            monthly = line.monthly_usd * count
            each = f"{_quantity(line.quantity)} {line.unit} × ${line.unit_price_usd}"
            table.add_row(
                shown,
                item,
                f"{count} × ({each})" if count > 1 else each,
                ("~" if line.estimate else "") + _money(monthly),
            )
            shown = ""
        if count > 1:
            names = ", ".join(m.name for m in members)
            table.add_row("", Text(names, style="dim"), "", "")
    table.add_section()
    table.add_row(
        Text("total", style="bold"), "", "", Text(_money(cost.total_monthly_usd), style="bold")
    )
    console.print(table)
    for i, (kind, text) in enumerate(notes.texts, start=1):
        style = "yellow" if kind == "estimate" else "dim"
        console.print(Text(f"[{i}] {kind}: {text}", style=style))
    free = Counter(r.type.replace("_", " ") for r in cost.resources if not r.lines)
    if free:
        listed = ", ".join(f"{n} {kind}" for kind, n in sorted(free.items()))
        console.print(Text(f"No charge: {listed}.", style="dim"))
    _commitments(console, cost)
    if cost.estimate_lines:
        console.print(
            Text(f"~ {cost.estimate_lines} line(s) priced from estimates.", style="yellow")
        )
    if cost.budget is not None:
        budget = cost.budget
        style = {"ok": "green", "warning": "yellow", "over": "red"}[budget.status]
        crossed = (
            f"; alerts crossed at {', '.join(f'{p}%' for p in budget.alerts_crossed)}"
            if budget.alerts_crossed
            else ""
        )
        console.print(
            Text(
                f"Budget {_money(budget.monthly_usd)}/month: {budget.used_percent}% "
                f"used, {budget.status}{crossed}.",
                style=style,
            )
        )
    for note in plan.notes:
        console.print(Text(f"Note: {note}.", style="dim"))
    console.print()
