"""The Plan: every resource one environment needs, and the network flows between them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from stackwright.plan.resources import DnsRecord, LoadBalancer, Resource
from stackwright.stack.model import Usage
from stackwright.stack.source import KeyPath

INTERNET = "internet"
PRODUCTION_NAMES = ("prod", "production")  # environments held to production's rules

R = TypeVar("R", bound=Resource)


@dataclass(frozen=True, slots=True)
class Flow:
    """`source` talks to `target`. A port means a network connection (and so a security-group
    rule); no port means an AWS API call the task role must be allowed to make."""

    source: str
    target: str
    port: int | None
    protocol: str
    purpose: str
    origin: KeyPath = ()  # the stack key path that asks for it (see Resource.origin)

    @property
    def id(self) -> str:
        port = f":{self.port}" if self.port is not None else ""
        return f"{self.source}->{self.target}{port}"


@dataclass(frozen=True, slots=True)
class Suppression:
    """A check the stack file accepts failing in this environment, and why."""

    rule: str
    reason: str
    origin: KeyPath


@dataclass(frozen=True, slots=True)
class Plan:
    stack: str
    environment: str
    phase: int
    phase_name: str
    region: str
    resources: tuple[Resource, ...]
    flows: tuple[Flow, ...]
    usage: Usage = field(default_factory=Usage)
    notes: tuple[str, ...] = ()
    dr_region: str | None = None
    rto_minutes: float = 240.0
    rpo_minutes: float = 60.0
    state_bucket: str = ""
    state_region: str = ""
    account_id: str | None = None
    environments: tuple[str, ...] = ()  # every environment of the stack, this one included
    suppressions: tuple[Suppression, ...] = ()
    _by_type: dict[type[Resource], list[Resource]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for resource in self.resources:  # an index, so of_type is cheap on large plans
            self._by_type.setdefault(type(resource), []).append(resource)

    @property
    def production(self) -> bool:
        return self.environment in PRODUCTION_NAMES

    def of_type(self, kind: type[R]) -> Iterator[R]:
        if kind is Resource:
            return iter(self.resources)  # type: ignore[arg-type]
        return iter(self._by_type.get(kind, ()))  # type: ignore[arg-type]

    def get(self, resource_id: str) -> Resource:
        for resource in self.resources:
            if resource.id == resource_id:
                return resource
        raise KeyError(resource_id)

    def aliases_load_balancer(self, record: DnsRecord) -> bool:
        """Whether `record` is an alias to the load balancer (which Route 53 answers free)."""
        return any(record.target == balancer.id for balancer in self.of_type(LoadBalancer))
