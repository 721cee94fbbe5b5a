"""The benchmark's generated stacks are valid, so its numbers measure real plans."""

from __future__ import annotations

import importlib.util

from stackwright.plan import plan_all
from stackwright.stack import load_text
from tests.conftest import ROOT


def test_generated_stack_plans() -> None:
    spec = importlib.util.spec_from_file_location(
        "plan_scale", ROOT / "benchmarks" / "plan_scale.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    plans = plan_all(load_text(module.generate(25)))
    assert [p.environment for p in plans] == ["prod", "staging"]
    assert (
        sum(1 for r in plans[0].resources if r.type == "ecs_service") == 23
    )  # 25 less the two scheduled jobs
