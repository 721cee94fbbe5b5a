"""What a check says: a rule's metadata, what it found (a Hit), and the Finding reported."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Literal

from stackwright.plan.resources import Resource
from stackwright.stack.source import KeyPath

if TYPE_CHECKING:
    from stackwright.checks.facts import Facts

Severity = Literal["error", "warning", "note"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "note")
SEVERITY_RANK: dict[str, int] = {"note": 1, "warning": 2, "error": 3}
Category = Literal[
    "network",
    "identity",
    "encryption",
    "backup",
    "availability",
    "monitoring",
    "cost",
    "deploy",
]


@dataclass(frozen=True, slots=True)
class Hit:
    """One thing a rule found wrong with one resource (or with the plan, resource None)."""

    resource: str  # a resource id, or "plan"
    message: str
    origin: KeyPath  # the stack key to point at
    fix: str | None = None  # said instead of the rule's own fix
    # the resources as the fix would leave them (same ids replace, new ids add), so the fix is
    # priced by the same pricers as the plan
    fixed: tuple[Resource, ...] = ()
    removed: tuple[str, ...] = ()  # ids of resources the fix takes away

    @property
    def priced(self) -> bool:
        return bool(self.fixed or self.removed)


class Rule:
    """A check over a Plan. Subclasses set the metadata and write `check`."""

    id: ClassVar[str]
    title: ClassVar[str]
    severity: ClassVar[Severity]
    category: ClassVar[Category]
    rationale: ClassVar[str]
    fix: ClassVar[str]
    checkov: ClassVar[tuple[str, ...]] = ()  # the Checkov checks it overlaps

    def check(self, facts: Facts) -> Iterator[Hit]:
        raise NotImplementedError

    def hit(
        self,
        resource: Resource,
        message: str,
        *,
        origin: KeyPath | None = None,
        fix: str | None = None,
        fixed: tuple[Resource, ...] = (),
        removed: tuple[str, ...] = (),
    ) -> Hit:
        where = resource.origin if origin is None else origin
        return Hit(resource.id, message, where, fix, fixed, removed)


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    title: str
    severity: Severity
    category: Category
    environment: str
    phase: int
    resource: str
    message: str
    fix: str
    fix_monthly_usd: Decimal | None  # what the fix adds to (or saves from) the month's bill
    origin: KeyPath
    suppressed: str | None = None  # the stack file's reason, when it accepts the finding
    suppressed_by: KeyPath = ()
    crashed: bool = False  # the rule raised: a bug in the rule, never suppressed

    def at_least(self, severity: str) -> bool:
        return SEVERITY_RANK[self.severity] >= SEVERITY_RANK[severity]
