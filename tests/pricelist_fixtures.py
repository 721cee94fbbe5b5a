"""Small AWS Price List offer files, in AWS's own JSON and CSV forms, written by the tests.

Each product below is one a real offer file holds (attribute names and values, usage types with
their region prefixes, units, tiers and terms as AWS writes them); its price is AWS's, in AWS's
unit (per request, per hour). Decoys that the matching must pass over sit beside them: Windows
and RHEL instances, Spot and Windows Fargate, Outposts and gateway load balancers, 3-year and
partial-upfront reservations, other engines, later tiers, free `Global-` rows.

`write_offer_files(folder)` lays them out as AWS serves them:
`<offer>/current/<region>/index.json` (or `index.csv`), and `<offer>/current/index.json` for
global offers.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

PUBLISHED = {"AmazonEC2": "2025-12-05T18:02:11Z"}
DEFAULT_PUBLISHED = "2025-11-21T20:41:07Z"
LOCATIONS = {
    "us-east-1": "US East (N. Virginia)",
    "us-west-2": "US West (Oregon)",
    "eu-west-1": "EU (Ireland)",
}
PREFIX = {"us-west-2": "USW2-", "eu-west-1": "EU-"}
# us-east-1 usage types carry no prefix in these offers, and USE1- in the others.
UNPREFIXED_IN_US_EAST_1 = {
    "AmazonEC2",
    "AWSELB",
    "AmazonS3",
    "AmazonRDS",
    "AmazonElastiCache",
    "AmazonES",
}
ONE_YEAR_NO_UPFRONT = {
    "LeaseContractLength": "1yr",
    "OfferingClass": "standard",
    "PurchaseOption": "No Upfront",
}
CSV_COLUMNS = {  # JSON attribute key → the CSV column AWS writes for it
    "servicecode": "serviceCode",
    "location": "Location",
    "locationType": "Location Type",
    "regionCode": "Region Code",
    "usagetype": "usageType",
    "operation": "operation",
    "instanceType": "Instance Type",
    "tenancy": "Tenancy",
    "operatingSystem": "Operating System",
    "preInstalledSw": "Pre Installed S/W",
    "capacitystatus": "CapacityStatus",
    "licenseModel": "License Model",
    "volumeApiName": "Volume API Name",
    "volumeType": "Volume Type",
    "storageMedia": "Storage Media",
    "databaseEngine": "Database Engine",
    "deploymentOption": "Deployment Option",
    "cacheEngine": "Cache Engine",
    "currentGeneration": "Current Generation",
    "queueType": "Queue Type",
    "transferType": "Transfer Type",
    "fromRegionCode": "From Region Code",
    "toRegionCode": "To Region Code",
    "toLocation": "To Location",
    "storageClass": "Storage Class",
    "group": "Group",
    "cpuArchitecture": "CPU Architecture",
    "alarmType": "Alarm Type",
}
PRICE_COLUMNS = [
    "SKU",
    "OfferTermCode",
    "RateCode",
    "TermType",
    "PriceDescription",
    "EffectiveDate",
    "StartingRange",
    "EndingRange",
    "Unit",
    "PricePerUnit",
    "Currency",
    "LeaseContractLength",
    "PurchaseOption",
    "OfferingClass",
]


@dataclass(frozen=True)
class Dimension:
    usd: str
    unit: str
    begin: str = "0"
    end: str = "Inf"


@dataclass(frozen=True)
class Product:
    offer: str
    region: str | None  # None: a global product (Route 53, dashboards) or a free `Global-` row
    usage: str  # without the region prefix
    attributes: dict[str, str]
    family: str | None
    on_demand: tuple[Dimension, ...] = ()
    reserved: tuple[tuple[dict[str, str], tuple[Dimension, ...]], ...] = ()
    prefixed: bool = field(default=True)

    @property
    def usagetype(self) -> str:
        if not self.prefixed or self.region is None:
            return self.usage
        if self.region == "us-east-1":
            return self.usage if self.offer in UNPREFIXED_IN_US_EAST_1 else "USE1-" + self.usage
        return PREFIX[self.region] + self.usage

    @property
    def sku(self) -> str:
        digest = hashlib.sha256(repr(self).encode()).hexdigest().upper()
        return "".join(c for c in digest if c.isalpha())[:16].ljust(16, "X")

    def all_attributes(self) -> dict[str, str]:
        attributes = {
            "servicecode": self.offer,
            "location": LOCATIONS.get(self.region or "", "Global"),
            "locationType": "AWS Region",
            "usagetype": self.usagetype,
            **self.attributes,
        }
        if self.region:
            attributes["regionCode"] = self.region
        return attributes


def hourly(usd: str) -> tuple[Dimension, ...]:
    return (Dimension(usd, "Hrs"),)


def one(usd: str, unit: str) -> tuple[Dimension, ...]:
    return (Dimension(usd, unit),)


def _ec2(region: str, kind: str, od: str, ri: str | None, windows: str, rhel: str) -> list[Product]:
    linux = {
        "instanceType": kind,
        "tenancy": "Shared",
        "operatingSystem": "Linux",
        "preInstalledSw": "NA",
        "capacitystatus": "Used",
        "licenseModel": "No License required",
        "operation": "RunInstances",
    }
    reserved: list[tuple[dict[str, str], tuple[Dimension, ...]]] = []
    if ri is not None:
        reserved = [
            (ONE_YEAR_NO_UPFRONT, hourly(ri)),
            ({**ONE_YEAR_NO_UPFRONT, "LeaseContractLength": "3yr"}, hourly("0.018")),
            (
                {**ONE_YEAR_NO_UPFRONT, "PurchaseOption": "Partial Upfront"},
                (Dimension("0.0124", "Hrs"), Dimension("109", "Quantity")),
            ),
        ]
    return [
        Product(
            "AmazonEC2",
            region,
            f"BoxUsage:{kind}",
            linux,
            "Compute Instance",
            hourly(od),
            tuple(reserved),
        ),
        Product(
            "AmazonEC2",
            region,
            f"BoxUsage:{kind}",
            {**linux, "operatingSystem": "Windows", "operation": "RunInstances:0002"},
            "Compute Instance",
            hourly(windows),
        ),
        Product(
            "AmazonEC2",
            region,
            f"BoxUsage:{kind}",
            {**linux, "operatingSystem": "RHEL", "operation": "RunInstances:0010"},
            "Compute Instance",
            hourly(rhel),
        ),
    ]


def _regional(region: str, p: dict[str, str]) -> list[Product]:
    """One region's products; `p` holds the prices that differ by region."""
    pg = {"databaseEngine": "PostgreSQL", "licenseModel": "No license required"}
    return [
        # Fargate, and what must not be taken for it
        Product("AmazonECS", region, "Fargate-vCPU-Hours:perCPU", {}, "Compute",
                one("0.04048", "hours")),
        Product("AmazonECS", region, "Fargate-GB-Hours", {}, "Compute", one("0.004445", "hours")),
        Product("AmazonECS", region, "Fargate-ARM-vCPU-Hours:perCPU", {"cpuArchitecture": "ARM"},
                "Compute", one("0.03238", "hours")),
        Product("AmazonECS", region, "Fargate-ARM-GB-Hours", {"cpuArchitecture": "ARM"},
                "Compute", one("0.00356", "hours")),
        Product("AmazonECS", region, "Fargate-EphemeralStorage-GB-Hours", {}, "Compute",
                one(p["ephemeral"], "GB-Hours")),
        Product("AmazonECS", region, "Fargate-Windows-vCPU-Hours:perCPU", {}, "Compute",
                one("0.046552", "hours")),
        Product("AmazonECS", region, "SpotUsage-Fargate-vCPU-Hours:perCPU", {}, "Compute",
                one("0.01264", "hours")),
        # EC2 instances, EBS, NAT
        *_ec2(region, "t3.micro", p["t3.micro"], None, p["t3.micro.windows"], "0.0704"),
        *_ec2(region, "t3.medium", p["t3.medium"], p["t3.medium.ri"], "0.06", "0.0704"),
        Product("AmazonEC2", region, "EBS:VolumeUsage.gp3",
                {"volumeApiName": "gp3", "volumeType": "General Purpose"}, "Storage",
                one(p["gp3"], "GB-Mo")),
        Product("AmazonEC2", region, "EBS:VolumeUsage.gp2",
                {"volumeApiName": "gp2", "volumeType": "General Purpose"}, "Storage",
                one(p["gp2"], "GB-Mo")),
        Product("AmazonEC2", region, "EBS:VolumeUsage.io2",
                {"volumeApiName": "io2", "volumeType": "Provisioned IOPS"}, "Storage",
                one("0.125", "GB-month")),
        Product("AmazonEC2", region, "NatGateway-Hours", {}, "NAT Gateway", hourly(p["nat"])),
        Product("AmazonEC2", region, "NatGateway-Bytes", {}, "NAT Gateway", one(p["nat"], "GB")),
        Product("AmazonEC2", region, "RegionalNatGateway-Hours", {}, "NAT Gateway",
                hourly("0.06")),
        Product("AmazonVPC", region, "PublicIPv4:InUseAddress",
                {"group": "VPCPublicIPv4Address"}, None, hourly("0.005")),
        # RDS PostgreSQL
        Product("AmazonRDS", region, "InstanceUsage:db.t4g.micro",
                {**pg, "instanceType": "db.t4g.micro", "deploymentOption": "Single-AZ"},
                "Database Instance", hourly(p["rds.single"]),
                ((ONE_YEAR_NO_UPFRONT, hourly(p["rds.single.ri"])),)),
        Product("AmazonRDS", region, "Multi-AZUsage:db.t4g.micro",
                {**pg, "instanceType": "db.t4g.micro", "deploymentOption": "Multi-AZ"},
                "Database Instance", hourly(p["rds.multi"])),
        Product("AmazonRDS", region, "Multi-AZClusterUsage:db.t4g.micro",
                {**pg, "instanceType": "db.t4g.micro",
                 "deploymentOption": "Multi-AZ (readable standbys)"},
                "Database Instance", hourly("0.047")),
        Product("AmazonRDS", region, "InstanceUsage:db.t4g.micro",
                {"databaseEngine": "SQL Server", "licenseModel": "License included",
                 "instanceType": "db.t4g.micro", "deploymentOption": "Single-AZ"},
                "Database Instance", hourly("0.031")),
        Product("AmazonRDS", region, "RDS:GP3-Storage",
                {**pg, "deploymentOption": "Single-AZ", "volumeType": "General Purpose-GP3"},
                "Database Storage", one(p["rds.gp3"], "GB-Mo")),
        Product("AmazonRDS", region, "RDS:Multi-AZ-GP3-Storage",
                {**pg, "deploymentOption": "Multi-AZ", "volumeType": "General Purpose-GP3"},
                "Database Storage", one(p["rds.gp3.multi"], "GB-Mo")),
        Product("AmazonRDS", region, "RDS:ChargedBackupUsage", {"databaseEngine": "Any"},
                "Storage Snapshot", one("0.095", "GB-Mo")),
        # ElastiCache
        Product("AmazonElastiCache", region, "NodeUsage:cache.t4g.micro",
                {"cacheEngine": "Redis", "currentGeneration": "Yes",
                 "instanceType": "cache.t4g.micro"},
                "Cache Instance", hourly(p["redis"]),
                ((ONE_YEAR_NO_UPFRONT, hourly(p["redis.ri"])),)),
        Product("AmazonElastiCache", region, "NodeUsage:cache.t4g.micro",
                {"cacheEngine": "Valkey", "currentGeneration": "Yes",
                 "instanceType": "cache.t4g.micro"},
                "Cache Instance", hourly(p["valkey"])),
        Product("AmazonElastiCache", region, "SyncDurability-NodeUsage:cache.t4g.micro",
                {"cacheEngine": "Valkey", "currentGeneration": "Yes",
                 "instanceType": "cache.t4g.micro"},
                "Cache Instance", hourly("0.0176")),
        Product("AmazonElastiCache", region, "ExtendedSupportYr1-NodeUsage:cache.t4g.micro",
                {"cacheEngine": "Redis", "instanceType": "cache.t4g.micro"},
                "Cache Instance", hourly("0.0128")),
        # Load balancers
        Product("AWSELB", region, "LoadBalancerUsage", {"operation": "LoadBalancing:Application"},
                "Load Balancer-Application", hourly(p["alb"])),
        Product("AWSELB", region, "LCUUsage", {"operation": "LoadBalancing:Application"},
                "Load Balancer-Application", one("0.008", "LCU-Hrs")),
        Product("AWSELB", region, "Outposts-LoadBalancerUsage",
                {"operation": "LoadBalancing:Application"}, "Load Balancer-Application",
                hourly("0")),
        Product("AWSELB", region, "LoadBalancerUsage", {"operation": "LoadBalancing:Gateway"},
                "Load Balancer-Gateway", hourly("0.0125")),
        # Data transfer: tiers, destinations, and the account-wide free row
        Product("AWSDataTransfer", None, "DataTransfer-Out-Bytes",
                {"transferType": "AWS Outbound", "fromRegionCode": region,
                 "toLocation": "External"},
                "Data Transfer",
                (Dimension("0.09", "GB", "0", "10240"), Dimension("0.085", "GB", "10240", "51200"),
                 Dimension("0.07", "GB", "51200", "153600")), prefixed=False),
        *(
            Product("AWSDataTransfer", None, f"{PREFIX.get(region, 'USE1-')}{code}-AWS-Out-Bytes",
                    {"transferType": "InterRegion Outbound", "fromRegionCode": region,
                     "toRegionCode": to},
                    "Data Transfer", one(usd, "GB"), prefixed=False)
            for to, code, usd in (
                ("us-east-2", "USE2", "0.01" if region == "us-east-1" else "0.02"),
                ("us-west-2", "USW2", "0.02"),
                ("ap-south-1", "APS3", "0.02"),
                ("eu-central-1", "EUC1", "0.02"),
            )
            if to != region
        ),
        Product("AWSDataTransfer", None, "DataTransfer-Regional-Bytes",
                {"transferType": "IntraRegion", "fromRegionCode": region}, "Data Transfer",
                one("0.01", "GB"), prefixed=False),
        # CloudWatch
        Product("AmazonCloudWatch", region, "DataProcessing-Bytes", {}, "Data Payload",
                one(p["logs"], "GB")),
        Product("AmazonCloudWatch", region, "TimedStorage-ByteHrs", {}, "Storage Snapshot",
                one("0.03", "GB-Mo")),
        Product("AmazonCloudWatch", region, "CW:MetricMonitorUsage", {"group": "Metric"},
                "Metric",
                (Dimension("0.3", "Metrics", "0", "10000"),
                 Dimension("0.1", "Metrics", "10000", "250000"))),
        Product("AmazonCloudWatch", region, "CW:AlarmMonitorUsage", {"alarmType": "Standard"},
                "Alarm", one("0.1", "Alarms")),
        # Registry, secrets, parameters, storage, queues, notifications, firewall, tracing
        Product("AmazonECR", region, "TimedStorage-ByteHrs", {}, "EC2 Container Registry",
                one("0.1", "GB-Mo")),
        Product("AWSSecretsManager", region, "AWSSecretsManager-Secrets", {}, "Secret",
                one("0.4", "Secrets")),
        Product("AWSSecretsManager", region, "AWSSecretsManagerAPIRequest", {}, "API Request",
                one("0.000005", "API Requests")),
        Product("AWSSystemsManager", region, "PS-Advanced-Param-Tier1", {},
                "AWS Systems Manager", one("0.00007", "Hrs")),
        Product("AmazonS3", region, "TimedStorage-ByteHrs",
                {"volumeType": "Standard", "storageClass": "General Purpose"}, "Storage",
                (Dimension("0.023", "GB-Mo", "0", "51200"),
                 Dimension("0.022", "GB-Mo", "51200", "512000"))),
        Product("AmazonS3", region, "Requests-Tier1", {"group": "S3-API-Tier1"}, "API Request",
                one("0.000005", "Requests")),
        Product("AmazonS3", region, "Requests-Tier2", {"group": "S3-API-Tier2"}, "API Request",
                one("0.0000004", "Requests")),
        Product("AmazonS3", region, "TimedStorage-SIA-ByteHrs",
                {"volumeType": "Standard - Infrequent Access", "storageClass": "Infrequent Access"},
                "Storage", one("0.0125", "GB-Mo")),
        Product("AmazonS3", region, "Requests-Tier4", {"group": "S3-API-Tier4"}, "API Request",
                one("0.00001", "Requests")),
        Product("AmazonS3", region, "Requests-SIA-Tier2", {"group": "S3-API-SIA-Tier2"},
                "API Request", one("0.000001", "Requests")),
        Product("AmazonS3", region, "Retrieval-SIA", {"group": "S3-API-SIA-Retrieval"},
                "Fee", one("0.01", "GB")),
        Product("AWSQueueService", region, "Requests-Tier1", {"queueType": "Standard"},
                "API Request",
                (Dimension("0.0000004", "Requests", "0", "100000000000"),
                 Dimension("0.0000003", "Requests", "100000000000", "200000000000"))),
        Product("AWSQueueService", region, "Requests-FIFO-Tier1",
                {"queueType": "FIFO (first-in, first-out)"}, "API Request",
                one("0.0000005", "Requests")),
        Product("AWSQueueService", None, "Global-Requests", {"queueType": "Standard"},
                "API Request", one("0", "Requests"), prefixed=False),
        Product("AmazonSNS", region, "Requests-Tier1", {}, "API Request",
                (Dimension("0", "Requests", "0", "1000000"),
                 Dimension("0.0000005", "Requests", "1000000", "Inf"))),
        Product("AmazonSNS", region, "DeliveryAttempts-SMTP", {}, "Message Delivery",
                (Dimension("0", "Notifications", "0", "1000"),
                 Dimension("0.00002", "Notifications", "1000", "Inf"))),
        Product("awswaf", region, "WebACLV2", {}, "Web Application Firewall",
                one("5", "WebACL")),
        Product("awswaf", region, "RuleV2", {}, "Web Application Firewall", one("1", "Rule")),
        Product("awswaf", region, "RequestV2-Tier1", {}, "Web Application Firewall",
                one("0.0000006", "Request")),
        Product("awswaf", region, "ShieldProtected-WebACLV2", {}, "Web Application Firewall",
                one("0", "WebACL")),
        Product("AWSXRay", region, "XRay-TracesStored", {}, "AWS X-Ray",
                one("0.000005", "traces")),
        Product("AWSXRay", None, "Global-XRay-TracesStored", {}, "AWS X-Ray",
                one("0", "traces"), prefixed=False),
        # OpenSearch
        Product("AmazonES", region, "ESInstance:t3.small", {"instanceType": "t3.small.search"},
                "Amazon OpenSearch Service Instance", hourly(p["search"])),
        Product("AmazonES", region, "ES:GP3-Storage", {"storageMedia": "GP3"},
                "Amazon OpenSearch Service Volume", one(p["search.gp3"], "GB-Mo")),
    ]  # fmt: skip


REGION_PRICES = {
    "us-east-1": {
        "ephemeral": "0.000111", "t3.micro": "0.0104", "t3.micro.windows": "0.0196",
        "t3.medium": "0.0416", "t3.medium.ri": "0.0261", "gp3": "0.08", "gp2": "0.1",
        "nat": "0.045", "rds.single": "0.016", "rds.single.ri": "0.0116", "rds.multi": "0.032",
        "rds.gp3": "0.115", "rds.gp3.multi": "0.23", "redis": "0.016", "redis.ri": "0.011",
        "valkey": "0.0128", "alb": "0.0225", "logs": "0.5", "search": "0.036",
        "search.gp3": "0.122",
    },
    "eu-west-1": {
        "ephemeral": "0.000122", "t3.micro": "0.0114", "t3.micro.windows": "0.0206",
        "t3.medium": "0.0456", "t3.medium.ri": "0.0287", "gp3": "0.088", "gp2": "0.11",
        "nat": "0.048", "rds.single": "0.017", "rds.single.ri": "0.0114", "rds.multi": "0.035",
        "rds.gp3": "0.127", "rds.gp3.multi": "0.254", "redis": "0.017", "redis.ri": "0.012",
        "valkey": "0.0136", "alb": "0.0252", "logs": "0.57", "search": "0.039",
        "search.gp3": "0.1342",
    },
}  # fmt: skip

GLOBAL = [
    Product("AmazonRoute53", None, "HostedZone", {}, "DNS Zone",
            (Dimension("0.5", "HostedZone", "0", "25"),
             Dimension("0.1", "HostedZone", "25", "Inf"))),
    Product("AmazonRoute53", None, "DNS-Queries", {}, "DNS Query",
            (Dimension("0.0000004", "Queries", "0", "1000000000"),
             Dimension("0.0000002", "Queries", "1000000000", "Inf"))),
    Product("AmazonCloudWatch", None, "DashboardsUsageHour", {}, "Dashboard",
            one("3", "Dashboards")),
]  # fmt: skip

# The one us-east-1-only product: ElastiCache backup storage, which no source prices elsewhere.
US_EAST_1_ONLY = [
    Product("AmazonElastiCache", "us-east-1", "BackupUsage", {}, "Storage Snapshot",
            one("0.085", "GB-Mo")),
]  # fmt: skip

# In CSV, as AWS also publishes them; the rest in JSON.
CSV_OFFERS = {"AWSELB", "AmazonElastiCache", "AWSQueueService", "AmazonS3", "AWSDataTransfer"}


def products() -> list[Product]:
    found = [p for region in REGION_PRICES for p in _regional(region, REGION_PRICES[region])]
    return found + GLOBAL + US_EAST_1_ONLY


def write_offer_files(folder: Path, csv_offers: Iterable[str] = CSV_OFFERS) -> list[Path]:
    """Write the products as AWS lays its offer files out; returns the files written."""
    as_csv = set(csv_offers)
    files: dict[tuple[str, str | None], list[Product]] = defaultdict(list)
    for product in products():
        region = product.region or product.attributes.get("fromRegionCode")
        files[product.offer, region].append(product)
    written = []
    for (offer, region), listed in sorted(files.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        where = folder / offer / "current" / (region or "")
        where.mkdir(parents=True, exist_ok=True)
        path = where / ("index.csv" if offer in as_csv else "index.json")
        path.write_text(
            _csv(offer, listed) if offer in as_csv else _json(offer, listed), encoding="utf-8"
        )
        written.append(path)
    return written


def _version(offer: str) -> tuple[str, str]:
    published = PUBLISHED.get(offer, DEFAULT_PUBLISHED)
    return published, published.replace("-", "").replace(":", "").replace("T", "")[:14]


def _terms(product: Product) -> Iterable[tuple[str, str, dict[str, str], tuple[Dimension, ...]]]:
    """(term type, offer term code, term attributes, dimensions) of a product."""
    if product.on_demand:
        yield "OnDemand", "JRTCKXETXF", {}, product.on_demand
    for attributes, dimensions in product.reserved:
        code = hashlib.sha256(json.dumps(attributes, sort_keys=True).encode()).hexdigest()
        yield "Reserved", code[:10].upper(), attributes, dimensions


def _rate_code(sku: str, term_code: str, index: int) -> str:
    return f"{sku}.{term_code}.{hashlib.sha256(f'{index}'.encode()).hexdigest()[:10].upper()}"


def _description(product: Product, dimension: Dimension) -> str:
    return f"${dimension.usd} per {dimension.unit} for {product.usagetype}"


def _json(offer: str, listed: list[Product]) -> str:
    published, version = _version(offer)
    document: dict[str, object] = {
        "formatVersion": "v1.0",
        "disclaimer": "This pricing list is for informational purposes only. All prices are "
        "subject to the additional terms included in the pricing pages on http://aws.amazon.com. "
        "All Free Tier prices are also subject to the terms included at "
        "https://aws.amazon.com/free/",
        "offerCode": offer,
        "version": version,
        "publicationDate": published,
        "products": {
            p.sku: {
                "sku": p.sku,
                **({"productFamily": p.family} if p.family else {}),
                "attributes": p.all_attributes(),
            }
            for p in listed
        },
    }
    terms: dict[str, dict[str, dict[str, object]]] = {"OnDemand": {}, "Reserved": {}}
    for p in listed:
        for term, code, attributes, dimensions in _terms(p):
            terms[term].setdefault(p.sku, {})[f"{p.sku}.{code}"] = {
                "offerTermCode": code,
                "sku": p.sku,
                "effectiveDate": published[:10] + "T00:00:00Z",
                "priceDimensions": {
                    _rate_code(p.sku, code, i): {
                        "rateCode": _rate_code(p.sku, code, i),
                        "description": _description(p, d),
                        **({"beginRange": d.begin, "endRange": d.end} if d.unit != "Quantity"
                           else {}),
                        "unit": d.unit,
                        "pricePerUnit": {"USD": f"{d.usd:0<12}" if "." in d.usd else d.usd},
                        "appliesTo": [],
                    }
                    for i, d in enumerate(dimensions)
                },
                "termAttributes": attributes,
            }  # fmt: skip
    document["terms"] = {k: v for k, v in terms.items() if v}
    return json.dumps(document, indent=2) + "\n"


def _csv(offer: str, listed: list[Product]) -> str:
    published, version = _version(offer)
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(["FormatVersion", "v1.0"])
    writer.writerow(["Disclaimer", "This pricing list is for informational purposes only."])
    writer.writerow(["Publication Date", published])
    writer.writerow(["Version", version])
    writer.writerow(["OfferCode", offer])
    keys = sorted({k for p in listed for k in p.all_attributes()}, key=list(CSV_COLUMNS).index)
    writer.writerow([*PRICE_COLUMNS, "Product Family", *(CSV_COLUMNS[k] for k in keys)])
    for p in listed:
        attributes = p.all_attributes()
        for term, code, term_attributes, dimensions in _terms(p):
            for i, d in enumerate(dimensions):
                quantity = d.unit == "Quantity"
                writer.writerow(
                    [
                        p.sku,
                        code,
                        _rate_code(p.sku, code, i),
                        term,
                        _description(p, d),
                        published[:10],
                        "" if quantity else d.begin,
                        "" if quantity else d.end,
                        d.unit,
                        d.usd,
                        "USD",
                        term_attributes.get("LeaseContractLength", ""),
                        term_attributes.get("PurchaseOption", ""),
                        term_attributes.get("OfferingClass", ""),
                        p.family or "",
                        *(attributes.get(k, "") for k in keys),
                    ]
                )
    return out.getvalue()
