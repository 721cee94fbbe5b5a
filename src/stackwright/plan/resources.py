"""The typed resources a Plan is made of. Each is a frozen record; its id is `type.name`.

Adding a resource type: a class here, its entry in RESOURCE_TYPES, and (if it costs money)
a pricer in `cost/pricers/` registered in `cost/registry.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Literal

from stackwright.plan.alarms import AlarmRule
from stackwright.stack.source import KeyPath

SubnetTier = Literal["public", "private", "data"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Resource:
    TYPE: ClassVar[str] = "resource"
    name: str
    # the stack key path that made it, e.g. ("services", "api"), so a finding can point at a
    # line; a `topology` key the file does not set stands for the environment's phase
    origin: KeyPath = ()

    @property
    def type(self) -> str:
        return self.TYPE

    @property
    def id(self) -> str:
        return f"{self.TYPE}.{self.name}"


# --- network -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Vpc(Resource):
    TYPE: ClassVar[str] = "vpc"
    cidr: str
    azs: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Subnet(Resource):
    TYPE: ClassVar[str] = "subnet"
    tier: SubnetTier
    az_index: int
    cidr: str


@dataclass(frozen=True, slots=True, kw_only=True)
class InternetGateway(Resource):
    TYPE: ClassVar[str] = "internet_gateway"


@dataclass(frozen=True, slots=True, kw_only=True)
class NatGateway(Resource):
    TYPE: ClassVar[str] = "nat_gateway"
    az_index: int
    share_of_traffic: float  # of usage.nat_gb


@dataclass(frozen=True, slots=True, kw_only=True)
class PublicIpv4(Resource):
    """Public IPv4 addresses held by one owner (all are billed since 2024-02-01)."""

    TYPE: ClassVar[str] = "public_ipv4"
    owner: str
    count: int
    why: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SecurityGroup(Resource):
    TYPE: ClassVar[str] = "security_group"
    owner: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SecurityGroupRule(Resource):
    """One side of a flow: ingress on the target's group, egress on the source's. Always
    derived from a Flow (see plan/security.py)."""

    TYPE: ClassVar[str] = "security_group_rule"
    group: str
    direction: Literal["ingress", "egress"]
    peer: str  # the other side: a security group id, or a CIDR block for the internet
    port: int
    protocol: str
    flow: str


# --- edge ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class LoadBalancer(Resource):
    TYPE: ClassVar[str] = "load_balancer"
    azs: int
    internet_facing: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class Listener(Resource):
    TYPE: ClassVar[str] = "listener"
    port: int
    protocol: Literal["HTTP", "HTTPS"]
    action: Literal["forward", "redirect-https"]


@dataclass(frozen=True, slots=True, kw_only=True)
class TargetGroup(Resource):
    TYPE: ClassVar[str] = "target_group"
    service: str
    port: int
    health_check: str
    path: str | None
    host: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class DnsZone(Resource):
    TYPE: ClassVar[str] = "dns_zone"
    domain: str
    managed: bool  # False: the zone exists already (owned by another environment)


@dataclass(frozen=True, slots=True, kw_only=True)
class DnsRecord(Resource):
    TYPE: ClassVar[str] = "dns_record"
    fqdn: str
    record_type: Literal["A", "CNAME"]
    target: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Certificate(Resource):
    TYPE: ClassVar[str] = "certificate"
    domain: str
    alternative_names: tuple[str, ...]
    issuer: Literal["acm", "letsencrypt"]


@dataclass(frozen=True, slots=True, kw_only=True)
class WebAcl(Resource):
    TYPE: ClassVar[str] = "web_acl"
    rules: tuple[str, ...]
    protects: str


# --- compute -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ContainerRepository(Resource):
    TYPE: ClassVar[str] = "container_repository"
    repository: str
    keep_last: int = 10
    scan_on_push: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class EcsCluster(Resource):
    TYPE: ClassVar[str] = "ecs_cluster"
    cluster_name: str
    container_insights: bool = False

    @property
    def performance_log_group(self) -> str:
        """Where Container Insights writes its performance events (a name fixed by AWS)."""
        return f"/aws/ecs/containerinsights/{self.cluster_name}/performance"


@dataclass(frozen=True, slots=True, kw_only=True)
class JobSpec:
    """A command run on a schedule, in the image and with the settings of `service`."""

    name: str
    service: str
    schedule: str  # as written in the stack
    command: str | None  # None: the image's own command (a `kind: job` service without one)


@dataclass(frozen=True, slots=True, kw_only=True)
class EcsService(Resource):
    TYPE: ClassVar[str] = "ecs_service"
    kind: Literal["web", "worker"]
    image: str
    command: str | None
    cpu: int
    memory: int
    architecture: Literal["x86_64", "arm64"]
    ephemeral_gb: int | None  # task storage asked for above the 20 GiB Fargate includes
    desired: int
    min_tasks: int
    max_tasks: int
    cpu_target: int | None  # None: no autoscaling
    port: int | None
    health_check: str | None
    health_command: str | None  # run in the container; None: the load balancer's check only
    subnet_tier: SubnetTier
    public_ip: bool
    secrets: tuple[str, ...] = ()
    environment: tuple[tuple[str, str], ...] = ()
    jobs: tuple[JobSpec, ...] = ()
    singleton: bool = False  # one task at most, deploys included


@dataclass(frozen=True, slots=True, kw_only=True)
class ScheduledTask(Resource):
    TYPE: ClassVar[str] = "scheduled_task"
    image: str
    command: str | None
    schedule: str
    runs_per_month: float
    run_minutes: float
    cpu: int
    memory: int
    architecture: Literal["x86_64", "arm64"]
    ephemeral_gb: int | None = None
    secrets: tuple[str, ...] = ()
    runs_in: str | None = None  # a worker's job: that service's task definition, roles, network


@dataclass(frozen=True, slots=True, kw_only=True)
class Container:
    """One container on the phase-1 host."""

    name: str
    image: str
    cpus: float
    memory_mb: int
    replicas: int = 1
    ports: tuple[int, ...] = ()
    command: str | None = None
    role: Literal["service", "proxy", "cache", "job"] = "service"  # job: run by a timer only
    secrets: tuple[str, ...] = ()
    uses_database: bool = False  # given the database password
    environment: tuple[tuple[str, str], ...] = ()
    web: bool = False  # served to users through the proxy
    route: str | None = None  # its path pattern, when it is not the default route
    host: str | None = None  # its host rule (nginx on the host routes by path only)


@dataclass(frozen=True, slots=True, kw_only=True)
class Ec2Host(Resource):
    TYPE: ClassVar[str] = "ec2_host"
    instance_type: str
    disk_gb: int
    containers: tuple[Container, ...]
    jobs: tuple[JobSpec, ...]
    agent_metrics: int  # CloudWatch agent custom metrics (memory, disk)


# --- data ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Database(Resource):
    TYPE: ClassVar[str] = "database"
    engine: Literal["postgres"]
    version: str
    instance: str
    storage_gb: int
    max_storage_gb: int | None
    multi_az: bool
    backup_days: int
    read_replicas: int
    extensions: tuple[str, ...]
    performance_insights: bool
    deletion_protection: bool
    subnet_tier: SubnetTier
    identifiers: tuple[str, ...]  # DB instance identifiers: the primary's, then each replica's
    port: int = 5432
    log_exports: tuple[str, ...] = ("postgresql", "upgrade")  # to CloudWatch Logs

    @staticmethod
    def instance_names(name: str, read_replicas: int) -> tuple[str, ...]:
        """The plan's name for each instance: the primary's, then each replica's."""
        return (name, *(f"{name}-replica-{i + 1}" for i in range(read_replicas)))

    @staticmethod
    def log_group_name(instance: str, export: str) -> str:
        """The plan's name for the log group `instance` exports `export` to."""
        return f"{instance}-{export}"

    @staticmethod
    def log_group_path(identifier: str, export: str) -> str:
        """The group RDS writes `export` to: fixed by RDS, so the Terraform creates it first."""
        return f"/aws/rds/instance/{identifier}/{export}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Cache(Resource):
    TYPE: ClassVar[str] = "cache"
    engine: Literal["redis", "valkey"]
    version: str
    node_type: str
    nodes: int
    multi_az: bool
    encryption: bool
    snapshot_days: int
    maxmemory_policy: str
    subnet_tier: SubnetTier
    port: int = 6379


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchDomain(Resource):
    TYPE: ClassVar[str] = "search_domain"
    engine_version: str
    instance: str
    nodes: int
    storage_gb: int
    subnet_tier: SubnetTier
    port: int = 443


@dataclass(frozen=True, slots=True, kw_only=True)
class Bucket(Resource):
    TYPE: ClassVar[str] = "bucket"
    bucket_name: str
    versioning: bool
    noncurrent_expire_days: int | None
    expire_days: int | None
    infrequent_access_days: int | None
    cors_origins: tuple[str, ...]
    cors_methods: tuple[str, ...]
    expected_gb: float
    overwritten_gb: float  # a month; kept as noncurrent versions while versioning is on
    put_requests: int
    get_requests: int
    public_access_blocked: bool = True
    derived: bool = False  # its objects are uploaded again by a deploy: no data of its own


@dataclass(frozen=True, slots=True, kw_only=True)
class Queue(Resource):
    TYPE: ClassVar[str] = "queue"
    queue_name: str
    dead_letter_name: str | None
    fifo: bool
    dead_letter: bool
    max_receives: int
    visibility_timeout_seconds: int
    retention_days: int
    requests_per_month: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Secret(Resource):
    TYPE: ClassVar[str] = "secret"
    path: str
    store: Literal["parameter-store", "secrets-manager"]


@dataclass(frozen=True, slots=True, kw_only=True)
class BackupReplication(Resource):
    """Automated backups copied to another region (phase 4)."""

    TYPE: ClassVar[str] = "backup_replication"
    source: str
    destination_region: str
    gb: int
    retention_days: int


# --- operations ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class LogGroup(Resource):
    """A log group the Terraform creates and keeps, so it has a retention and a price: the
    services' own logs, and the groups AWS would otherwise create itself with no retention
    (a database's log exports, Container Insights' performance events)."""

    TYPE: ClassVar[str] = "log_group"
    group_name: str
    retention_days: int
    written_by: Literal["app", "database", "container-insights"] = "app"
    share_of_logs: float = 1.0  # of what its writer logs: usage.log_gb, usage.database_log_gb


@dataclass(frozen=True, slots=True, kw_only=True)
class Alarm(Resource):
    TYPE: ClassVar[str] = "alarm"
    rule_name: str
    rule: AlarmRule
    target: str
    threshold: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Dashboard(Resource):
    TYPE: ClassVar[str] = "dashboard"
    title: str


@dataclass(frozen=True, slots=True, kw_only=True)
class NotificationTopic(Resource):
    TYPE: ClassVar[str] = "notification_topic"
    email: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Budget(Resource):
    TYPE: ClassVar[str] = "budget"
    monthly_usd: float
    alerts_percent: tuple[int, ...]
    email: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Tracing(Resource):
    TYPE: ClassVar[str] = "tracing"
    sampling_percent: float


@dataclass(frozen=True, slots=True, kw_only=True)
class DataTransfer(Resource):
    """Traffic to the internet, billed per GB whatever serves it."""

    TYPE: ClassVar[str] = "data_transfer"
    gb_per_month: float = field(default=0.0)


@dataclass(frozen=True, slots=True, kw_only=True)
class ZoneTransfer(Resource):
    """Traffic between availability zones: tasks spread over `zones` talking to data stores and
    services of which the copy they reach may be in another zone. Billed per GB each way."""

    TYPE: ClassVar[str] = "zone_transfer"
    gb_per_month: float  # all traffic between the services and what they reach, both ways
    zones: int
    reaches: tuple[str, ...]  # the stack names on the far end

    @property
    def crossing_share(self) -> float:
        """The expected share in another zone than the caller's, with copies spread evenly."""
        return (self.zones - 1) / self.zones


RESOURCE_TYPES: tuple[type[Resource], ...] = (
    Vpc,
    Subnet,
    InternetGateway,
    NatGateway,
    PublicIpv4,
    SecurityGroup,
    SecurityGroupRule,
    LoadBalancer,
    Listener,
    TargetGroup,
    DnsZone,
    DnsRecord,
    Certificate,
    WebAcl,
    ContainerRepository,
    EcsCluster,
    EcsService,
    ScheduledTask,
    Ec2Host,
    Database,
    Cache,
    SearchDomain,
    Bucket,
    Queue,
    Secret,
    BackupReplication,
    LogGroup,
    Alarm,
    Dashboard,
    NotificationTopic,
    Budget,
    Tracing,
    DataTransfer,
    ZoneTransfer,
)
