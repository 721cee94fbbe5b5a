from __future__ import annotations

from stackwright.checks.alarm_rule import AlarmPresent


class DeadLetterAlarm(AlarmPresent):
    id = "SW060"
    alarm = "dead_letters"
    title = "An alarm on messages in a dead-letter queue"
    rationale = (
        "A message in a dead-letter queue is work that failed every retry; without an alarm "
        "it waits there until it expires."
    )
