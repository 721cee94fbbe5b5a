"""Shared by the tests: plan and cost a stack given as text."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from stackwright.cost import EnvironmentCost, cost_plan
from stackwright.plan import Plan, plan_environment
from stackwright.stack import load_text

MINIMAL = """\
name: shop
domain: shop.example.com
services:
  web:
    port: 8080
    uses: [postgres, redis]
  worker:
    uses: [postgres]
postgres: {}
redis: {}
"""


def plan_text(text: str, env: str = "prod", phase: int | None = None) -> Plan:
    return plan_environment(load_text(text), env, phase)


def cost_text(
    text: str, env: str = "prod", phase: int | None = None
) -> tuple[Plan, EnvironmentCost]:
    plan = plan_text(text, env, phase)
    return plan, cost_plan(plan)


def matches_golden(golden: Path, actual: str, update: bool) -> None:
    """`actual` equals the golden file, or the test fails with the diff; `update` rewrites it."""
    if update or not golden.exists():
        golden.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"{golden.name} did not exist; written now, review it")
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(True), actual.splitlines(True), str(golden), "actual", n=2
            )
        )
        pytest.fail(f"{golden} differs (--update-goldens to accept):\n{diff}")
