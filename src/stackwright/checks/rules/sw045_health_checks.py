from __future__ import annotations

from collections.abc import Iterator

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import EcsService, LoadBalancer, TargetGroup


class HealthChecks(Rule):
    id = "SW045"
    title = "Every load-balanced service has a health check"
    severity = "error"
    category = "availability"
    rationale = (
        "Without a health check the load balancer keeps sending requests to a task that "
        "hangs, and a deploy of a broken image is never rolled back."
    )
    fix = "set the service's health_check to a path that answers 200 when it can serve"

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        if next(plan.of_type(LoadBalancer), None) is None:
            return
        checked = {tg.service: tg for tg in plan.of_type(TargetGroup)}
        for service in plan.of_type(EcsService):
            if service.kind != "web":
                continue
            group = checked.get(service.name)
            if group is None or not group.health_check:
                yield self.hit(
                    service,
                    f"{service.id} is served without a health check",
                    origin=(*service.origin, "health_check"),
                )
