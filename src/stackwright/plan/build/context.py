"""What every planning step reads (the environment's stack and phase) and writes (resources)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from stackwright.plan.model import Flow
from stackwright.plan.phases import PhaseProfile
from stackwright.plan.resources import Resource, SubnetTier
from stackwright.stack.model import Stack
from stackwright.stack.source import KeyPath

R = TypeVar("R", bound=Resource)


@dataclass
class Context:
    stack: Stack
    environment: str
    region: str
    domain: str | None
    zone_owner: bool
    profile: PhaseProfile
    own_domain: bool = False  # the environment sets `domain:` itself
    resources: list[Resource] = field(default_factory=list)
    flows: list[Flow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # the resource id that stands for each stack name (`uses:` targets)
    endpoints: dict[str, str] = field(default_factory=dict)

    @property
    def prefix(self) -> str:
        return f"{self.stack.name}-{self.environment}"

    @property
    def phase(self) -> int:
        return self.profile.number

    @property
    def on_host(self) -> bool:
        return self.profile.compute == "ec2-compose"

    @property
    def data_tier(self) -> SubnetTier:
        if self.profile.data_subnets or self.profile.task_subnets == "public":
            return "data"
        return "private"

    def add(self, resource: R) -> R:
        self.resources.append(resource)
        return resource

    @property
    def domain_origin(self) -> KeyPath:
        """Where this environment's domain is written: its own, or the stack's."""
        return ("environments", self.environment, "domain") if self.own_domain else ("domain",)

    @property
    def phase_origin(self) -> KeyPath:
        return ("environments", self.environment, "phase")

    def flow(
        self,
        source: str,
        target: str,
        port: int | None,
        protocol: str,
        purpose: str,
        origin: KeyPath = (),
    ) -> None:
        self.flows.append(Flow(source, target, port, protocol, purpose, origin))
