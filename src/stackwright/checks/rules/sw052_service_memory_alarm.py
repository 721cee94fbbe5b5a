from __future__ import annotations

from stackwright.checks.alarm_rule import AlarmPresent


class ServiceMemoryAlarm(AlarmPresent):
    id = "SW052"
    alarm = "service_memory"
    title = "An alarm on each service's memory"
    rationale = (
        "A task that reaches its memory limit is killed without a trace in its logs; rising "
        "memory is the only warning."
    )
