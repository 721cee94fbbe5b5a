from __future__ import annotations

from stackwright.checks.alarm_rule import AlarmPresent


class UnhealthyTargetsAlarm(AlarmPresent):
    id = "SW055"
    alarm = "alb_unhealthy_hosts"
    title = "An alarm on targets failing their health check"
    rationale = (
        "A target failing its health check is taken out of service quietly; with one left, "
        "the next failure is an outage."
    )
