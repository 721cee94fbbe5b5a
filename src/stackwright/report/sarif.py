"""Findings as SARIF 2.1.0, the format GitHub code scanning reads: each finding shows on the
stack file's line in a pull request.

GitHub ranks a rule by its `security-severity` property (0.1-3.9 low, 4.0-6.9 medium, 7.0-8.9
high, 9.0+ critical); a finding's fingerprint leaves out its line and wording, so it stays the
same finding when lines above it move or a figure in it changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from stackwright import __version__
from stackwright.checks.model import Rule
from stackwright.report.check_view import Located, fix_cost

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SECURITY_SEVERITY = {"error": "8.0", "warning": "5.0", "note": "2.0"}
FINGERPRINT = "stackwright/v1"


def _rule(rule: Rule) -> dict[str, Any]:
    checkov = f" Overlaps Checkov {', '.join(rule.checkov)}." if rule.checkov else ""
    return {
        "id": rule.id,
        "name": type(rule).__name__,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.rationale},
        "help": {
            "text": f"{rule.rationale}\nFix: {rule.fix}.{checkov}",
            "markdown": f"{rule.rationale}\n\n**Fix:** {rule.fix}.{checkov}",
        },
        "defaultConfiguration": {"level": rule.severity},
        "properties": {
            "tags": [rule.category],
            "security-severity": SECURITY_SEVERITY[rule.severity],
            "precision": "high",
        },
    }


def fingerprint(item: Located) -> str:
    finding = item.finding
    identity = "\0".join((finding.rule, finding.environment, finding.resource, str(item.key)))
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32]


def _result(item: Located, uri: str, index: dict[str, int]) -> dict[str, Any]:
    finding = item.finding
    cost = fix_cost(finding.fix_monthly_usd)
    text = (
        f"{finding.environment} (phase {finding.phase}): {finding.message}. "
        f"Fix: {finding.fix}" + (f" ({cost})." if cost else ".")
    )
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": finding.severity,
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": item.line, "startColumn": item.column},
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT: fingerprint(item)},
        "properties": {"environment": finding.environment, "resource": finding.resource},
    }
    if finding.suppressed is not None:
        result["suppressions"] = [{"kind": "inSource", "justification": finding.suppressed}]
    return result


def sarif_log(rules: Sequence[Rule], located: Sequence[Located], uri: str) -> dict[str, Any]:
    """One run of every rule; `uri` is the stack file relative to the repository root."""
    index = {rule.id: i for i, rule in enumerate(rules)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "stackwright",
                        "version": __version__,
                        "rules": [_rule(rule) for rule in rules],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the repository"}}},
                "results": [_result(item, uri, index) for item in located],
            }
        ],
    }
