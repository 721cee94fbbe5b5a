"""Watching and paying: log groups (made with compute), alarms, dashboards, budget, tracing."""

from __future__ import annotations

from stackwright.plan.alarms import ALARM_RULES
from stackwright.plan.build.context import Context
from stackwright.plan.resources import (
    Alarm,
    Budget,
    Dashboard,
    Database,
    NotificationTopic,
    Queue,
    SearchDomain,
    Tracing,
)


def add_operations(ctx: Context) -> None:
    stack = ctx.stack
    ctx.add(NotificationTopic(name="alerts", email=stack.alarms.email, origin=("alarms", "email")))
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
                    origin=("alarms", "thresholds", key)
                    if key in stack.alarms.thresholds
                    else resource.origin,
                )
            )
    titles = [
        "overview",
        *(["database"] if any(isinstance(r, Database) for r in ctx.resources) else []),
        *(["search"] if any(isinstance(r, SearchDomain) for r in ctx.resources) else []),
    ]
    wanted = ctx.profile.dashboards
    for title in titles[:wanted]:
        ctx.add(
            Dashboard(name=title, title=f"{ctx.prefix} {title}", origin=("topology", "dashboards"))
        )
    if wanted > len(titles) and ctx.stack.topology.dashboards is not None:
        ctx.notes.append(
            f"{len(titles)} of the {wanted} dashboards asked for have something to show "
            f"({', '.join(titles)}); only those are made"
        )
    if ctx.profile.tracing and not ctx.on_host:
        ctx.add(
            Tracing(
                name="main",
                sampling_percent=stack.usage.traced_requests_percent,
                origin=("topology", "tracing"),
            )
        )
    if stack.alarms.email is None:
        ctx.notes.append(
            "no one is told of an alarm or a budget alert: nothing subscribes to the alerts "
            "topic; set alarms.email, or subscribe to the topic (output alerts_topic)"
        )
    if stack.budget is not None:
        ctx.add(
            Budget(
                name="monthly",
                monthly_usd=stack.budget.monthly_usd,
                alerts_percent=tuple(stack.budget.alerts_percent),
                email=stack.budget.email,
                origin=("budget",),
            )
        )
