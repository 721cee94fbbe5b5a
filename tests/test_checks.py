"""`stackwright check`: the rule registry, the engine, suppressions, locations and the CLI."""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from stackwright.checks import registry
from stackwright.checks.engine import run_checks
from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.checks.registry import RULES, RULES_BY_ID
from stackwright.plan import plan_environment
from stackwright.report.rules_doc import rules_markdown
from stackwright.stack import StackError, load_text
from tests.cli_run import run
from tests.helpers import matches_golden

ROOT = Path(__file__).resolve().parent.parent
RULE_FILES = ROOT / "src" / "stackwright" / "checks" / "rules"
BASE = (Path(__file__).parent / "rules" / "base.yaml").read_text()


def rule_classes_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.ClassDef)
        and any(
            getattr(base, "id", "") in ("Rule", "AlarmPresent", "TargetMet") for base in node.bases
        )
    ]


def test_every_rule_file_holds_one_rule_and_is_registered() -> None:
    registered = {type(rule).__name__: rule for rule in RULES}
    for path in sorted(RULE_FILES.glob("sw*.py")):
        classes = rule_classes_in(path)
        assert len(classes) == 1, f"{path.name} holds {classes}: one rule per file"
        rule = registered.get(classes[0])
        assert rule is not None, f"{path.name}: {classes[0]} is not in checks/registry.py"
        assert path.name.startswith(rule.id.lower() + "_"), f"{path.name} holds {rule.id}"
    assert len(list(RULE_FILES.glob("sw*.py"))) == len(RULES)


def test_rule_ids_are_unique_and_metadata_complete() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids)), "a rule id is used twice"
    assert len(RULES) >= 40
    for rule in RULES:
        assert rule.severity in ("error", "warning", "note")
        assert rule.title and rule.rationale and rule.fix, rule.id
        assert all(c.startswith(("CKV_AWS_", "CKV2_AWS_")) for c in rule.checkov), rule.id


def test_docs_rules_md_is_generated_from_the_rules(update_goldens: bool) -> None:
    matches_golden(ROOT / "docs" / "rules.md", rules_markdown(RULES), update_goldens)


class Explodes(Rule):
    id = "SW999"
    title = "always raises"
    severity = "note"
    category = "deploy"
    rationale = "a test"
    fix = "none"
    checkov: ClassVar[tuple[str, ...]] = ()

    def check(self, facts: Facts) -> Iterator[Hit]:
        raise ZeroDivisionError("division by zero")
        yield  # pragma: no cover


def test_a_rule_that_raises_is_an_error_finding_and_the_others_still_run() -> None:
    plan = plan_environment(load_text(BASE), "prod")
    findings = run_checks(plan, [Explodes(), RULES_BY_ID["SW065"]])
    assert [f.message for f in findings] == [
        "rule SW999 crashed: ZeroDivisionError: division by zero"
    ]
    assert findings[0].severity == "error" and findings[0].crashed


def test_registry_module_lists_rules_in_id_order() -> None:
    assert [r.id for r in registry.RULES] == sorted(r.id for r in registry.RULES)


OVER_BUDGET = BASE.replace("monthly_usd: 1000", "monthly_usd: 10")


def test_findings_point_at_the_line_that_caused_them(write_stack) -> None:  # type: ignore[no-untyped-def]
    path = write_stack(OVER_BUDGET)
    result = run("check", str(path), "--json")
    assert result.code == 5
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["rule"] == "SW065"
    budget_line = next(i for i, line in enumerate(OVER_BUDGET.splitlines(), 1) if "budget" in line)
    assert (finding["line"], finding["key"]) == (budget_line, "budget.monthly_usd")
    assert finding["file"] == str(path)


def test_an_override_is_pointed_at_where_it_is_written(write_stack) -> None:  # type: ignore[no-untyped-def]
    text = BASE.replace(
        "  prod: {phase: 2}",
        "  prod: {phase: 3}\n  staging:\n    phase: 3\n    overrides:\n"
        "      postgres: {multi_az: false}",
    )
    result = run("check", str(write_stack(text)), "--json", "--env", "staging")
    by_rule = {f["rule"]: f for f in json.loads(result.stdout)["findings"]}
    assert by_rule["SW040"]["key"] == "environments.staging.overrides.postgres.multi_az"
    assert (
        by_rule["SW040"]["line"] == text.splitlines().index("      postgres: {multi_az: false}") + 1
    )
    assert by_rule["SW040"]["fix_monthly_usd"] > 0


def test_a_topology_choice_left_to_the_phase_points_at_the_phase(write_stack) -> None:  # type: ignore[no-untyped-def]
    text = BASE.replace("  prod: {phase: 2}", "  prod: {phase: 3}\n  staging: {phase: 3}")
    text += "topology: {azs: 2}\n"
    stack_file = load_text(text)
    key, where = stack_file.where("prod", ("topology", "waf"))
    assert key == ("environments", "prod", "phase")
    assert where.line == text.splitlines().index("  prod: {phase: 3}") + 1


SUPPRESSED = OVER_BUDGET + (
    "checks:\n  suppress:\n    - id: SW065\n      reason: the budget is raised next month\n"
)


def test_a_suppressed_finding_is_listed_as_suppressed_and_does_not_fail(write_stack) -> None:  # type: ignore[no-untyped-def]
    path = write_stack(SUPPRESSED)
    result = run("check", str(path), "--json")
    assert result.code == 0
    (finding,) = json.loads(result.stdout)["findings"]
    assert (
        finding["suppressed"] and finding["suppression_reason"] == "the budget is raised next month"
    )
    text = run("check", str(path))
    assert "suppressed in the stack file (1)" in text.stdout
    assert "accepted: the budget is raised next month" in text.stdout


def test_a_suppression_needs_a_reason() -> None:
    with pytest.raises(StackError) as error:
        load_text(BASE + "checks:\n  suppress:\n    - id: SW065\n      reason: '  '\n")
    assert "needs a reason" in str(error.value)


def test_a_suppression_of_an_unknown_rule_or_environment_is_refused(write_stack) -> None:  # type: ignore[no-untyped-def]
    text = BASE + "checks:\n  suppress:\n    - id: SW665\n      reason: why not\n"
    result = run("check", str(write_stack(text)))
    assert result.code == 2
    assert "no rule SW665; did you mean 'SW066'?" in result.stderr
    with pytest.raises(StackError) as error:
        load_text(
            BASE + "checks:\n  suppress:\n    - {id: SW065, reason: x, environments: [prd]}\n"
        )
    assert "no environment 'prd'; did you mean 'prod'?" in str(error.value)


def test_a_suppression_applies_only_to_its_environments(write_stack) -> None:  # type: ignore[no-untyped-def]
    text = OVER_BUDGET.replace("  prod: {phase: 2}", "  prod: {phase: 2}\n  staging: {phase: 2}")
    text += (
        "checks:\n  suppress:\n"
        "    - {id: SW065, reason: staging is short-lived, environments: [staging]}\n"
    )
    result = run("check", str(write_stack(text)), "--json")
    states = {(f["environment"], f["suppressed"]) for f in json.loads(result.stdout)["findings"]}
    assert states == {("prod", False), ("staging", True)}
    assert result.code == 5


def test_fail_on_sets_what_fails(write_stack) -> None:  # type: ignore[no-untyped-def]
    path = write_stack(BASE.replace("postgres: {}", "postgres: {backup_days: 3}"))
    assert run("check", str(path)).code == 0  # a warning only
    assert run("check", str(path), "--fail-on", "warning").code == 5
    assert run("check", str(OVER := write_stack(OVER_BUDGET, "over.yaml"))).code == 5
    assert run("check", str(OVER), "--fail-on", "never").code == 0


def test_list_rules() -> None:
    result = run("check", "--list-rules", "--json")
    rules = json.loads(result.stdout)["rules"]
    assert result.code == 0 and len(rules) >= 40
    assert {"id", "title", "severity", "category", "rationale", "fix", "checkov"} <= set(rules[0])
    text = run("check", "--list-rules")
    assert "SW040  warning" in text.stdout


def test_check_without_a_stack_file_says_what_to_give() -> None:
    result = run("check")
    assert result.code == 2 and "give a stack file, or --list-rules" in result.stderr


def test_the_text_report_groups_by_severity_and_prices_each_fix(write_stack) -> None:  # type: ignore[no-untyped-def]
    text = BASE.replace("  prod: {phase: 2}", "  prod: {phase: 3}\n  staging: {phase: 2}")
    text = text.replace("postgres: {}", "postgres: {multi_az: false}")
    result = run("check", str(write_stack(text)))
    lines = result.stdout.splitlines()
    lines = lines[lines.index("warnings (1)") :]  # after the availability tables
    assert "SW040 warning  prod (phase 3): database.postgres runs in one zone" in lines[1]
    assert lines[2].startswith("      fix: set postgres.multi_az: true") and "/month)" in lines[2]
    assert lines[-1] == "shop: 0 errors, 1 warning, 0 notes; 0 suppressed"


EXAMPLES = sorted((ROOT / "examples").glob("*/stack.yaml"))


@pytest.mark.parametrize("stack", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_each_example_fixes_or_suppresses_every_finding_with_a_reason(stack: Path) -> None:
    result = run("check", str(stack), "--json", "--fail-on", "note")
    assert result.code == 0, result.stdout
    findings = json.loads(result.stdout)["findings"]
    assert all(f["suppressed"] and f["suppression_reason"].strip() for f in findings)
