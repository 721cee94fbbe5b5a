from __future__ import annotations

from stackwright.checks.alarm_rule import AlarmPresent


class ServerErrorsAlarm(AlarmPresent):
    id = "SW053"
    alarm = "alb_5xx"
    title = "An alarm on server errors at the load balancer"
    rationale = (
        "5xx responses are what users see of a failure; counting them at the load balancer "
        "catches crashes, timeouts and bad deploys alike."
    )
