"""`docs/rules.md`: every check, written from the rules' own metadata."""

from __future__ import annotations

from collections.abc import Sequence

from stackwright.checks.model import Rule

HEADER = """# Checks

`stackwright check STACK` runs these rules on each environment's plan before anything is
deployed. Each finding names the stack-file line that caused it, the fix, and what the fix
adds to the monthly bill. Accept a finding on purpose in the stack file, with a reason:

```yaml
checks:
  suppress:
    - id: SW040
      reason: single-AZ database to save cost until phase 3
      environments: [staging]   # default: every environment
```

A suppressed finding is still listed, as suppressed. `--fail-on error|warning|note|never`
(default `error`) sets which findings make `check` exit 5.

This page is generated from the rules (`pytest tests/test_checks.py --update-goldens`).
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_markdown(rules: Sequence[Rule]) -> str:
    lines = [
        HEADER,
        "| id | severity | category | rule | Checkov |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rule in rules:
        checkov = ", ".join(rule.checkov) or "—"
        lines.append(
            f"| [{rule.id}](#{rule.id.lower()}) | {rule.severity} | {rule.category} | "
            f"{_cell(rule.title)} | {checkov} |"
        )
    for rule in rules:
        lines += [
            "",
            f"## {rule.id}",
            "",
            f"**{rule.title}** ({rule.severity}, {rule.category})",
            "",
            rule.rationale,
            "",
            f"Fix: {rule.fix}.",
        ]
        if rule.checkov:
            lines += ["", f"Overlaps Checkov: {', '.join(rule.checkov)}."]
    return "\n".join(lines) + "\n"
