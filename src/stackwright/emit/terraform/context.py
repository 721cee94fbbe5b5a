"""What every Terraform concern module shares: the Plan, the files being built, naming."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from stackwright.emit.terraform.hcl import Block, Item, Raw
from stackwright.plan.model import Plan
from stackwright.plan.resources import Resource, SecurityGroup, Subnet

R = TypeVar("R", bound=Resource)

TERRAFORM_VERSION = ">= 1.10"  # S3 backend locking without DynamoDB (use_lockfile)
AWS_PROVIDER_VERSION = "~> 6.0"
RANDOM_PROVIDER_VERSION = "~> 3.6"


def label(name: str) -> str:
    """A Terraform resource label from a plan name."""
    return name.replace("-", "_").replace(".", "_")


@dataclass
class Root:
    """One Terraform root being written: file name → top-level items."""

    plan: Plan
    files: dict[str, list[Item]] = field(default_factory=dict)
    extra_files: dict[str, str] = field(default_factory=dict)  # templates and the like
    variables: list[Block] = field(default_factory=list)
    outputs: list[Block] = field(default_factory=list)
    needs_random: bool = False
    _index: dict[str, Resource] = field(default_factory=dict)

    def get(self, resource_id: str) -> Resource:
        """A plan resource by id (indexed once; plans can hold thousands)."""
        if not self._index:
            self._index = {r.id: r for r in self.plan.resources}
        return self._index[resource_id]

    def add(self, file: str, block: Block) -> Block:
        self.files.setdefault(file, []).append(block)
        return block

    def resource(self, file: str, kind: str, name: str) -> Block:
        return self.add(file, Block("resource", (kind, label(name))))

    def data(self, file: str, kind: str, name: str) -> Block:
        return self.add(file, Block("data", (kind, label(name))))

    def output(self, name: str, value: Raw, description: str) -> None:
        block = Block("output", (name,))
        block.attrs(description=description, value=value)
        self.outputs.append(block)

    @property
    def prod(self) -> bool:
        return self.plan.environment in ("prod", "production")

    def named(self, suffix: str) -> Raw:
        """An AWS name: the stack and environment, then the resource's own name."""
        return Raw(f'"${{local.name}}-{suffix}"')

    def group_of(self, owner: Resource) -> str:
        """The Terraform address of the security group that guards `owner`."""
        for group in self.plan.of_type(SecurityGroup):
            if group.owner == owner.id:
                return f"aws_security_group.{label(group.name)}.id"
        raise KeyError(f"no security group guards {owner.id}")

    def subnet_ids(self, tier: str) -> Raw:
        names = [label(s.name) for s in self.plan.of_type(Subnet) if s.tier == tier]
        return Raw("[" + ", ".join(f"aws_subnet.{n}.id" for n in names) + "]")
