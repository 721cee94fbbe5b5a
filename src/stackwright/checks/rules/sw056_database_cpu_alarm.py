from __future__ import annotations

from stackwright.checks.alarm_rule import AlarmPresent


class DatabaseCpuAlarm(AlarmPresent):
    id = "SW056"
    alarm = "db_cpu"
    title = "An alarm on the database's CPU"
    rationale = (
        "A database at full CPU slows every request at once; it is the first sign the "
        "instance class is too small."
    )
