"""`stackwright check --format sarif`: valid SARIF 2.1.0 that GitHub code scanning shows on the
stack file's lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.cli_run import run
from tests.conftest import EXAMPLES, ROOT
from tests.sarif_schema import sarif_schema

BASE = (Path(__file__).parent / "rules" / "base.yaml").read_text()


@pytest.fixture(scope="module")
def validator(request: pytest.FixtureRequest) -> Any:
    schema = sarif_schema(request.config.cache.mkdir("sarif-schema"))
    return jsonschema.validators.validator_for(schema)(schema)


def sarif(path: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    result = run("check", str(path), "--format", "sarif", *extra)
    return result.code, json.loads(result.stdout)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_every_example_is_valid_sarif(example: Path, validator: Any) -> None:
    code, log = sarif(example / "stack.yaml")
    assert code == 0
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []
    results = log["runs"][0]["results"]
    assert results and all(r["suppressions"][0]["kind"] == "inSource" for r in results)
    uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == (example / "stack.yaml").relative_to(ROOT).as_posix()


def test_the_schema_refuses_what_is_not_sarif(validator: Any) -> None:
    _, log = sarif(EXAMPLES[0] / "stack.yaml")
    log["version"] = "2.0.0"
    del log["runs"][0]["tool"]
    assert len(list(validator.iter_errors(log))) >= 2


def test_findings_carry_their_level_line_and_severity(write_stack, validator: Any) -> None:  # type: ignore[no-untyped-def]
    exposed = BASE.replace("postgres: {}", "postgres: {backup_days: 3}\ndr: {rto: 15m}")
    code, log = sarif(write_stack(exposed))
    assert code == 5  # an error remains: SW092, the restore takes longer than 15 minutes
    assert not list(validator.iter_errors(log))
    run_ = log["runs"][0]
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    by_rule = {r["ruleId"]: r for r in run_["results"]}
    assert by_rule["SW092"]["level"] == "error" and by_rule["SW030"]["level"] == "warning"
    assert rules["SW092"]["properties"]["security-severity"] == "8.0"
    assert rules["SW030"]["properties"]["security-severity"] == "5.0"
    region = by_rule["SW030"]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == exposed.splitlines().index("postgres: {backup_days: 3}") + 1
    assert "+$" in by_rule["SW092"]["message"]["text"]
    for result in run_["results"]:
        assert run_["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_a_fingerprint_survives_lines_moving_above_it(write_stack) -> None:  # type: ignore[no-untyped-def]
    stack = BASE.replace("postgres: {}", "postgres: {backup_days: 3}")
    _, before = sarif(write_stack(stack, "a.yaml"))
    _, after = sarif(write_stack("# a comment\n# and another\n" + stack, "b.yaml"))

    def prints(log: dict[str, Any]) -> dict[str, tuple[str, int]]:
        return {
            r["ruleId"]: (
                r["partialFingerprints"]["stackwright/v1"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in log["runs"][0]["results"]
        }

    was, now = prints(before), prints(after)
    assert was["SW030"][0] == now["SW030"][0]
    assert now["SW030"][1] == was["SW030"][1] + 2
