"""The availability analysis as `check` shows it: the weakest request paths and each failure
scenario's recovery against the `dr:` targets, as text and as JSON."""

from __future__ import annotations

import math
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from stackwright.availability import Analysis, duration, held_to_targets, misses
from stackwright.availability.model import RequestPath, Scenario
from stackwright.plan.model import Plan

SHOWN_PATHS = 3  # the text report's weakest paths; JSON lists every one


def render_availability(console: Console, plan: Plan, analysis: Analysis) -> None:
    held = held_to_targets(plan)
    console.print(
        Text(
            f"availability and recovery: {plan.environment} (phase {plan.phase}); targets "
            f"RTO {duration(analysis.rto_target_minutes)}, "
            f"RPO {duration(analysis.rpo_target_minutes)}"
            + ("" if held else " (production's: shown, not judged here)"),
            style="bold",
        )
    )
    paths = Table(box=None, pad_edge=False, padding=(0, 2, 0, 2))
    for column in ("path", "from the SLAs", "down a month", "a year"):
        paths.add_column(column, justify="left" if column == "path" else "right")
    for path in analysis.paths[:SHOWN_PATHS]:
        paths.add_row(
            f"{path.name} ({path.kind})",
            f"{path.availability * 100:.3f} %",
            duration(round(path.downtime_minutes_per_month)),
            f"{path.downtime_minutes_per_year / 60:.1f} h",
        )
    console.print(paths)
    more = len(analysis.paths) - SHOWN_PATHS
    if more > 0:
        console.print(Text(f"  and {more} more paths (--json lists them)", style="dim"))
    scenarios = Table(box=None, pad_edge=False, padding=(0, 2, 0, 2))
    for column in ("scenario", "RTO", "RPO", ""):
        scenarios.add_column(column, justify="right" if column in ("RTO", "RPO") else "left")
    for scenario in analysis.scenarios:
        scenarios.add_row(
            scenario.title,
            duration(scenario.rto_minutes),
            duration(scenario.rpo_minutes),
            _verdict(scenario, analysis, held),
        )
    console.print(scenarios)


def _verdict(scenario: Scenario, analysis: Analysis, held: bool) -> str:
    if not scenario.in_scope:
        return f"not judged: {scenario.out_of_scope_because}"
    missed = misses(scenario, analysis.rto_target_minutes, analysis.rpo_target_minutes)
    if not missed:
        return "within the targets"
    return "misses a target" if held else "would miss a target"


def _minutes(value: float | None) -> float | str | None:
    if value is None or not math.isinf(value):
        return value
    return "everything"


def _path_json(path: RequestPath) -> dict[str, Any]:
    return {
        "name": path.name,
        "kind": path.kind,
        "availability_percent": round(path.availability * 100, 4),
        "downtime_minutes_per_month": round(path.downtime_minutes_per_month, 1),
        "downtime_minutes_per_year": round(path.downtime_minutes_per_year, 1),
        "components": [
            {
                "resource": c.resource,
                "sla_percent": c.sla.percent,
                "copies": c.copies,
                "sla": c.sla.key,
                "source": c.sla.source,
            }
            for c in path.components
        ],
    }


def _scenario_json(scenario: Scenario, analysis: Analysis) -> dict[str, Any]:
    missed = misses(scenario, analysis.rto_target_minutes, analysis.rpo_target_minutes)
    return {
        "id": scenario.id,
        "title": scenario.title,
        "judged": scenario.in_scope,
        "not_judged_because": scenario.out_of_scope_because,
        "rto_minutes": _minutes(scenario.rto_minutes),
        "rpo_minutes": _minutes(scenario.rpo_minutes),
        "meets_targets": not missed if scenario.in_scope else None,
        "recoveries": [
            {
                "resource": r.resource.id,
                "rto_minutes": _minutes(r.rto_minutes),
                "rpo_minutes": _minutes(r.rpo_minutes),
                "held_to_rpo": r.held_to_rpo,
                "how": r.how,
                "fixes": [f.says for f in r.fixes],
            }
            for r in scenario.recoveries
        ],
    }


def availability_json(plan: Plan, analysis: Analysis) -> dict[str, Any]:
    return {
        "environment": plan.environment,
        "phase": plan.phase,
        "held_to_targets": held_to_targets(plan),
        "rto_target_minutes": analysis.rto_target_minutes,
        "rpo_target_minutes": analysis.rpo_target_minutes,
        "paths": [_path_json(p) for p in analysis.paths],
        "scenarios": [_scenario_json(s, analysis) for s in analysis.scenarios],
        "assumptions": [
            {
                "key": a.key,
                "minutes": a.minutes,
                "per_100_gb": a.per_100_gb,
                "basis": a.basis,
                "source": a.source,
            }
            for a in analysis.assumptions
        ],
    }
