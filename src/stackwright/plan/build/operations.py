"""Watching and paying: log groups (made with compute), alarms, dashboards, budget, tracing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from stackwright.plan.build.context import Context
from stackwright.plan.resources import (
    Alarm,
    Budget,
    Cache,
    Dashboard,
    Database,
    Ec2Host,
    EcsService,
    LoadBalancer,
    NotificationTopic,
    Queue,
    Resource,
    SearchDomain,
    TargetGroup,
    Tracing,
)


@dataclass(frozen=True, slots=True)
class AlarmRule:
    applies_to: type[Resource]
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


# The default alarm set; `alarms.thresholds` and `alarms.disabled` in the stack adjust it.
ALARM_RULES: dict[str, AlarmRule] = {
    "service_cpu": AlarmRule(
        EcsService,
        "AWS/ECS",
        "CPUUtilization",
        "Average",
        ">",
        80,
        "percent",
        300,
        2,
        "warning",
        "service CPU high for 10 minutes",
    ),
    "service_memory": AlarmRule(
        EcsService,
        "AWS/ECS",
        "MemoryUtilization",
        "Average",
        ">",
        80,
        "percent",
        300,
        2,
        "warning",
        "service memory high for 10 minutes",
    ),
    "alb_5xx": AlarmRule(
        LoadBalancer,
        "AWS/ApplicationELB",
        "HTTPCode_Target_5XX_Count",
        "Sum",
        ">",
        10,
        "count per minute",
        60,
        5,
        "critical",
        "more than the threshold of 5xx responses a minute, 5 minutes running",
    ),
    "alb_latency": AlarmRule(
        LoadBalancer,
        "AWS/ApplicationELB",
        "TargetResponseTime",
        "p95",
        ">",
        2,
        "seconds",
        300,
        1,
        "warning",
        "p95 response time high",
    ),
    "alb_unhealthy_hosts": AlarmRule(
        TargetGroup,
        "AWS/ApplicationELB",
        "UnHealthyHostCount",
        "Maximum",
        ">",
        0,
        "count",
        60,
        2,
        "critical",
        "a target failing its health check",
    ),
    "db_cpu": AlarmRule(
        Database,
        "AWS/RDS",
        "CPUUtilization",
        "Average",
        ">",
        80,
        "percent",
        300,
        2,
        "warning",
        "database CPU high for 10 minutes",
    ),
    "db_free_storage": AlarmRule(
        Database,
        "AWS/RDS",
        "FreeStorageSpace",
        "Minimum",
        "<",
        20,
        "percent of allocated storage",
        300,
        1,
        "warning",
        "database storage running out",
    ),
    "db_connections": AlarmRule(
        Database,
        "AWS/RDS",
        "DatabaseConnections",
        "Average",
        ">",
        80,
        "percent of max_connections",
        300,
        1,
        "warning",
        "database connections near the limit",
    ),
    "cache_cpu": AlarmRule(
        Cache,
        "AWS/ElastiCache",
        "EngineCPUUtilization",
        "Average",
        ">",
        80,
        "percent",
        300,
        2,
        "warning",
        "cache engine CPU high",
    ),
    "cache_memory": AlarmRule(
        Cache,
        "AWS/ElastiCache",
        "DatabaseMemoryUsagePercentage",
        "Average",
        ">",
        80,
        "percent",
        300,
        2,
        "warning",
        "cache memory nearly full",
    ),
    "queue_depth": AlarmRule(
        Queue,
        "AWS/SQS",
        "ApproximateNumberOfMessagesVisible",
        "Maximum",
        ">",
        1000,
        "messages",
        300,
        1,
        "warning",
        "messages piling up",
    ),
    "dead_letters": AlarmRule(
        Queue,
        "AWS/SQS",
        "ApproximateNumberOfMessagesVisible",
        "Maximum",
        ">",
        0,
        "messages in the dead-letter queue",
        300,
        1,
        "warning",
        "messages failed processing",
    ),
    "search_red": AlarmRule(
        SearchDomain,
        "AWS/ES",
        "ClusterStatus.red",
        "Maximum",
        ">=",
        1,
        "status",
        60,
        1,
        "critical",
        "search cluster red",
    ),
    "host_cpu": AlarmRule(
        Ec2Host,
        "AWS/EC2",
        "CPUUtilization",
        "Average",
        ">",
        70,
        "percent",
        300,
        2,
        "warning",
        "host CPU high for 10 minutes (phase-2 trigger)",
    ),
    "host_memory": AlarmRule(
        Ec2Host,
        "CWAgent",
        "mem_used_percent",
        "Average",
        ">",
        80,
        "percent",
        300,
        2,
        "warning",
        "host memory high for 10 minutes",
    ),
    "host_disk": AlarmRule(
        Ec2Host,
        "CWAgent",
        "disk_used_percent",
        "Maximum",
        ">",
        85,
        "percent",
        300,
        1,
        "warning",
        "host disk filling up",
    ),
    "host_status": AlarmRule(
        Ec2Host,
        "AWS/EC2",
        "StatusCheckFailed_System",
        "Maximum",
        ">",
        0,
        "count",
        60,
        5,
        "critical",
        "host failed its status check; recover",
    ),
}


def add_operations(ctx: Context) -> None:
    stack = ctx.stack
    ctx.add(NotificationTopic(name="alerts", email=stack.alarms.email))
    targets = list(ctx.resources)
    for key, rule in ALARM_RULES.items():
        if key in stack.alarms.disabled:
            continue
        threshold = stack.alarms.thresholds.get(key, rule.threshold)  # type: ignore[call-overload]
        for resource in targets:
            if not isinstance(resource, rule.applies_to):
                continue
            if key == "dead_letters" and not (isinstance(resource, Queue) and resource.dead_letter):
                continue
            ctx.add(
                Alarm(
                    name=f"{key}-{resource.name}",
                    alarm=key,
                    target=resource.id,
                    namespace=rule.namespace,
                    metric=rule.metric,
                    statistic=rule.statistic,
                    comparison=rule.comparison,
                    threshold=threshold,
                    unit=rule.unit,
                    period_seconds=rule.period_seconds,
                    evaluation_periods=rule.evaluation_periods,
                    severity=rule.severity,
                    description=rule.description,
                )
            )
    titles = ("overview", "database", "search")
    for i in range(ctx.profile.dashboards):
        title = titles[i] if i < len(titles) else f"dashboard-{i + 1}"
        ctx.add(Dashboard(name=title, title=f"{ctx.prefix} {title}"))
    if ctx.profile.tracing and not ctx.on_host:
        ctx.add(Tracing(name="main", sampling_percent=stack.usage.traced_requests_percent))
    if stack.budget is not None:
        ctx.add(
            Budget(
                name="monthly",
                monthly_usd=stack.budget.monthly_usd,
                alerts_percent=tuple(stack.budget.alerts_percent),
                email=stack.budget.email,
            )
        )
