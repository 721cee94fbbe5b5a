from __future__ import annotations

from stackwright.checks.alarm_rule import AlarmPresent


class DatabaseStorageAlarm(AlarmPresent):
    id = "SW057"
    alarm = "db_free_storage"
    title = "An alarm on the database's free storage"
    rationale = (
        "A database out of storage stops taking writes; autoscaling storage has a ceiling and"
        " a six-hour cooldown."
    )
