from __future__ import annotations

from collections.abc import Iterator

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.checks.scope import SCALE_PHASE, at_scale
from stackwright.plan.resources import EcsService, Tracing


class TracingAtScale(Rule):
    id = "SW063"
    title = f"Requests are traced across services from phase {SCALE_PHASE}"
    severity = "note"
    category = "monitoring"
    rationale = (
        "With several services and data stores, a slow request is found by its trace, not by "
        "comparing dashboards."
    )
    fix = "set topology.tracing: true (or leave it to the phase)"

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        service = next(plan.of_type(EcsService), None)
        traced = next(plan.of_type(Tracing), None) is not None
        if service is not None and at_scale(plan) and not traced:
            percent = plan.usage.traced_requests_percent
            yield self.hit(
                service,
                f"no request is traced at phase {plan.phase}",
                origin=("topology", "tracing"),
                fixed=(Tracing(name="main", sampling_percent=percent),),
            )
