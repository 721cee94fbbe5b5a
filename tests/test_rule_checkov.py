"""The rules and Checkov agree: for each rule that overlaps Checkov checks, the Terraform built
from its failing fixture fails one of those checks (once the emitter's `checkov:skip` comments,
which accept the same choice, are taken out), and the Terraform of its passing fixture fails none.

A rule whose fixtures `tamper` with the plan is left out: no stack file gives that plan, so there
is no Terraform to show Checkov. One Checkov run covers every fixture (it takes seconds to
start)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from stackwright.checks.registry import RULES
from stackwright.emit.build import terraform_files
from stackwright.stack import load_text
from tests.test_rule_fixtures import BASE, fixture, patched

SKIP_COMMENT = re.compile(r"^\s*# checkov:skip=.*\n", re.M)
OVERLAPPING = [
    rule
    for rule in RULES
    if rule.checkov
    and not any(case.get("tamper") for case in fixture(rule.id).values() if isinstance(case, dict))
]


def write_root(folder: Path, stack: dict[str, Any], keep_skips: bool) -> None:
    files = terraform_files(load_text(yaml.safe_dump(stack, sort_keys=False), "fixture.yaml"))
    for name, text in files.items():
        if not name.startswith("terraform/prod/"):
            continue
        path = folder / Path(name).name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text if keep_skips else SKIP_COMMENT.sub("", text))


@pytest.fixture(scope="module")
def failed(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], set[str]]:
    """(rule id, failing|passing) → the Checkov ids that failed in that fixture's prod root."""
    work = tmp_path_factory.mktemp("rule-checkov")
    for rule in OVERLAPPING:
        cases = fixture(rule.id)
        for case in ("failing", "passing"):
            stack = patched(BASE, cases[case].get("stack") or {})
            write_root(work / rule.id / case, stack, keep_skips=case == "passing")
    checks = sorted({c for rule in OVERLAPPING for c in rule.checkov})
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "checkov.main",
            "-d",
            str(work),
            "--framework",
            "terraform",
            "--skip-download",
            "--check",
            ",".join(checks),
            "-o",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    reports = json.loads(result.stdout)
    reports = reports if isinstance(reports, list) else [reports]
    found: dict[tuple[str, str], set[str]] = {}
    for report in reports:
        for check in report["results"]["failed_checks"]:
            rule_id, case = Path(check["file_path"].lstrip("/")).parts[:2]
            found.setdefault((rule_id, case), set()).add(check["check_id"])
    return found


@pytest.mark.parametrize("rule", OVERLAPPING, ids=[r.id for r in OVERLAPPING])
def test_checkov_fails_the_failing_fixture_and_passes_the_passing_one(
    rule: Any, failed: dict[tuple[str, str], set[str]]
) -> None:
    overlapping = set(rule.checkov)
    assert failed.get((rule.id, "failing"), set()) & overlapping, (
        f"{rule.id}'s failing fixture passes Checkov's {sorted(overlapping)}"
    )
    assert not failed.get((rule.id, "passing"), set()) & overlapping, (
        f"{rule.id}'s passing fixture fails {sorted(failed[(rule.id, 'passing')] & overlapping)}"
    )
