"""Watching and paying: log groups (made with compute), alarms, dashboards, budget, tracing."""

from __future__ import annotations

from stackwright.plan.alarms import ALARM_RULES
from stackwright.plan.build.context import Context
from stackwright.plan.resources import (
    Alarm,
    Budget,
    Dashboard,
    NotificationTopic,
    Queue,
    Tracing,
)


def add_operations(ctx: Context) -> None:
    stack = ctx.stack
    ctx.add(NotificationTopic(name="alerts", email=stack.alarms.email))
    targets = list(ctx.resources)
    for key, rule in ALARM_RULES.items():
        if key in stack.alarms.disabled:
            continue
        threshold = stack.alarms.thresholds.get(key, rule.threshold)  # type: ignore[call-overload]
        for resource in targets:
            if rule.applies_to != resource.TYPE:
                continue
            if key == "dead_letters" and not (isinstance(resource, Queue) and resource.dead_letter):
                continue
            ctx.add(
                Alarm(
                    name=f"{key}-{resource.name}",
                    rule_name=key,
                    rule=rule,
                    target=resource.id,
                    threshold=threshold,
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
