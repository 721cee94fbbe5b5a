"""Each rule flags its failing fixture and passes its passing one (tests/rules/SWNNN.yaml).

A fixture is a patch on tests/rules/base.yaml (`null` removes a key), and may `tamper` with the
planned result: for what the planner never produces from a stack file, a plan read from existing
Terraform may still hold (`set` attributes of a resource, `add` a resource, add a `flow`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from stackwright.checks.engine import run_checks
from stackwright.checks.registry import RULES, RULES_BY_ID
from stackwright.plan import plan_environment
from stackwright.plan.model import Flow, Plan
from stackwright.plan.resources import RESOURCE_TYPES
from stackwright.stack import load_text

FIXTURES = Path(__file__).parent / "rules"
BASE = yaml.safe_load((FIXTURES / "base.yaml").read_text())
KINDS = {kind.TYPE: kind for kind in RESOURCE_TYPES}


def patched(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    result = dict(base)
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        elif isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = patched(result[key], value)
        else:
            result[key] = value
    return result


def _frozen(value: Any) -> Any:
    return tuple(_frozen(v) for v in value) if isinstance(value, list) else value


def tampered(plan: Plan, steps: list[dict[str, Any]]) -> Plan:
    resources, flows = list(plan.resources), list(plan.flows)
    for step in steps:
        ((op, args),) = step.items()
        if op == "set":
            wanted = args.pop("resource")
            index = next(i for i, r in enumerate(resources) if r.id == wanted)
            resources[index] = replace(resources[index], **{k: _frozen(v) for k, v in args.items()})
        elif op == "add":
            kind = KINDS[args.pop("type")]
            resources.append(kind(**{k: _frozen(v) for k, v in args.items()}))
        elif op == "flow":
            flows.append(Flow(args["source"], args["target"], args["port"], "tcp", "tampered"))
        else:
            raise AssertionError(f"unknown tamper step {op}")
    return replace(plan, resources=tuple(resources), flows=tuple(flows))


def findings_of(rule_id: str, case: dict[str, Any]) -> list[Any]:
    text = yaml.safe_dump(patched(BASE, case.get("stack") or {}), sort_keys=False)
    stack_file = load_text(text, f"{rule_id}.yaml")
    found = []
    for environment in stack_file.environments:
        plan = tampered(plan_environment(stack_file, environment), case.get("tamper") or [])
        found += [f for f in run_checks(plan, [RULES_BY_ID[rule_id]]) if not f.crashed]
        crashed = [f.message for f in run_checks(plan, [RULES_BY_ID[rule_id]]) if f.crashed]
        assert not crashed, crashed
    return found


def fixture(rule_id: str) -> dict[str, Any]:
    path = FIXTURES / f"{rule_id}.yaml"
    assert path.exists(), f"{rule_id} has no fixtures: write {path.relative_to(Path.cwd())}"
    data: dict[str, Any] = yaml.safe_load(path.read_text())
    return data


@pytest.mark.parametrize("rule_id", [rule.id for rule in RULES])
def test_rule_flags_its_failing_fixture(rule_id: str) -> None:
    found = findings_of(rule_id, fixture(rule_id)["failing"])
    assert found, f"{rule_id} found nothing in its failing fixture"
    assert all(f.rule == rule_id and f.message for f in found)


@pytest.mark.parametrize("rule_id", [rule.id for rule in RULES])
def test_rule_passes_its_passing_fixture(rule_id: str) -> None:
    found = findings_of(rule_id, fixture(rule_id)["passing"])
    assert found == [], [f.message for f in found]


def test_the_base_stack_passes_every_rule() -> None:
    stack_file = load_text(yaml.safe_dump(BASE), "base.yaml")
    findings = run_checks(plan_environment(stack_file, "prod"))
    assert [(f.rule, f.message) for f in findings] == []


def test_every_fixture_belongs_to_a_rule() -> None:
    orphans = {p.stem for p in FIXTURES.glob("SW*.yaml")} - set(RULES_BY_ID)
    assert not orphans, f"fixtures for rules that do not exist: {sorted(orphans)}"
