from __future__ import annotations

from stackwright.checks.dr_rule import TargetMet


class TaskFailureRecovered(TargetMet):
    id = "SW090"
    scenario = "task"
    title = "A stopped task or container is recovered within the DR targets"
    rationale = (
        "With one task, a crash or a deploy that fails its health check is an outage until ECS "
        "starts another: minutes a second task would have covered."
    )
