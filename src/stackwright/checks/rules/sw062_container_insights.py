from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.checks.scope import SCALE_PHASE, at_scale
from stackwright.plan.resources import EcsCluster, LogGroup


class ContainerInsights(Rule):
    id = "SW062"
    title = f"Per-task metrics (Container Insights) from phase {SCALE_PHASE}"
    severity = "note"
    category = "monitoring"
    rationale = (
        "Service averages hide the one task that is out of memory or restarting; Container "
        "Insights records each task and container."
    )
    fix = "set topology.container_insights: true (or leave it to the phase)"
    checkov = ("CKV_AWS_65",)

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        for cluster in plan.of_type(EcsCluster):
            if at_scale(plan) and not cluster.container_insights:
                group = LogGroup(
                    name="container-insights",
                    group_name=cluster.performance_log_group,
                    retention_days=30,
                    written_by="container-insights",
                )
                yield self.hit(
                    cluster,
                    f"{cluster.id} records no per-task metrics at phase {plan.phase}",
                    origin=("topology", "container_insights"),
                    fixed=(replace(cluster, container_insights=True), group),
                )
