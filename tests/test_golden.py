"""`plan --json` for every example against its golden file (checked by a person).

Regenerate with: pytest tests/test_golden.py --update-goldens
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stackwright.cli import app
from tests.conftest import EXAMPLES
from tests.helpers import matches_golden

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_plan_json_matches_golden(example: Path, update_goldens: bool) -> None:
    result = CliRunner().invoke(app, ["plan", str(example / "stack.yaml"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    data.pop("stackwright")  # the version is not part of the plan
    actual = json.dumps(data, indent=2) + "\n"
    matches_golden(GOLDEN / f"{example.name}.plan.json", actual, update_goldens)
