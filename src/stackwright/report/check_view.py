"""`stackwright check`: findings as a grouped text report and as JSON, each at its stack line."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rich.console import Console
from rich.text import Text

from stackwright import __version__
from stackwright.checks.model import SEVERITIES, Finding, Rule
from stackwright.stack.load import StackFile
from stackwright.stack.source import KeyPath


@dataclass(frozen=True, slots=True)
class Located:
    """A finding with the place in the stack file it points at."""

    finding: Finding
    file: str
    line: int
    column: int
    key: KeyPath  # the key as written (an override's, when one made it)
    suppressed_line: int | None = None


def locate(stack_file: StackFile, findings: Iterable[Finding]) -> list[Located]:
    located = []
    for finding in findings:
        key, where = stack_file.where(finding.environment, finding.origin)
        suppressed_line = None
        if finding.suppressed_by:
            suppressed_line = stack_file.source.locate(finding.suppressed_by, at_key=True).line
        located.append(
            Located(finding, stack_file.path, where.line, where.column, key, suppressed_line)
        )
    return located


def dotted(key: KeyPath) -> str:
    return ".".join(str(part) for part in key) or "(the file)"


def fix_cost(value: Decimal | None) -> str | None:
    if value is None:
        return None
    if value == 0:
        return "no change to the monthly cost"
    sign = "+" if value > 0 else "-"
    return f"{sign}${abs(value):,.2f}/month"


def render_findings(console: Console, stack: str, located: Sequence[Located]) -> None:
    active = [item for item in located if item.finding.suppressed is None]
    for severity in SEVERITIES:
        group = [item for item in active if item.finding.severity == severity]
        if not group:
            continue
        console.print(Text(f"{severity}s ({len(group)})", style="bold"))
        for item in group:
            _render_one(console, item)
    suppressed = [item for item in located if item.finding.suppressed is not None]
    if suppressed:
        console.print(Text(f"suppressed in the stack file ({len(suppressed)})", style="bold"))
        for item in suppressed:
            finding = item.finding
            console.print(
                Text(
                    f"  {_where(item)}  {finding.rule} {finding.environment}: {finding.message}",
                    style="dim",
                )
            )
            console.print(Text(f"      accepted: {finding.suppressed}", style="dim"))
    console.print(Text(summary(stack, located), style="bold"))


def _where(item: Located) -> str:
    return f"{item.file}:{item.line}:{item.column}"


def _render_one(console: Console, item: Located) -> None:
    finding = item.finding
    style = {"error": "red", "warning": "yellow", "note": "cyan"}[finding.severity]
    head = Text(f"  {_where(item)}  ")
    head.append(f"{finding.rule} {finding.severity}", style=style)
    head.append(f"  {finding.environment} (phase {finding.phase}): {finding.message}")
    console.print(head)
    cost = fix_cost(finding.fix_monthly_usd)
    console.print(Text(f"      fix: {finding.fix}" + (f" ({cost})" if cost else "")))


def summary(stack: str, located: Sequence[Located]) -> str:
    counts = {s: 0 for s in SEVERITIES}
    suppressed = 0
    for item in located:
        if item.finding.suppressed is None:
            counts[item.finding.severity] += 1
        else:
            suppressed += 1
    parts = [f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items()]
    return f"{stack}: {', '.join(parts)}; {suppressed} suppressed"


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def finding_json(item: Located) -> dict[str, Any]:
    finding = item.finding
    return {
        "rule": finding.rule,
        "title": finding.title,
        "severity": finding.severity,
        "category": finding.category,
        "environment": finding.environment,
        "phase": finding.phase,
        "resource": finding.resource,
        "message": finding.message,
        "fix": finding.fix,
        "fix_monthly_usd": _number(finding.fix_monthly_usd),
        "file": item.file,
        "line": item.line,
        "column": item.column,
        "key": dotted(item.key),
        "suppressed": finding.suppressed is not None,
        "suppression_reason": finding.suppressed,
        "crashed": finding.crashed,
    }


def findings_json(stack: str, located: Sequence[Located], fail_on: str) -> dict[str, Any]:
    active = [i.finding for i in located if i.finding.suppressed is None]
    return {
        "tool": {"name": "stackwright", "version": __version__},
        "stack": stack,
        "fail_on": fail_on,
        "counts": {s: sum(1 for f in active if f.severity == s) for s in SEVERITIES}
        | {"suppressed": len(located) - len(active)},
        "findings": [finding_json(item) for item in located],
    }


def rule_json(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "title": rule.title,
        "severity": rule.severity,
        "category": rule.category,
        "rationale": rule.rationale,
        "fix": rule.fix,
        "checkov": list(rule.checkov),
    }


def render_rules(console: Console, rules: Iterable[Rule]) -> None:
    for rule in rules:
        line = Text(f"{rule.id}  ")
        line.append(f"{rule.severity:<7}", style="bold")
        line.append(f"  {rule.category:<12}  {rule.title}")
        console.print(line)
