from __future__ import annotations

from stackwright.checks.alarm_rule import AlarmPresent


class QueueDepthAlarm(AlarmPresent):
    id = "SW059"
    alarm = "queue_depth"
    title = "An alarm on each queue's depth"
    rationale = (
        "Messages piling up mean the workers are down or too few, long before anyone notices "
        "the work is late."
    )
