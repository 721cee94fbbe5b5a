"""Fargate services and scheduled tasks, and the phase-1 EC2 host."""

from __future__ import annotations

from decimal import Decimal

from stackwright.cost.model import Component
from stackwright.cost.pricers.common import dec, fmt, hours, plural
from stackwright.plan.model import Plan
from stackwright.plan.resources import Ec2Host, EcsCluster, EcsService, ScheduledTask

EPHEMERAL_INCLUDED_GB = 20


def _fargate(task: EcsService | ScheduledTask, task_hours: Decimal, what: str) -> list[Component]:
    family = "arm" if task.architecture == "arm64" else "x86"
    vcpu, gb = dec(task.cpu) / 1024, dec(task.memory) / 1024
    components = [
        Component(
            f"vCPU ({what} × {fmt(float(vcpu))} vCPU)",
            f"fargate.{family}.vcpu_hour",
            task_hours * vcpu,
        ),
        Component(
            f"memory ({what} × {fmt(float(gb))} GB)", f"fargate.{family}.gb_hour", task_hours * gb
        ),
    ]
    if task.ephemeral_gb is not None:
        extra = task.ephemeral_gb - EPHEMERAL_INCLUDED_GB
        components.append(
            Component(
                f"ephemeral storage ({what} × {extra} GB above the "
                f"{EPHEMERAL_INCLUDED_GB} GB included)",
                "fargate.ephemeral.gb_hour",
                task_hours * extra,
            )
        )
    return components


# A target-tracking scaling policy creates and keeps two CloudWatch alarms of its own, billed as
# any other (Application Auto Scaling documentation, "Target tracking scaling policies", read
# 2026-11).
TARGET_TRACKING_ALARMS = 2


def price_ecs_service(resource: EcsService, plan: Plan) -> list[Component]:
    what = f"{plural(resource.desired, 'task')} × 730 h"
    components = _fargate(resource, hours(resource.desired), what)
    if resource.max_tasks > resource.desired:
        components[0] = Component(
            components[0].item,
            components[0].key,
            components[0].quantity,
            assumption=f"priced at the desired {plural(resource.desired, 'task')}; "
            f"autoscaling may run "
            f"up to {resource.max_tasks}",
        )
    if resource.cpu_target is not None:
        components.append(
            Component(
                "the scaling policy's alarms (scale out, scale in)",
                "cloudwatch.alarm.month",
                dec(TARGET_TRACKING_ALARMS),
            )
        )
    return components


def price_scheduled_task(resource: ScheduledTask, plan: Plan) -> list[Component]:
    minutes = max(resource.run_minutes, 1.0)  # Fargate bills at least one minute a task
    task_hours = dec(round(resource.runs_per_month * minutes / 60, 4))
    what = f"{fmt(round(resource.runs_per_month, 1))} runs × {fmt(minutes)} min"
    components = _fargate(resource, task_hours, what)
    assumption = f"schedule {resource.schedule}; each run takes {fmt(resource.run_minutes)} min"
    return [Component(c.item, c.key, c.quantity, assumption) for c in components]


# Container Insights publishes custom metrics per cluster, per service and per task family
# (the metric list in the Amazon ECS Container Insights documentation, read 2026-11).
INSIGHTS_CLUSTER_METRICS = 11
INSIGHTS_SERVICE_METRICS = 13
INSIGHTS_TASK_FAMILY_METRICS = 8


def price_ecs_cluster(resource: EcsCluster, plan: Plan) -> list[Component]:
    if not resource.container_insights:
        return []
    services = sum(1 for _ in plan.of_type(EcsService))
    families = services + sum(1 for t in plan.of_type(ScheduledTask) if t.runs_in is None)
    metrics = (
        INSIGHTS_CLUSTER_METRICS
        + services * INSIGHTS_SERVICE_METRICS
        + families * INSIGHTS_TASK_FAMILY_METRICS
    )
    return [
        Component(
            f"Container Insights metrics ({metrics})",
            "cloudwatch.metric.month",
            dec(metrics),
            assumption=f"{INSIGHTS_CLUSTER_METRICS} per cluster, {INSIGHTS_SERVICE_METRICS} per "
            f"service, {INSIGHTS_TASK_FAMILY_METRICS} per task family; their performance log "
            "events are not counted",
        )
    ]


def price_ec2_host(resource: Ec2Host, plan: Plan) -> list[Component]:
    components = [
        Component(
            f"{resource.instance_type} instance (730 h)",
            f"ec2.instance.{resource.instance_type}",
            hours(),
            reserved_key=f"ec2.ri_standard_1yr_no_upfront.{resource.instance_type}",
        ),
        Component(
            f"gp3 root volume ({resource.disk_gb} GB)", "ebs.gp3.gb_month", dec(resource.disk_gb)
        ),
    ]
    if resource.agent_metrics:
        components.append(
            Component(
                f"CloudWatch agent metrics ({resource.agent_metrics}: memory, disk)",
                "cloudwatch.metric.month",
                dec(resource.agent_metrics),
            )
        )
    return components
