from __future__ import annotations

from collections.abc import Iterator

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import EcsService


class AutoscalingBounds(Rule):
    id = "SW044"
    title = "Autoscaling has room to scale, and a web service never scales to nothing"
    severity = "warning"
    category = "availability"
    rationale = (
        "Bounds with min = max never scale, so a CPU target does nothing; a web service "
        "scaled to zero tasks answers every request with 503."
    )
    fix = "give autoscaling a max above its min, and a web service a min of 1 or more"

    def check(self, facts: Facts) -> Iterator[Hit]:
        for service in facts.plan.of_type(EcsService):
            where = (*service.origin, "autoscaling")
            if service.cpu_target is not None and service.max_tasks <= service.min_tasks:
                yield self.hit(
                    service,
                    f"{service.id} autoscales between {service.min_tasks} and "
                    f"{service.max_tasks} tasks: it cannot scale",
                    origin=where,
                )
            if service.kind == "web" and service.min_tasks == 0:
                yield self.hit(service, f"{service.id} may scale to 0 tasks", origin=where)
