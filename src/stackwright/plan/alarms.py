"""The default alarm set. `alarms.thresholds` and `alarms.disabled` in the stack adjust it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class AlarmRule:
    applies_to: str  # a resource TYPE
    namespace: str
    metric: str
    statistic: str
    comparison: Literal[">", ">=", "<", "<="]
    threshold: float
    unit: str
    period_seconds: int
    evaluation_periods: int
    severity: Literal["critical", "warning"]
    description: str


# fmt: off
ALARM_RULES: dict[str, AlarmRule] = {
    "service_cpu": AlarmRule("ecs_service", "AWS/ECS", "CPUUtilization", "Average", ">", 80, "percent", 300, 2, "warning", "service CPU high for 10 minutes"),  # noqa: E501
    "service_memory": AlarmRule("ecs_service", "AWS/ECS", "MemoryUtilization", "Average", ">", 80, "percent", 300, 2, "warning", "service memory high for 10 minutes"),  # noqa: E501
    "alb_5xx": AlarmRule("load_balancer", "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "Sum", ">", 10, "count per minute", 60, 5, "critical", "5xx responses above the threshold each minute for 5 minutes"),  # noqa: E501
    "alb_latency": AlarmRule("load_balancer", "AWS/ApplicationELB", "TargetResponseTime", "p95", ">", 2, "seconds", 300, 1, "warning", "p95 response time high"),  # noqa: E501
    "alb_unhealthy_hosts": AlarmRule("target_group", "AWS/ApplicationELB", "UnHealthyHostCount", "Maximum", ">", 0, "count", 60, 2, "critical", "a target failing its health check"),  # noqa: E501
    "db_cpu": AlarmRule("database", "AWS/RDS", "CPUUtilization", "Average", ">", 80, "percent", 300, 2, "warning", "database CPU high for 10 minutes"),  # noqa: E501
    "db_free_storage": AlarmRule("database", "AWS/RDS", "FreeStorageSpace", "Minimum", "<", 20, "percent of allocated storage", 300, 1, "warning", "database storage running out"),  # noqa: E501
    "db_connections": AlarmRule("database", "AWS/RDS", "DatabaseConnections", "Average", ">", 80, "percent of max_connections", 300, 1, "warning", "database connections near the limit"),  # noqa: E501
    "cache_cpu": AlarmRule("cache", "AWS/ElastiCache", "EngineCPUUtilization", "Average", ">", 80, "percent", 300, 2, "warning", "cache engine CPU high"),  # noqa: E501
    "cache_memory": AlarmRule("cache", "AWS/ElastiCache", "DatabaseMemoryUsagePercentage", "Average", ">", 80, "percent", 300, 2, "warning", "cache memory nearly full"),  # noqa: E501
    "queue_depth": AlarmRule("queue", "AWS/SQS", "ApproximateNumberOfMessagesVisible", "Maximum", ">", 1000, "messages", 300, 1, "warning", "messages piling up"),  # noqa: E501
    "dead_letters": AlarmRule("queue", "AWS/SQS", "ApproximateNumberOfMessagesVisible", "Maximum", ">", 0, "messages in the dead-letter queue", 300, 1, "warning", "messages failed processing"),  # noqa: E501
    "search_red": AlarmRule("search_domain", "AWS/ES", "ClusterStatus.red", "Maximum", ">=", 1, "status", 60, 1, "critical", "search cluster red"),  # noqa: E501
    "host_cpu": AlarmRule("ec2_host", "AWS/EC2", "CPUUtilization", "Average", ">", 70, "percent", 300, 2, "warning", "host CPU high for 10 minutes (a phase-2 trigger)"),  # noqa: E501
    "host_memory": AlarmRule("ec2_host", "CWAgent", "mem_used_percent", "Average", ">", 80, "percent", 300, 2, "warning", "host memory high for 10 minutes"),  # noqa: E501
    "host_disk": AlarmRule("ec2_host", "CWAgent", "disk_used_percent", "Maximum", ">", 85, "percent", 300, 1, "warning", "host disk filling up"),  # noqa: E501
    "host_status": AlarmRule("ec2_host", "AWS/EC2", "StatusCheckFailed_System", "Maximum", ">", 0, "count", 60, 5, "critical", "host failed its status check; recover it"),  # noqa: E501
}
# fmt: on
