from __future__ import annotations

from stackwright.checks.alarm_rule import AlarmPresent


class LatencyAlarm(AlarmPresent):
    id = "SW054"
    alarm = "alb_latency"
    title = "An alarm on response time"
    rationale = (
        "Slow responses come before errors: a saturated database or a noisy neighbour shows "
        "here first."
    )
