"""The command line: table and JSON output, exit codes, errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml
from typer.testing import CliRunner

from stackwright.cli import app
from stackwright.cost import cost_plan, default_catalog
from stackwright.plan import plan_environment
from stackwright.report.plan_json import plan_json
from stackwright.stack import load_stack
from tests.conftest import EXAMPLES, ROOT
from tests.helpers import MINIMAL

runner = CliRunner()
EXAMPLE = str(ROOT / "examples" / "mind-the-wait" / "stack.yaml")


def test_plan_prints_a_table_per_environment_with_total_and_budget() -> None:
    result = runner.invoke(app, ["plan", EXAMPLE])
    assert result.exit_code == 0, result.output
    assert "mind-the-wait · prod · phase 2 (growth) · us-east-1" in result.output
    assert "mind-the-wait · staging · phase 2 (growth)" in result.output
    assert "db.t4g.micro Single-AZ" in result.output  # the table is 120 wide: cells may wrap
    assert "Budget $100.00/month" in result.output
    assert "a month is 730 hours" in result.output


def test_plan_json_has_the_documented_shape() -> None:
    result = runner.invoke(app, ["plan", EXAMPLE, "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    env = data["environments"][0]
    assert {"name", "phase", "region", "total_monthly_usd", "resources"} <= set(env)
    resource = next(r for r in env["resources"] if r["lines"])
    assert {"type", "name", "monthly_usd", "lines"} <= set(resource)
    assert {"item", "quantity", "unit", "unit_price_usd", "monthly_usd"} <= set(
        resource["lines"][0]
    )
    total = sum(line["monthly_usd"] for r in env["resources"] for line in r["lines"])
    assert round(total, 2) == env["total_monthly_usd"]


def test_env_and_phase_select_what_is_planned() -> None:
    result = runner.invoke(app, ["plan", EXAMPLE, "--json", "--env", "prod", "--phase", "3"])
    data = json.loads(result.output)
    assert [(e["name"], e["phase"]) for e in data["environments"]] == [("prod", 3)]


def test_unknown_environment_exits_2_with_a_suggestion() -> None:
    result = runner.invoke(app, ["plan", EXAMPLE, "--env", "prdo"])
    assert result.exit_code == 2
    assert "no environment 'prdo'; did you mean 'prod'?" in result.output


def test_misspelled_key_is_one_line_and_exit_2(tmp_path: Path) -> None:
    stack = tmp_path / "stack.yaml"
    stack.write_text(MINIMAL.replace("port: 8080", "prot: 8080"))
    result = runner.invoke(app, ["plan", str(stack)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"{stack}:5:5: services.web.prot: unknown key 'prot'; did you mean 'port'?"
    ]


def test_errors_as_json(tmp_path: Path) -> None:
    stack = tmp_path / "stack.yaml"
    stack.write_text("name: shop\nservices: {web: {port: 80, cpu: 3}}\n")
    result = runner.invoke(app, ["plan", str(stack), "--json"])
    assert result.exit_code == 2
    (error,) = json.loads(result.output)["errors"]
    assert (error["line"], error["path"]) == (2, "services.web.cpu")


def test_fail_over_budget_exits_3(tmp_path: Path) -> None:
    stack = tmp_path / "stack.yaml"
    stack.write_text(MINIMAL + "budget: {monthly_usd: 10}\n")
    assert runner.invoke(app, ["plan", str(stack)]).exit_code == 0
    assert runner.invoke(app, ["plan", str(stack), "--fail-over-budget"]).exit_code == 3


def test_validate(tmp_path: Path) -> None:
    assert runner.invoke(app, ["validate", EXAMPLE]).exit_code == 0
    stack = tmp_path / "stack.yaml"
    stack.write_text("name: shop\n")
    assert runner.invoke(app, ["validate", str(stack)]).exit_code == 2


def test_schema_accepts_every_example_and_rejects_unknown_keys() -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.output)
    for example in EXAMPLES:
        jsonschema.validate(yaml.safe_load((example / "stack.yaml").read_text()), schema)
    bad = yaml.safe_load(MINIMAL.replace("port: 8080", "prot: 8080"))
    assert not jsonschema.Draft202012Validator(schema).is_valid(bad)
    bad_name = yaml.safe_load(MINIMAL.replace("name: shop", "name: Shop--"))
    assert not jsonschema.Draft202012Validator(schema).is_valid(bad_name)


def test_console_script_runs_end_to_end() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "stackwright", "plan", EXAMPLE, "--json", "-e", "prod"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["environments"][0]["name"] == "prod"


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("stackwright 0.")


def test_plan_json_is_written_one_environment_at_a_time_as_one_document() -> None:
    stack_file = load_stack(EXAMPLE)
    results = [
        (plan, cost_plan(plan))
        for plan in (plan_environment(stack_file, n) for n in stack_file.environments)
    ]
    document = plan_json("mind-the-wait", results, default_catalog().as_of)
    printed = runner.invoke(app, ["plan", EXAMPLE, "--json"]).output
    assert printed == json.dumps(document, indent=2) + "\n"
