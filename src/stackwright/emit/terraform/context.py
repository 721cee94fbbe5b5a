"""What every Terraform concern module shares: the Plan, the files being built, naming."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from stackwright.aws.names import aws_name
from stackwright.emit.terraform.hcl import IDENTIFIER, Block, Interpolation, Item, Raw
from stackwright.plan.model import INTERNET, Plan
from stackwright.plan.resources import EcsService, Resource, ScheduledTask, SecurityGroup, Subnet

R = TypeVar("R", bound=Resource)

TERRAFORM_VERSION = ">= 1.10"  # S3 backend locking without DynamoDB (use_lockfile)
# Tested against 5.100 (the newest 5.x); the blocks written are those 6.x accepts too.
AWS_PROVIDER_VERSION = ">= 5.100, < 7.0"


def label(name: str) -> str:
    """A Terraform resource label from a plan name (names are checked when the stack loads;
    this refuses anything else, so a label is always safe to write into an expression)."""
    result = name.replace("-", "_").replace(".", "_")
    if not IDENTIFIER.fullmatch(result):
        raise ValueError(f"{name!r} cannot be a Terraform label")
    return result


@dataclass
class Root:
    """One Terraform root being written: file name → top-level items."""

    plan: Plan
    files: dict[str, list[Item]] = field(default_factory=dict)
    extra_files: dict[str, str] = field(default_factory=dict)  # templates and the like
    variables: list[Block] = field(default_factory=list)
    outputs: list[Block] = field(default_factory=list)

    # Indexes over the plan, built once: a plan can hold thousands of resources.
    @cached_property
    def _by_id(self) -> dict[str, Resource]:
        return {r.id: r for r in self.plan.resources}

    @cached_property
    def _targets_of(self) -> dict[str, list[str]]:
        targets: dict[str, list[str]] = {}
        for flow in self.plan.flows:
            if flow.target != INTERNET:
                targets.setdefault(flow.source, []).append(flow.target)
        return targets

    @cached_property
    def _groups(self) -> dict[str, str]:
        return {
            g.owner: f"aws_security_group.{label(g.name)}.id"
            for g in self.plan.of_type(SecurityGroup)
        }

    def get(self, resource_id: str) -> Resource:
        return self._by_id[resource_id]

    def used_by(self, resource: Resource) -> list[Resource]:
        """What `resource` talks to, from the plan's flows."""
        return [self._by_id[t] for t in self._targets_of.get(resource.id, [])]

    def add(self, file: str, block: Block) -> Block:
        self.files.setdefault(file, []).append(block)
        return block

    def resource(self, file: str, kind: str, name: str) -> Block:
        return self.add(file, Block("resource", (kind, label(name))))

    def data(self, file: str, kind: str, name: str) -> Block:
        return self.add(file, Block("data", (kind, label(name))))

    def output(self, name: str, value: Raw | Interpolation, description: str) -> None:
        block = Block("output", (name,))
        block.attrs(description=description, value=value)
        self.outputs.append(block)

    @property
    def prod(self) -> bool:
        return self.plan.production

    @property
    def prefix(self) -> str:
        """The stack and the environment, which every AWS name starts with."""
        return f"{self.plan.stack}-{self.plan.environment}"

    def named(self, kind: str, *suffix: str) -> str:
        """The AWS name of a resource of `kind` (its Terraform type): the stack and the
        environment, then the resource's own name, fitted within the kind's limit."""
        return aws_name(kind, self.plan.stack, self.plan.environment, *suffix)

    def runs_as(self, task: EcsService | ScheduledTask) -> EcsService | ScheduledTask:
        """Whose roles, security group, logs and settings a task has: a worker's scheduled job
        runs as the worker."""
        if isinstance(task, ScheduledTask) and task.runs_in:
            worker = self.get(f"{EcsService.TYPE}.{task.runs_in}")
            assert isinstance(worker, EcsService)
            return worker
        return task

    def group_of(self, owner: Resource) -> str:
        """The Terraform address of the security group that guards `owner`."""
        return self._groups[owner.id]

    @cached_property
    def _subnets(self) -> dict[str, list[str]]:
        tiers: dict[str, list[str]] = {}
        for subnet in self.plan.of_type(Subnet):
            tiers.setdefault(subnet.tier, []).append(f"aws_subnet.{label(subnet.name)}.id")
        return tiers

    def subnet_ids(self, tier: str) -> Raw:
        return Raw("[" + ", ".join(self._subnets.get(tier, [])) + "]")
