"""Registry, logs, alarms, dashboards, notifications, budget, tracing."""

from __future__ import annotations

from stackwright.cost.model import Component
from stackwright.cost.pricers.common import KEPT_FOREVER_DAYS, dec, fmt, percent, plural
from stackwright.plan.model import Plan
from stackwright.plan.resources import (
    Alarm,
    Budget,
    ContainerRepository,
    Dashboard,
    EcsService,
    LogGroup,
    NotificationTopic,
    ScheduledTask,
    Tracing,
)
from stackwright.stack.schedule import DAYS_PER_MONTH, MINUTES_PER_MONTH

FOREVER_MONTHS = round(KEPT_FOREVER_DAYS / DAYS_PER_MONTH)  # 12


def price_container_repository(resource: ContainerRepository, plan: Plan) -> list[Component]:
    gb = plan.usage.image_gb
    return [
        Component(
            f"image storage ({fmt(gb)} GB)",
            "ecr.storage.gb_month",
            dec(gb),
            assumption=f"usage.image_gb = {fmt(gb)} per repository "
            f"(last {resource.keep_last} images kept)",
        )
    ]


def price_log_group(resource: LogGroup, plan: Plan) -> list[Component]:
    gb, why = _log_volume(resource, plan)
    months = resource.retention_days / DAYS_PER_MONTH if resource.retention_days else FOREVER_MONTHS
    stored = round(gb * months, 4)
    kept = (
        f"{resource.retention_days} days"
        if resource.retention_days
        else f"for ever (priced as {FOREVER_MONTHS} months)"
    )
    return [
        Component(f"ingestion ({fmt(gb)} GB)", "cloudwatch.logs.ingest_gb", dec(gb), why),
        Component(
            f"storage ({fmt(stored)} GB kept {kept})",
            "cloudwatch.logs.storage_gb_month",
            dec(stored),
            assumption="uncompressed size, an upper bound",
        ),
    ]


def _log_volume(resource: LogGroup, plan: Plan) -> tuple[float, str]:
    """GB written a month, and the assumption it rests on."""
    if resource.written_by == "database":
        if not resource.share_of_logs:
            return 0.0, "written only while the engine is upgraded"
        gb = plan.usage.database_log_gb * resource.share_of_logs
        return gb, f"usage.database_log_gb = {fmt(gb)} GB/month for this instance"
    if resource.written_by == "container-insights":
        return _insights_volume(plan)
    gb = round(plan.usage.log_gb * resource.share_of_logs, 4)
    share = "" if resource.share_of_logs == 1 else f", {percent(resource.share_of_logs)} of it here"
    return gb, f"usage.log_gb = {fmt(plan.usage.log_gb)} GB/month{share}"


# Container Insights writes one event a minute for the cluster, each service, each running task
# and each of its containers. Sizes are those of the example events in the CloudWatch user guide
# ("Container Insights performance log events for Amazon ECS", read 2026-11), as compact JSON,
# plus the 26 bytes CloudWatch Logs adds to each event.
INSIGHTS_EVENT_BYTES = {"cluster": 371, "service": 541, "task": 1303, "container": 645}
LOG_EVENT_OVERHEAD_BYTES = 26
GB = 1024**3


def _insights_volume(plan: Plan) -> tuple[float, str]:
    containers_per_task = 1 if next(plan.of_type(Tracing), None) is None else 2  # X-Ray daemon
    services = list(plan.of_type(EcsService))
    task_minutes = sum(s.desired for s in services) * MINUTES_PER_MONTH + sum(
        t.runs_per_month * max(t.run_minutes, 1.0) for t in plan.of_type(ScheduledTask)
    )
    size = {k: v + LOG_EVENT_OVERHEAD_BYTES for k, v in INSIGHTS_EVENT_BYTES.items()}
    total = (size["cluster"] + len(services) * size["service"]) * MINUTES_PER_MONTH + (
        task_minutes * (size["task"] + containers_per_task * size["container"])
    )
    return round(total / GB, 4), (
        f"an event a minute for the cluster, each service, each task and each of its "
        f"{plural(containers_per_task, 'container')}, of the documented sizes "
        f"({fmt(round(task_minutes))} task-minutes)"
    )


def price_alarm(resource: Alarm, plan: Plan) -> list[Component]:
    return [Component("standard-resolution alarm", "cloudwatch.alarm.month", dec(1))]


def price_dashboard(resource: Dashboard, plan: Plan) -> list[Component]:
    return [Component("dashboard", "cloudwatch.dashboard.month", dec(1))]


def price_notification_topic(resource: NotificationTopic, plan: Plan) -> list[Component]:
    count = plan.usage.alarm_notifications
    components = [
        Component(
            f"publishes ({fmt(count)})",
            "sns.publish.million",
            dec(count) / 1_000_000,
            assumption=f"usage.alarm_notifications = {fmt(count)}",
        )
    ]
    if resource.email:
        components.append(
            Component(
                f"e-mail deliveries ({fmt(count)})",
                "sns.email.100k",
                dec(count) / 100_000,
                assumption=f"usage.alarm_notifications = {fmt(count)}",
            )
        )
    return components


def price_budget(resource: Budget, plan: Plan) -> list[Component]:
    return [
        Component(
            "budget with e-mail alerts (no actions)",
            "budgets.budget.day",
            dec(round(DAYS_PER_MONTH, 4)),
        )
    ]


def price_tracing(resource: Tracing, plan: Plan) -> list[Component]:
    traces = plan.usage.requests_per_month * resource.sampling_percent / 100
    return [
        Component(
            f"traces recorded ({fmt(round(traces))})",
            "xray.traces.million",
            dec(round(traces)) / 1_000_000,
            assumption=f"usage.requests_per_month × {fmt(resource.sampling_percent)}% "
            "sampled; the 100,000 free traces a month not deducted",
        )
    ]
