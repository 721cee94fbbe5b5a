"""Each example's README shows a hand calculation whose total is within 1 % of the plan's."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from stackwright.cost import cost_plan
from stackwright.plan import plan_environment
from stackwright.stack import load_stack
from tests.conftest import EXAMPLES

HAND_TOTAL = re.compile(r"Hand calculation total for ([a-z0-9-]+): \$([\d,]+\.\d\d)")


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_hand_calculation_matches_the_plan(example: Path) -> None:
    readme = example / "README.md"
    assert readme.exists(), f"{example.name} has no README"
    totals = HAND_TOTAL.findall(readme.read_text(encoding="utf-8"))
    assert totals, f"{readme} states no 'Hand calculation total for <env>: $X'"
    stack_file = load_stack(example / "stack.yaml")
    for env, written in totals:
        computed = cost_plan(plan_environment(stack_file, env)).total_monthly_usd
        by_hand = Decimal(written.replace(",", ""))
        assert abs(by_hand - computed) <= computed / 100, (env, by_hand, computed)
