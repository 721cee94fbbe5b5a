"""What the availability analyzer computes: composite availability per request path, and the
recovery time and data loss of each failure scenario."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from stackwright.plan.resources import Resource
from stackwright.stack.source import KeyPath

MINUTES_PER_YEAR = 365 * 24 * 60
MINUTES_PER_MONTH = 730 * 60  # AWS bills and the price catalog count 730 hours a month


@dataclass(frozen=True, slots=True)
class Sla:
    """A published monthly uptime commitment (a row of data/slas.yaml)."""

    key: str
    service: str
    shape: str
    percent: float
    source: str
    checked: str
    basis: str | None = None


@dataclass(frozen=True, slots=True)
class Assumption:
    """How long one kind of recovery takes (a row of data/recovery.yaml)."""

    key: str
    minutes: float
    basis: str
    source: str
    per_100_gb: float = 0.0


@dataclass(frozen=True, slots=True)
class Component:
    """One thing a request passes through: `copies` independent copies, any one of which can
    serve, each available `sla.percent` of the month."""

    resource: str  # a plan resource id
    sla: Sla
    copies: int = 1

    @property
    def availability(self) -> float:
        return redundant([self.sla.percent / 100] * self.copies)


@dataclass(frozen=True, slots=True)
class RequestPath:
    """What a request (or a background job) needs, in series, from the edge to the data."""

    name: str
    kind: Literal["request", "background"]
    components: tuple[Component, ...]

    @property
    def availability(self) -> float:
        return series(c.availability for c in self.components)

    @property
    def downtime_minutes_per_year(self) -> float:
        return (1 - self.availability) * MINUTES_PER_YEAR

    @property
    def downtime_minutes_per_month(self) -> float:
        return (1 - self.availability) * MINUTES_PER_MONTH


def series(availabilities: Iterable[float]) -> float:
    """Everything must be up: the availabilities multiply."""
    return math.prod(availabilities)


def redundant(availabilities: Iterable[float]) -> float:
    """Any one copy is enough: 1 − Π(1 − A)."""
    return 1 - math.prod(1 - a for a in availabilities)


ScenarioId = Literal["task", "zone", "database", "cache", "search", "host", "region", "corruption"]


@dataclass(frozen=True, slots=True)
class Fix:
    """What would bring a scenario within the targets: said, and, when the plan can express
    it, the resources as it would leave them (priced by the same pricers as the plan)."""

    says: str
    resource: Resource
    origin: KeyPath
    fixed: tuple[Resource, ...] = ()


@dataclass(frozen=True, slots=True)
class Recovery:
    """One resource's part in a scenario: how long until it serves again, and the data lost."""

    resource: Resource
    rto_minutes: float | None  # None: not until AWS brings the failed part back
    rpo_minutes: float | None  # None: nothing to lose (stateless); inf: everything since created
    how: str
    fixes: tuple[Fix, ...] = ()
    held_to_rpo: bool = True  # False: its data is rebuilt from elsewhere (a cache)


@dataclass(frozen=True, slots=True)
class Scenario:
    id: ScenarioId
    title: str
    recoveries: tuple[Recovery, ...]
    in_scope: bool = True
    out_of_scope_because: str | None = None

    @property
    def rto_minutes(self) -> float | None:
        """The longest recovery; None when one waits for AWS to bring back what failed."""
        times = [r.rto_minutes for r in self.recoveries]
        if any(t is None for t in times):
            return None
        return max((t for t in times if t is not None), default=0.0)

    @property
    def rpo_minutes(self) -> float:
        losses = [r.rpo_minutes for r in self.recoveries if r.held_to_rpo]
        return max((x for x in losses if x is not None), default=0.0)


@dataclass(frozen=True, slots=True)
class Analysis:
    paths: tuple[RequestPath, ...]
    scenarios: tuple[Scenario, ...]
    rto_target_minutes: float
    rpo_target_minutes: float
    assumptions: tuple[Assumption, ...]
    slas: tuple[Sla, ...]

    def scenario(self, scenario_id: ScenarioId) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)
