"""Which Price List rows price which catalog item: by offer, product family, usage type and
attributes, as AWS names them (attribute names normalised, see offers.normal).

A usage type is written without its region prefix (`BoxUsage:t3.micro` matches
`EU-BoxUsage:t3.micro` and the unprefixed us-east-1 form). Items priced per instance type get
one rule for each type stackwright can plan. Where several tiers match, the first paid tier is
taken (free tiers are rows of their own, at 0).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from stackwright.aws.instances import CACHE_NODES, EC2_INSTANCES, RDS_INSTANCES, SEARCH_INSTANCES
from stackwright.cost.pricelist.offers import Rate

REGION_PREFIX = r"(?:[A-Z]{2,4}[0-9]?-)?"
Term = Literal["OnDemand", "Reserved"]
ON_DEMAND: Term = "OnDemand"
RESERVED: Term = "Reserved"
ONE_YEAR_NO_UPFRONT = {"leasecontractlength": "1yr", "purchaseoption": "No Upfront"}


@dataclass(frozen=True)
class Rule:
    key: str
    offer: str
    usage: str | None = None  # the usage type after its region prefix
    family: str | None = None  # productFamily
    attributes: Mapping[str, str] = field(default_factory=dict)
    per: int = 1  # how many of AWS's units the catalog's unit holds (1,000,000 requests)
    term: Term = ON_DEMAND
    region_attribute: str = "regioncode"
    worldwide: bool = False  # one price for every region (Route 53)
    commonest: bool = False  # several destinations priced apart: take the price most have

    @cached_property
    def usage_pattern(self) -> re.Pattern[str] | None:
        return None if self.usage is None else re.compile(REGION_PREFIX + re.escape(self.usage))

    def prices_product(self, attributes: Mapping[str, str]) -> bool:
        if self.family is not None and attributes.get("productfamily") != self.family:
            return False
        if any(attributes.get(k) != v for k, v in self.attributes.items()):
            return False
        if self.usage is None:
            return True
        usage = attributes.get("usagetype", "")
        pattern = self.usage_pattern
        return usage.endswith(self.usage) and pattern is not None and bool(pattern.fullmatch(usage))

    def prices(self, rate: Rate) -> bool:
        if rate.term != self.term:
            return False
        if self.term == RESERVED and not _one_year_no_upfront(rate.term_attributes):
            return False
        return self.prices_product(rate.attributes)

    def region_of(self, rate: Rate) -> str | None:
        return None if self.worldwide else rate.attributes.get(self.region_attribute)


def _one_year_no_upfront(term: Mapping[str, str]) -> bool:
    return all(term.get(k) == v for k, v in ONE_YEAR_NO_UPFRONT.items()) and term.get(
        "offeringclass", "standard"
    ) in ("standard", "")


@dataclass(frozen=True)
class Free:
    """An item AWS charges nothing for and so does not meter: no row prices it."""

    key: str
    why: str


_EC2_LINUX = {
    "operatingsystem": "Linux",
    "tenancy": "Shared",
    "preinstalledsw": "NA",
    "capacitystatus": "Used",
    "licensemodel": "No License required",
}


def _ec2(term: Term, key: str) -> list[Rule]:
    """`key` names the item with `{type}` for the instance type, as do the helpers below."""
    return [
        Rule(
            key.format(type=kind),
            "AmazonEC2",
            f"BoxUsage:{kind}",
            "Compute Instance",
            {**_EC2_LINUX, "instancetype": kind},
            term=term,
        )
        for kind in EC2_INSTANCES
    ]


def _rds(az: str, term: Term, key: str) -> list[Rule]:
    multi = az == "multi_az"
    return [
        Rule(
            key.format(type=kind),
            "AmazonRDS",
            f"{'Multi-AZUsage' if multi else 'InstanceUsage'}:{kind}",
            "Database Instance",
            {
                "databaseengine": "PostgreSQL",
                "deploymentoption": "Multi-AZ" if multi else "Single-AZ",
                "licensemodel": "No license required",
                "instancetype": kind,
            },
            term=term,
        )
        for kind in RDS_INSTANCES
    ]


def _cache(engine: str, term: Term, key: str) -> list[Rule]:
    attributes = {"cacheengine": engine.capitalize(), "currentgeneration": "Yes"}
    return [
        Rule(
            key.format(type=kind),
            "AmazonElastiCache",
            f"NodeUsage:{kind}",
            "Cache Instance",
            {**attributes, "instancetype": kind},
            term=term,
        )
        for kind in CACHE_NODES
    ]


def _search(term: Term, key: str) -> list[Rule]:
    return [
        Rule(
            key.format(type=kind),
            "AmazonES",
            f"ESInstance:{kind.removesuffix('.search')}",
            "Amazon OpenSearch Service Instance",
            {"instancetype": kind},
            term=term,
        )
        for kind in SEARCH_INSTANCES
    ]


def _fargate(key: str, usage: str) -> Rule:
    return Rule(key, "AmazonECS", usage=usage)


RULES: tuple[Rule, ...] = (
    _fargate("fargate.x86.vcpu_hour", "Fargate-vCPU-Hours:perCPU"),
    _fargate("fargate.x86.gb_hour", "Fargate-GB-Hours"),
    _fargate("fargate.arm.vcpu_hour", "Fargate-ARM-vCPU-Hours:perCPU"),
    _fargate("fargate.arm.gb_hour", "Fargate-ARM-GB-Hours"),
    _fargate("fargate.ephemeral.gb_hour", "Fargate-EphemeralStorage-GB-Hours"),
    *_ec2(ON_DEMAND, "ec2.instance.{type}"),
    *_ec2(RESERVED, "ec2.ri_standard_1yr_no_upfront.{type}"),
    Rule("ebs.gp3.gb_month", "AmazonEC2", "EBS:VolumeUsage.gp3", "Storage"),
    Rule("ebs.gp2.gb_month", "AmazonEC2", "EBS:VolumeUsage.gp2", "Storage"),
    Rule("vpc.nat.hour", "AmazonEC2", "NatGateway-Hours", "NAT Gateway"),
    Rule("vpc.nat.gb", "AmazonEC2", "NatGateway-Bytes", "NAT Gateway"),
    Rule("vpc.public_ipv4.hour", "AmazonVPC", "PublicIPv4:InUseAddress"),
    *_rds("single_az", ON_DEMAND, "rds.postgres.single_az.{type}"),
    *_rds("multi_az", ON_DEMAND, "rds.postgres.multi_az.{type}"),
    *_rds("single_az", RESERVED, "rds.postgres.ri_1yr_no_upfront.single_az.{type}"),
    *_rds("multi_az", RESERVED, "rds.postgres.ri_1yr_no_upfront.multi_az.{type}"),
    Rule("rds.gp3.single_az.gb_month", "AmazonRDS", "RDS:GP3-Storage", "Database Storage"),
    Rule("rds.gp3.multi_az.gb_month", "AmazonRDS", "RDS:Multi-AZ-GP3-Storage", "Database Storage"),
    Rule("rds.backup.gb_month", "AmazonRDS", "RDS:ChargedBackupUsage", "Storage Snapshot"),
    *_cache("redis", ON_DEMAND, "elasticache.redis.{type}"),
    *_cache("valkey", ON_DEMAND, "elasticache.valkey.{type}"),
    *_cache("redis", RESERVED, "elasticache.redis.ri_1yr_no_upfront.{type}"),
    *_cache("valkey", RESERVED, "elasticache.valkey.ri_1yr_no_upfront.{type}"),
    Rule("elasticache.snapshot.gb_month", "AmazonElastiCache", family="Storage Snapshot"),
    Rule("elb.alb.hour", "AWSELB", "LoadBalancerUsage", "Load Balancer-Application"),
    Rule("elb.alb.lcu_hour", "AWSELB", "LCUUsage", "Load Balancer-Application"),
    Rule(
        "transfer.internet_out.gb",
        "AWSDataTransfer",
        "DataTransfer-Out-Bytes",
        attributes={"transfertype": "AWS Outbound"},
        region_attribute="fromregioncode",
    ),
    Rule(
        "transfer.inter_region.gb",
        "AWSDataTransfer",
        attributes={"transfertype": "InterRegion Outbound"},
        region_attribute="fromregioncode",
        commonest=True,
    ),
    Rule(
        "transfer.inter_az.gb",
        "AWSDataTransfer",
        "DataTransfer-Regional-Bytes",
        attributes={"transfertype": "IntraRegion"},
        region_attribute="fromregioncode",
    ),
    Rule("route53.zone.month", "AmazonRoute53", "HostedZone", "DNS Zone", worldwide=True),
    Rule(
        "route53.queries.million",
        "AmazonRoute53",
        "DNS-Queries",
        "DNS Query",
        per=1_000_000,
        worldwide=True,
    ),
    Rule("cloudwatch.logs.ingest_gb", "AmazonCloudWatch", "DataProcessing-Bytes", "Data Payload"),
    Rule(
        "cloudwatch.logs.storage_gb_month",
        "AmazonCloudWatch",
        "TimedStorage-ByteHrs",
        "Storage Snapshot",
    ),
    Rule("cloudwatch.metric.month", "AmazonCloudWatch", "CW:MetricMonitorUsage", "Metric"),
    Rule("cloudwatch.alarm.month", "AmazonCloudWatch", "CW:AlarmMonitorUsage", "Alarm"),
    Rule(
        "cloudwatch.dashboard.month",
        "AmazonCloudWatch",
        "DashboardsUsageHour",
        "Dashboard",
        worldwide=True,
    ),
    Rule("ecr.storage.gb_month", "AmazonECR", "TimedStorage-ByteHrs"),
    Rule("secretsmanager.secret.month", "AWSSecretsManager", "AWSSecretsManager-Secrets"),
    Rule("secretsmanager.api.10k", "AWSSecretsManager", "AWSSecretsManagerAPIRequest", per=10_000),
    Rule("ssm.advanced.parameter_hour", "AWSSystemsManager", "PS-Advanced-Param-Tier1"),
    Rule(
        "s3.standard.gb_month",
        "AmazonS3",
        "TimedStorage-ByteHrs",
        "Storage",
        attributes={"storageclass": "General Purpose", "volumetype": "Standard"},
    ),
    Rule("s3.requests.put_1k", "AmazonS3", "Requests-Tier1", "API Request", per=1_000),
    Rule("s3.requests.get_1k", "AmazonS3", "Requests-Tier2", "API Request", per=1_000),
    Rule(
        "s3.standard_ia.gb_month",
        "AmazonS3",
        "TimedStorage-SIA-ByteHrs",
        "Storage",
        attributes={"volumetype": "Standard - Infrequent Access"},
    ),
    Rule("s3.transition.standard_ia_1k", "AmazonS3", "Requests-Tier4", "API Request", per=1_000),
    Rule(
        "s3.requests.standard_ia_get_1k", "AmazonS3", "Requests-SIA-Tier2", "API Request", per=1_000
    ),
    Rule("s3.retrieval.standard_ia_gb", "AmazonS3", "Retrieval-SIA"),
    Rule(
        "sqs.standard.million",
        "AWSQueueService",
        family="API Request",
        attributes={"queuetype": "Standard"},
        per=1_000_000,
    ),
    Rule(
        "sqs.fifo.million",
        "AWSQueueService",
        family="API Request",
        attributes={"queuetype": "FIFO (first-in, first-out)"},
        per=1_000_000,
    ),
    Rule("sns.publish.million", "AmazonSNS", "Requests-Tier1", "API Request", per=1_000_000),
    Rule("sns.email.100k", "AmazonSNS", "DeliveryAttempts-SMTP", per=100_000),
    *_search(ON_DEMAND, "opensearch.instance.{type}"),
    *_search(RESERVED, "opensearch.ri_1yr_no_upfront.{type}"),
    Rule(
        "opensearch.gp3.gb_month",
        "AmazonES",
        "ES:GP3-Storage",
        "Amazon OpenSearch Service Volume",
    ),
    Rule("waf.web_acl.month", "awswaf", "WebACLV2"),
    Rule("waf.rule.month", "awswaf", "RuleV2"),
    Rule("waf.requests.million", "awswaf", "RequestV2-Tier1", per=1_000_000),
    Rule("xray.traces.million", "AWSXRay", "XRay-TracesStored", per=1_000_000),
)

FREE: tuple[Free, ...] = (
    Free("acm.public_certificate.month", "public certificates are free; no meter prices them"),
    Free("ssm.standard.parameter_month", "standard parameters are free; no meter prices them"),
    Free("budgets.budget.day", "budgets without actions are free; no meter prices them"),
)

OFFERS: tuple[str, ...] = tuple(sorted({rule.offer for rule in RULES}))


def rules_for(offer: str) -> tuple[Rule, ...]:
    return tuple(rule for rule in RULES if rule.offer == offer)


RULE_FOR: Mapping[str, Rule] = {rule.key: rule for rule in RULES}
FREE_KEYS: frozenset[str] = frozenset(item.key for item in FREE)
