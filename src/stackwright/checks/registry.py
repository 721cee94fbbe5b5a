"""Every rule, in one explicit list: a rule file not listed here does not run (a test says so).

Adding a rule: a file `rules/swNNN_what_it_checks.py` with one Rule subclass, its line here,
and a failing and a passing fixture in `tests/rules/SWNNN.yaml`.
"""

from __future__ import annotations

from stackwright.checks.model import Rule
from stackwright.checks.rules.sw001_data_reached_by_users import DataReachedByUsers
from stackwright.checks.rules.sw002_internet_only_at_entry import InternetOnlyAtEntry
from stackwright.checks.rules.sw003_no_ssh import NoSsh
from stackwright.checks.rules.sw004_data_in_private_subnets import DataInPrivateSubnets
from stackwright.checks.rules.sw005_tasks_without_public_ip import TasksWithoutPublicIp
from stackwright.checks.rules.sw006_nat_per_zone import NatPerZone
from stackwright.checks.rules.sw007_waf_at_scale import WafAtScale
from stackwright.checks.rules.sw008_https_at_the_edge import HttpsAtTheEdge
from stackwright.checks.rules.sw010_secrets_by_reference import SecretsByReference
from stackwright.checks.rules.sw011_secret_rotation import SecretRotation
from stackwright.checks.rules.sw012_names_within_limits import NamesWithinLimits
from stackwright.checks.rules.sw013_secrets_declared import SecretsDeclared
from stackwright.checks.rules.sw020_cache_encryption import CacheEncryption
from stackwright.checks.rules.sw030_backup_retention import BackupRetention
from stackwright.checks.rules.sw031_point_in_time_recovery import PointInTimeRecovery
from stackwright.checks.rules.sw032_deletion_protection import DeletionProtection
from stackwright.checks.rules.sw033_cross_region_backups import CrossRegionBackups
from stackwright.checks.rules.sw034_cache_snapshots import CacheSnapshots
from stackwright.checks.rules.sw035_bucket_versioning import BucketVersioning
from stackwright.checks.rules.sw040_multi_az_database import MultiAzDatabase
from stackwright.checks.rules.sw041_replicated_cache import ReplicatedCache
from stackwright.checks.rules.sw042_tasks_across_zones import TasksAcrossZones
from stackwright.checks.rules.sw043_singletons_never_scaled import SingletonsNeverScaled
from stackwright.checks.rules.sw044_autoscaling_bounds import AutoscalingBounds
from stackwright.checks.rules.sw045_health_checks import HealthChecks
from stackwright.checks.rules.sw046_worker_health import WorkerHealth
from stackwright.checks.rules.sw047_search_nodes import SearchNodes
from stackwright.checks.rules.sw048_staging_environment import StagingEnvironment
from stackwright.checks.rules.sw049_fargate_sizes import FargateSizes
from stackwright.checks.rules.sw050_alarm_subscriber import AlarmSubscriber
from stackwright.checks.rules.sw051_service_cpu_alarm import ServiceCpuAlarm
from stackwright.checks.rules.sw052_service_memory_alarm import ServiceMemoryAlarm
from stackwright.checks.rules.sw053_server_errors_alarm import ServerErrorsAlarm
from stackwright.checks.rules.sw054_latency_alarm import LatencyAlarm
from stackwright.checks.rules.sw055_unhealthy_targets_alarm import UnhealthyTargetsAlarm
from stackwright.checks.rules.sw056_database_cpu_alarm import DatabaseCpuAlarm
from stackwright.checks.rules.sw057_database_storage_alarm import DatabaseStorageAlarm
from stackwright.checks.rules.sw058_database_connections_alarm import DatabaseConnectionsAlarm
from stackwright.checks.rules.sw059_queue_depth_alarm import QueueDepthAlarm
from stackwright.checks.rules.sw060_dead_letter_alarm import DeadLetterAlarm
from stackwright.checks.rules.sw061_log_retention import LogRetention
from stackwright.checks.rules.sw062_container_insights import ContainerInsights
from stackwright.checks.rules.sw063_tracing import TracingAtScale
from stackwright.checks.rules.sw064_budget import BudgetSet
from stackwright.checks.rules.sw065_within_budget import WithinBudget
from stackwright.checks.rules.sw066_budget_alerts import BudgetAlerts
from stackwright.checks.rules.sw080_pinned_images import PinnedImages
from stackwright.checks.rules.sw081_image_repositories import ImageRepositories
from stackwright.checks.rules.sw082_buckets_private import BucketsPrivate
from stackwright.checks.rules.sw083_bucket_cors import BucketCors
from stackwright.checks.rules.sw084_dead_letter_queues import DeadLetterQueues
from stackwright.checks.rules.sw090_task_failure import TaskFailureRecovered
from stackwright.checks.rules.sw091_zone_failure import ZoneFailureRecovered
from stackwright.checks.rules.sw092_database_failure import DatabaseFailureRecovered
from stackwright.checks.rules.sw093_cache_failure import CacheFailureRecovered
from stackwright.checks.rules.sw094_search_failure import SearchFailureRecovered
from stackwright.checks.rules.sw095_host_failure import HostFailureRecovered
from stackwright.checks.rules.sw096_region_failure import RegionFailureRecovered
from stackwright.checks.rules.sw097_corruption import MistakeRecovered

RULES: tuple[Rule, ...] = (
    DataReachedByUsers(),
    InternetOnlyAtEntry(),
    NoSsh(),
    DataInPrivateSubnets(),
    TasksWithoutPublicIp(),
    NatPerZone(),
    WafAtScale(),
    HttpsAtTheEdge(),
    SecretsByReference(),
    SecretRotation(),
    NamesWithinLimits(),
    SecretsDeclared(),
    CacheEncryption(),
    BackupRetention(),
    PointInTimeRecovery(),
    DeletionProtection(),
    CrossRegionBackups(),
    CacheSnapshots(),
    BucketVersioning(),
    MultiAzDatabase(),
    ReplicatedCache(),
    TasksAcrossZones(),
    SingletonsNeverScaled(),
    AutoscalingBounds(),
    HealthChecks(),
    WorkerHealth(),
    SearchNodes(),
    StagingEnvironment(),
    FargateSizes(),
    AlarmSubscriber(),
    ServiceCpuAlarm(),
    ServiceMemoryAlarm(),
    ServerErrorsAlarm(),
    LatencyAlarm(),
    UnhealthyTargetsAlarm(),
    DatabaseCpuAlarm(),
    DatabaseStorageAlarm(),
    DatabaseConnectionsAlarm(),
    QueueDepthAlarm(),
    DeadLetterAlarm(),
    LogRetention(),
    ContainerInsights(),
    TracingAtScale(),
    BudgetSet(),
    WithinBudget(),
    BudgetAlerts(),
    PinnedImages(),
    ImageRepositories(),
    BucketsPrivate(),
    BucketCors(),
    DeadLetterQueues(),
    TaskFailureRecovered(),
    ZoneFailureRecovered(),
    DatabaseFailureRecovered(),
    CacheFailureRecovered(),
    SearchFailureRecovered(),
    HostFailureRecovered(),
    RegionFailureRecovered(),
    MistakeRecovered(),
)
RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}
