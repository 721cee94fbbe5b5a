"""The stack file, as typed models. Defaults make a ten-line file a production-grade stack.

Fields left as `None` are decided by the environment's growth phase (see `plan/phases.py`);
setting them pins the choice whatever the phase.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationInfo,
    field_validator,
    model_validator,
)

from stackwright.aws.fargate import FARGATE_SIZES, describe_sizes, is_valid_size
from stackwright.aws.instances import (
    AZ_LETTERS,
    CACHE_NODES,
    EC2_INSTANCES,
    LOG_RETENTION_DAYS,
    RDS_INSTANCES,
    SEARCH_INSTANCES,
)
from stackwright.stack import text
from stackwright.stack.schedule import Schedule, ScheduleError, parse_schedule
from stackwright.stack.units import cpu_units, duration_minutes, memory_mib
from stackwright.suggest import did_you_mean


class StrictModel(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False
    )


def _one_of(kind: str, known: dict[str, Any] | tuple[str, ...]) -> AfterValidator:
    def check(value: str) -> str:
        if value not in known:
            suggestion = did_you_mean(value, list(known))
            raise ValueError(
                f"unknown {kind} '{value}'" + (suggestion or f"; known: {', '.join(sorted(known))}")
            )
        return value

    return AfterValidator(check)


def _schedule(value: object) -> Schedule:
    if isinstance(value, Schedule):
        return value
    try:
        return parse_schedule(str(value))
    except ScheduleError as exc:
        raise ValueError(str(exc)) from None


def _retention(value: int) -> int:
    if value not in LOG_RETENTION_DAYS and value != 0:
        near = min(LOG_RETENTION_DAYS, key=lambda d: abs(d - value))
        raise ValueError(
            f"CloudWatch Logs keeps logs for one of {', '.join(map(str, LOG_RETENTION_DAYS))} "
            f"days, or 0 for ever; the nearest is {near}"
        )
    return value


# Patterns for editors (JSON Schema); the checks in stack/text.py are what decide.
Name = Annotated[
    str,
    AfterValidator(text.name),
    Field(json_schema_extra={"pattern": text.NAME_PATTERN, "maxLength": 40}),
]
ServiceName = Annotated[
    str,
    AfterValidator(text.service_name),
    Field(json_schema_extra={"pattern": text.NAME_PATTERN, "maxLength": 40}),
]
EnvironmentName = Annotated[
    str,
    AfterValidator(text.environment_name),
    Field(json_schema_extra={"pattern": text.NAME_PATTERN, "maxLength": 40}),
]
SecretName = Annotated[
    str,
    AfterValidator(text.secret_name),
    Field(json_schema_extra={"pattern": text.SECRET_NAME_PATTERN, "maxLength": 64}),
]
EnvName = Annotated[
    str,
    AfterValidator(text.env_name),
    Field(json_schema_extra={"pattern": "^[A-Za-z_][A-Za-z0-9_]*$"}),
]
SettingValue = Annotated[str, AfterValidator(text.setting_value)]
Command = Annotated[str, AfterValidator(text.command)]
Domain = Annotated[str, AfterValidator(text.domain)]
HostRule = Annotated[str, AfterValidator(text.host_rule)]
Route = Annotated[str, AfterValidator(text.route)]
HealthPath = Annotated[str, AfterValidator(text.health_path)]
Image = Annotated[str, AfterValidator(text.image)]
VpcCidr = Annotated[str, AfterValidator(text.vpc_cidr)]
Version = Annotated[str, AfterValidator(text.version)]
SearchVersion = Annotated[str, AfterValidator(text.search_version)]
Extension = Annotated[str, AfterValidator(text.extension)]
Email = Annotated[str, AfterValidator(text.email)]
Origin = Annotated[str, AfterValidator(text.origin)]
Description = Annotated[str, AfterValidator(text.description)]
Reason = Annotated[str, AfterValidator(text.reason), Field(min_length=1)]
RuleId = Annotated[str, Field(pattern=r"^SW[0-9]{3}$")]
AccountId = Annotated[
    str, AfterValidator(text.account_id), Field(json_schema_extra={"pattern": "^[0-9]{12}$"})
]
BucketName = Annotated[str, AfterValidator(text.bucket_name)]
Percent = Annotated[int, Field(ge=1, le=1000)]
Threshold = Annotated[float, Field(ge=0, le=1e12)]
CpuUnits = Annotated[
    int,
    BeforeValidator(cpu_units, json_schema_input_type=int | str),
    Field(description="CPU units (1024 = 1 vCPU) or '0.25 vCPU'"),
]
MemoryMiB = Annotated[
    int,
    BeforeValidator(memory_mib, json_schema_input_type=int | str),
    Field(description="MiB, or '1GB'"),
]
Minutes = Annotated[
    float,
    BeforeValidator(duration_minutes, json_schema_input_type=float | str),
    Field(description="a duration: 30s, 15m, 4h, 1d"),
]
ScheduleField = Annotated[
    Schedule,
    BeforeValidator(_schedule, json_schema_input_type=str),
    PlainSerializer(lambda s: s.text, return_type=str),
    Field(
        description="30s, 5m, rate(1 hour), '0 2 * * *' or cron(0 2 * * ? *)",
    ),
]
RdsClass = Annotated[str, _one_of("RDS instance class", RDS_INSTANCES)]
CacheNode = Annotated[str, _one_of("ElastiCache node type", CACHE_NODES)]
Ec2Type = Annotated[str, _one_of("EC2 instance type", EC2_INSTANCES)]
SearchType = Annotated[str, _one_of("OpenSearch instance type", SEARCH_INSTANCES)]
Region = Annotated[str, _one_of("region", tuple(AZ_LETTERS))]
RetentionDays = Annotated[int, AfterValidator(_retention)]


def _list_to_mapping(value: object) -> object:
    """Let `secrets: [a, b]` stand for `secrets: {a: {}, b: {}}`."""
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return {str(v): {} for v in value}
    return value


# --- services ----------------------------------------------------------------------------


class Autoscaling(StrictModel):
    """Target tracking on average CPU."""

    min: int = Field(1, ge=0, le=1000, description="fewest tasks")
    max: int = Field(ge=1, le=1000, description="most tasks")
    cpu_target: int = Field(70, ge=10, le=95, description="average CPU % to hold")

    @model_validator(mode="after")
    def _order(self) -> Autoscaling:
        if self.max < self.min:
            raise ValueError(f"max ({self.max}) is below min ({self.min})")
        return self


class Job(StrictModel):
    """A schedule run inside a long-lived worker (for rates under a minute, say)."""

    name: Name
    schedule: ScheduleField
    command: Command
    run_minutes: Minutes = Field(
        1.0, gt=0, le=10080, description="how long one run takes (a minute or more is billed)"
    )


class Service(StrictModel):
    kind: Literal["web", "worker", "job"] | None = Field(
        None,
        description="web: behind the load balancer; worker: no inbound traffic; "
        "job: a scheduled task. Default: web when a port is set, else worker.",
    )
    image: Image | None = Field(
        None,
        description="image repository name (default: the service's name); "
        "a reference with '/' or ':' is pulled as is",
    )
    command: Command | None = None
    cpu: CpuUnits = 256
    memory: Annotated[MemoryMiB, Field(validate_default=True)] = 512
    architecture: Literal["x86_64", "arm64"] = "x86_64"
    ephemeral_storage_gb: int | None = Field(
        None,
        ge=21,
        le=200,
        description="Fargate task storage in GiB (21-200; 20 are included and free, the rest "
        "billed per GB-hour). On the phase-1 host the containers share its disk instead",
    )
    port: int | None = Field(None, ge=1, le=65535)
    health_check: HealthPath | None = Field(
        None, description="HTTP path checked for health (by the load balancer for web)"
    )
    health_command: Command | None = Field(
        None,
        description="a command run inside the container to check its health (a shell command "
        "line; exit 0 is healthy). Default: none, as images differ in what they carry "
        "(slim and alpine images have no curl); the load balancer checks health_check",
    )
    path: Route | None = Field(
        None, description="load-balancer path: a URL path, '*' at the end for a prefix, e.g. /api/*"
    )
    host: HostRule | None = Field(None, description="load-balancer host rule, e.g. api.example.com")
    count: int | None = Field(None, ge=0, le=1000, description="desired tasks; default by phase")
    autoscaling: Autoscaling | None = None
    singleton: bool | None = Field(
        None,
        description="one task at most, even during a deploy (a scheduler, celery beat); "
        "implied for a worker by count: 1 without autoscaling, and by jobs: (false says not)",
    )
    uses: list[str] = Field(default_factory=list, description="what it talks to, by name")
    schedule: ScheduleField | None = Field(None, description="for kind: job")
    run_minutes: Minutes = Field(
        5.0, gt=0, le=10080, description="for kind: job, how long one run takes"
    )
    jobs: list[Job] = Field(default_factory=list, description="schedules this worker runs itself")
    environment: dict[EnvName, SettingValue] = Field(
        default_factory=dict,
        description="plain settings; a secret goes under `secrets:` and into `uses:`",
    )

    @property
    def is_singleton(self) -> bool:
        """Never raised by a phase nor autoscaled: a second copy would do its work twice."""
        if self.singleton is not None:
            return self.singleton
        if self.autoscaling is not None or self.resolved_kind != "worker":
            return False  # a web service may run two copies during a deploy, or more by phase
        return self.count == 1 or (bool(self.jobs) and self.count is None)

    @property
    def resolved_kind(self) -> Literal["web", "worker", "job"]:
        if self.kind:
            return self.kind
        if self.schedule is not None:
            return "job"
        return "web" if self.port is not None else "worker"

    @field_validator("cpu")
    @classmethod
    def _fargate_cpu(cls, cpu: int) -> int:
        if cpu not in FARGATE_SIZES:
            raise ValueError(f"Fargate has no {cpu}-unit task size. Valid: {describe_sizes()}")
        return cpu

    @field_validator("memory", mode="after")
    @classmethod
    def _fargate_memory(cls, memory: int, info: ValidationInfo) -> int:
        cpu = info.data.get("cpu")
        if cpu is not None and not is_valid_size(cpu, memory):
            raise ValueError(
                f"Fargate has no task size cpu {cpu} / memory {memory}. Valid: {describe_sizes()}"
            )
        return memory

    @model_validator(mode="after")
    def _consistent(self) -> Service:
        kind = self.resolved_kind
        if kind == "web" and self.port is None:
            raise ValueError("a web service needs a port")
        if kind == "job":
            if self.schedule is None:
                raise ValueError("a job needs a schedule (e.g. '1h' or '0 2 * * *')")
            period = self.schedule.period_seconds
            if period is not None and period % 60:
                raise ValueError(
                    f"EventBridge runs scheduled tasks at most once a minute in whole minutes, "
                    f"not every {period}s; run it from a worker's `jobs:` instead"
                )
        elif self.schedule is not None:
            raise ValueError(f"only a job has a schedule; this is a {kind}")
        if kind != "web" and (self.path or self.host):
            raise ValueError("path and host are load-balancer routes: they belong to web services")
        if self.health_command is not None and kind == "job":
            raise ValueError("a job runs to its end: it has no health command")
        if self.health_check is not None and self.port is None:
            raise ValueError("a health check needs a port to check")
        if self.jobs and kind != "worker":
            raise ValueError("only a worker runs `jobs:`")
        if self.command is None and any(j.schedule.in_worker for j in self.jobs):
            raise ValueError(
                "a job run more often than once a minute (or not in whole minutes) runs "
                "beside the worker's own process, so the worker needs its `command:` "
                "(`sleep infinity` if it does nothing else)"
            )
        if self.singleton and (self.autoscaling is not None or (self.count or 1) > 1):
            raise ValueError("a singleton runs one task: drop `count` and `autoscaling`")
        return self


# --- data stores -------------------------------------------------------------------------


class Postgres(StrictModel):
    version: Version = "16"
    instance: RdsClass = "db.t4g.micro"
    storage_gb: int = Field(20, ge=20, le=65536)
    max_storage_gb: int | None = Field(
        None, ge=20, le=65536, description="storage autoscaling ceiling"
    )
    backup_days: int = Field(7, ge=0, le=35)
    multi_az: bool | None = Field(None, description="default by phase (Multi-AZ from phase 3)")
    read_replicas: int = Field(0, ge=0, le=5)
    extensions: list[Extension] = Field(default_factory=list, description="e.g. postgis")
    performance_insights: bool = False
    deletion_protection: bool | None = Field(
        None, description="default: on in an environment named prod or production"
    )

    @model_validator(mode="after")
    def _ceiling(self) -> Postgres:
        if self.max_storage_gb is not None and self.max_storage_gb < self.storage_gb:
            raise ValueError(
                f"max_storage_gb ({self.max_storage_gb}) is below storage_gb ({self.storage_gb})"
            )
        return self


EvictionPolicy = Literal[
    "volatile-lru",
    "allkeys-lru",
    "volatile-lfu",
    "allkeys-lfu",
    "volatile-random",
    "allkeys-random",
    "volatile-ttl",
    "noeviction",
]


class Redis(StrictModel):
    engine: Literal["redis", "valkey"] = "redis"
    version: Version = "7"
    node_type: CacheNode = "cache.t4g.micro"
    nodes: int | None = Field(None, ge=1, le=6, description="default by phase (2 from phase 3)")
    encryption: bool = Field(True, description="at rest and in transit")
    snapshot_days: int = Field(1, ge=0, le=35)
    maxmemory_policy: EvictionPolicy = "allkeys-lru"
    container_memory_mb: int = Field(
        512, ge=32, le=1048576, description="maxmemory when it runs as a container (phase 1)"
    )


class Lifecycle(StrictModel):
    noncurrent_expire_days: int | None = Field(None, ge=1, le=36500)
    expire_days: int | None = Field(None, ge=1, le=36500)
    infrequent_access_days: int | None = Field(None, ge=30, le=36500)


HttpMethod = Literal["GET", "PUT", "POST", "DELETE", "HEAD"]


class Cors(StrictModel):
    origins: list[Origin] = Field(default_factory=lambda: ["*"])
    methods: list[HttpMethod] = Field(default_factory=lambda: list[HttpMethod](["GET", "PUT"]))
    max_age_seconds: int = Field(3000, ge=0, le=31_536_000)


class Bucket(StrictModel):
    versioning: bool = True
    derived: bool = Field(
        False,
        description="its objects are built from elsewhere (static assets a deploy uploads), so "
        "losing them loses no data: not held to dr.rpo",
    )
    lifecycle: Lifecycle | None = None
    cors: Cors | None = None
    expected_gb: float = Field(10, ge=0, le=1e9, description="stored GB, for cost")
    overwritten_gb_per_month: float | None = Field(
        None,
        ge=0,
        le=1e9,
        description="GB overwritten or deleted a month, for cost: versioning keeps them as "
        "noncurrent versions (until lifecycle.noncurrent_expire_days). Default: a tenth of "
        "expected_gb",
    )
    put_requests_per_month: int = Field(100_000, ge=0, le=10**13)
    get_requests_per_month: int = Field(1_000_000, ge=0, le=10**13)


class Queue(StrictModel):
    fifo: bool = False
    dead_letter: bool = True
    max_receives: int = Field(5, ge=1, le=1000)
    visibility_timeout_seconds: int = Field(30, ge=0, le=43200)
    retention_days: int = Field(4, ge=1, le=14)
    requests_per_month: int = Field(
        1_000_000, ge=0, le=10**13, description="API requests, for cost"
    )


class Search(StrictModel):
    engine_version: SearchVersion = "OpenSearch_2.13"
    instance: SearchType = "t3.small.search"
    nodes: int = Field(1, ge=1, le=20)
    storage_gb: int = Field(20, ge=10, le=16384, description="per node")
    from_phase: int = Field(1, ge=1, le=4, description="first phase that runs it")


class Secret(StrictModel):
    store: Literal["parameter-store", "secrets-manager"] | None = Field(
        None, description="default: the stack's secret_store"
    )
    description: Description | None = None


# --- operations --------------------------------------------------------------------------


AlarmName = Literal[
    "service_cpu",
    "service_memory",
    "alb_5xx",
    "alb_latency",
    "alb_unhealthy_hosts",
    "db_cpu",
    "db_free_storage",
    "db_connections",
    "cache_cpu",
    "cache_memory",
    "queue_depth",
    "dead_letters",
    "search_red",
    "host_cpu",
    "host_memory",
    "host_disk",
    "host_status",
]


class Alarms(StrictModel):
    email: Email | None = None
    disabled: list[AlarmName] = Field(default_factory=list)
    thresholds: dict[AlarmName, Threshold] = Field(default_factory=dict)


class Budget(StrictModel):
    monthly_usd: float = Field(gt=0, le=1e9)
    alerts_percent: list[Percent] = Field(default_factory=lambda: [80, 100, 120])
    email: Email | None = None


class DisasterRecovery(StrictModel):
    rto: Minutes = Field(240.0, ge=0, le=525_600, description="recovery time objective")
    rpo: Minutes = Field(60.0, ge=0, le=525_600, description="recovery point objective")
    region: Region | None = Field(None, description="where cross-region backups go (phase 4)")


class Suppression(StrictModel):
    """A check's finding accepted on purpose; it is still listed, as suppressed."""

    id: RuleId = Field(description="the rule, e.g. SW040 (see `stackwright check --list-rules`)")
    reason: Reason = Field(description="why: shown beside every finding it suppresses")
    environments: list[EnvironmentName] | None = Field(
        None, description="where it applies; default: every environment"
    )


class Checks(StrictModel):
    suppress: list[Suppression] = Field(default_factory=list, max_length=1000)


class Logs(StrictModel):
    retention_days: RetentionDays = 30


class Usage(StrictModel):
    """Traffic assumptions the usage-priced items depend on; each default is documented."""

    requests_per_month: int = Field(
        1_000_000, ge=0, le=10**13, description="HTTP requests to the app"
    )
    data_out_gb: float = Field(20, ge=0, le=1e9, description="GB served to the internet per month")
    nat_gb: float = Field(
        10, ge=0, le=1e9, description="GB through NAT per month (image pulls, APIs)"
    )
    log_gb: float = Field(5, ge=0, le=1e9, description="GB of logs ingested per month")
    database_log_gb: float = Field(
        0.5,
        ge=0,
        le=1e9,
        description="GB of PostgreSQL log per database instance per month (DDL and queries "
        "over 1 s are logged)",
    )
    cross_zone_gb: float = Field(
        10,
        ge=0,
        le=1e9,
        description="GB per month between the services and the data stores they use "
        "(queries, results, cache reads); the share that crosses zones is billed",
    )
    dns_queries_millions: float = Field(1, ge=0, le=1e7)
    image_gb: float = Field(1, ge=0, le=1e6, description="GB stored per image repository")
    traced_requests_percent: float = Field(5, ge=0, le=100, description="X-Ray sampling")
    alarm_notifications: int = Field(100, ge=0, le=10**9, description="alarm e-mails per month")
    secret_api_calls: int = Field(
        10_000, ge=0, le=10**12, description="Secrets Manager calls per month"
    )


class Topology(StrictModel):
    """What the growth phase decides; set a field to pin it whatever the phase."""

    compute: Literal["ec2-compose", "fargate"] | None = None
    host_instance: Ec2Type | None = Field(
        None, description="phase-1 host; default: smallest that fits"
    )
    host_disk_gb: int | None = Field(None, ge=8, le=16384)
    load_balancer: bool | None = None
    nat: Literal["none", "single", "per-az"] | None = None
    task_subnets: Literal["public", "private"] | None = None
    data_subnets: bool | None = Field(None, description="a separate subnet tier for data stores")
    azs: int | None = Field(None, ge=1, le=3)
    cidr: VpcCidr = Field("10.0.0.0/16", description="a private IPv4 block, /16 to /19")
    min_tasks: int | None = Field(None, ge=0, le=1000)
    autoscaling: bool | None = None
    waf: bool | None = None
    tracing: bool | None = None
    cross_region_backups: bool | None = None
    dashboards: int | None = Field(None, ge=0, le=20)
    container_insights: bool | None = Field(
        None, description="ECS Container Insights (custom metrics, billed); default from phase 3"
    )
    managed_cache: bool | None = Field(
        None, description="ElastiCache (else a container on the host)"
    )


class State(StrictModel):
    """Where Terraform keeps every environment's state: one bucket, in one region."""

    bucket: BucketName | None = Field(
        None, description="default: <name>-tfstate- and the account ID (or a hash of the name)"
    )
    region: Region | None = Field(None, description="default: the stack's region")


class Environment(StrictModel):
    phase: int = Field(2, ge=1, le=4, description="growth phase 1-4")
    region: Region | None = None
    domain: Domain | None = None
    overrides: dict[str, Any] = Field(
        default_factory=dict, description="any part of the stack, changed for this environment"
    )


class Stack(StrictModel):
    """The stack file."""

    name: Name
    region: Region = "us-east-1"
    account_id: AccountId | None = Field(
        None, description="the AWS account every environment deploys to (Terraform refuses others)"
    )
    state: State = State()
    domain: Domain | None = None
    tls: bool = True
    secret_store: Literal["parameter-store", "secrets-manager"] = "parameter-store"
    services: dict[ServiceName, Service] = Field(min_length=1, max_length=1000)
    postgres: Postgres | None = None
    redis: Redis | None = None
    search: Search | None = None
    buckets: dict[Name, Bucket] = Field(default_factory=dict)
    queues: dict[Name, Queue] = Field(default_factory=dict)
    secrets: Annotated[
        dict[SecretName, Secret],
        BeforeValidator(_list_to_mapping, json_schema_input_type=dict[str, Secret] | list[str]),
    ] = Field(default_factory=dict)
    logs: Logs = Logs()
    alarms: Alarms = Alarms()
    budget: Budget | None = None
    dr: DisasterRecovery = DisasterRecovery()
    checks: Checks = Checks()
    usage: Usage = Usage()
    topology: Topology = Topology()
    environments: dict[EnvironmentName, Environment] = Field(
        default_factory=lambda: {"prod": Environment()}, max_length=50
    )

    def targets(self) -> dict[str, str]:
        """Every name a `uses:` link may point at, with what it is."""
        names: dict[str, str] = {name: "service" for name in self.services}
        for name, kind in (
            ("postgres", self.postgres),
            ("redis", self.redis),
            ("search", self.search),
        ):
            if kind is not None:
                names[name] = name
        names.update({name: "bucket" for name in self.buckets})
        names.update({name: "queue" for name in self.queues})
        names.update({name: "secret" for name in self.secrets})
        return names

    def secret_store_of(self, name: str) -> str:
        return self.secrets[name].store or self.secret_store
