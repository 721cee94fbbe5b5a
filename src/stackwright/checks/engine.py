"""Run every rule over a plan: findings, with the stack file's suppressions applied.

A rule that raises is reported as an error finding of its own: a check that silently stops
checking would read as a pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from stackwright.checks.facts import Facts
from stackwright.checks.model import Finding, Hit, Rule
from stackwright.checks.registry import RULES
from stackwright.cost.catalog import Catalog
from stackwright.plan.model import Plan, Suppression


def run_checks(
    plan: Plan, rules: Iterable[Rule] = RULES, catalog: Catalog | None = None
) -> list[Finding]:
    facts = Facts(plan, catalog)
    findings: list[Finding] = []
    for rule in rules:
        try:
            hits = list(rule.check(facts))
        except Exception as exc:
            findings.append(_crashed(rule, plan, exc))
            continue
        findings.extend(_finding(rule, plan, hit, facts) for hit in hits)
    return _suppress(plan, findings)


def _finding(rule: Rule, plan: Plan, hit: Hit, facts: Facts) -> Finding:
    return Finding(
        rule=rule.id,
        title=rule.title,
        severity=rule.severity,
        category=rule.category,
        environment=plan.environment,
        phase=plan.phase,
        resource=hit.resource,
        message=hit.message,
        fix=hit.fix or rule.fix,
        fix_monthly_usd=facts.cost_of_fix(hit.fixed, hit.removed) if hit.priced else None,
        origin=hit.origin,
    )


def _crashed(rule: Rule, plan: Plan, exc: Exception) -> Finding:
    return Finding(
        rule=rule.id,
        title=rule.title,
        severity="error",
        category=rule.category,
        environment=plan.environment,
        phase=plan.phase,
        resource="plan",
        message=f"rule {rule.id} crashed: {type(exc).__name__}: {exc}",
        fix="report this as a bug in stackwright; the rest of the checks ran",
        fix_monthly_usd=None,
        origin=(),
        crashed=True,
    )


def _suppress(plan: Plan, findings: list[Finding]) -> list[Finding]:
    """Mark what the stack file accepts (the first suppression of a rule gives the reason)."""
    accepted: dict[str, Suppression] = {}
    for suppression in plan.suppressions:
        accepted.setdefault(suppression.rule, suppression)
    return [
        replace(finding, suppressed=s.reason, suppressed_by=s.origin)
        if (s := accepted.get(finding.rule)) is not None and not finding.crashed
        else finding
        for finding in findings
    ]
