"""Instance classes stackwright knows, with their size.

The set of known classes is the set the price catalog prices in us-east-1 (a test keeps the two
in step), so that every class a stack file may name has a cost. Sizes come from the AWS instance
type pages (vCPU, memory in GiB).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class InstanceSize:
    vcpu: float
    memory_gib: float
    arm: bool = False


EC2_INSTANCES: dict[str, InstanceSize] = {
    "t3.micro": InstanceSize(2, 1),
    "t3.small": InstanceSize(2, 2),
    "t3.medium": InstanceSize(2, 4),
    "t3.large": InstanceSize(2, 8),
    "t3.xlarge": InstanceSize(4, 16),
    "t3.2xlarge": InstanceSize(8, 32),
    "t4g.micro": InstanceSize(2, 1, arm=True),
    "t4g.small": InstanceSize(2, 2, arm=True),
    "t4g.medium": InstanceSize(2, 4, arm=True),
    "t4g.large": InstanceSize(2, 8, arm=True),
    "t4g.xlarge": InstanceSize(4, 16, arm=True),
    "m6i.large": InstanceSize(2, 8),
    "m7g.large": InstanceSize(2, 8, arm=True),
}

# Ordered smallest first: the phase-1 host is the first that fits the containers.
EC2_HOST_LADDER: tuple[str, ...] = (
    "t3.small",
    "t3.medium",
    "t3.large",
    "t3.xlarge",
    "t3.2xlarge",
)

RDS_INSTANCES: dict[str, InstanceSize] = {
    "db.t4g.micro": InstanceSize(2, 1, arm=True),
    "db.t4g.small": InstanceSize(2, 2, arm=True),
    "db.t4g.medium": InstanceSize(2, 4, arm=True),
    "db.t3.micro": InstanceSize(2, 1),
    "db.t3.small": InstanceSize(2, 2),
    "db.t3.medium": InstanceSize(2, 4),
    "db.t3.large": InstanceSize(2, 8),
    "db.r6g.large": InstanceSize(2, 16, arm=True),
    "db.m6g.large": InstanceSize(2, 8, arm=True),
}

CACHE_NODES: dict[str, InstanceSize] = {
    "cache.t4g.micro": InstanceSize(2, 0.5, arm=True),
    "cache.t4g.small": InstanceSize(2, 1.37, arm=True),
    "cache.t3.micro": InstanceSize(2, 0.5),
    "cache.t3.medium": InstanceSize(2, 3.09),
    "cache.r6g.large": InstanceSize(2, 13.07, arm=True),
}

SEARCH_INSTANCES: dict[str, InstanceSize] = {
    "t3.small.search": InstanceSize(2, 2),
    "t3.medium.search": InstanceSize(2, 4),
    "m6g.large.search": InstanceSize(2, 8, arm=True),
    "r6g.large.search": InstanceSize(2, 16, arm=True),
}

# CloudWatch Logs accepts only these retention periods (days); 0 means never expire.
LOG_RETENTION_DAYS: tuple[int, ...] = (
    1,
    3,
    5,
    7,
    14,
    30,
    60,
    90,
    120,
    150,
    180,
    365,
    400,
    545,
    731,
    1096,
    1827,
    2192,
    2557,
    2922,
    3288,
    3653,
)

REGIONS: tuple[str, ...] = ("us-east-1", "us-west-2", "eu-west-1")  # the shipped catalog's

# Commercial regions a stack may name, with the letters of the three availability zones the
# Terraform uses there (named, so the set never shifts). Not every region's zones run a, b, c:
# ap-northeast-1 has no b, ca-central-1 no c. Regions where the zones an account sees differ by
# account (us-west-1) are left out. Source: the AWS Regions and Availability Zones
# documentation, read 2026-11. Prices for the regions outside REGIONS come from
# `stackwright prices refresh`.
AZ_LETTERS: dict[str, str] = {
    "us-east-1": "abc",
    "us-east-2": "abc",
    "us-west-2": "abc",
    "ca-central-1": "abd",
    "sa-east-1": "abc",
    "eu-west-1": "abc",
    "eu-west-2": "abc",
    "eu-west-3": "abc",
    "eu-central-1": "abc",
    "eu-north-1": "abc",
    "eu-south-1": "abc",
    "ap-south-1": "abc",
    "ap-southeast-1": "abc",
    "ap-southeast-2": "abc",
    "ap-northeast-1": "acd",
    "ap-northeast-2": "abc",
    "ap-northeast-3": "abc",
}
