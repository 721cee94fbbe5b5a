from __future__ import annotations

from stackwright.checks.alarm_rule import AlarmPresent


class DatabaseConnectionsAlarm(AlarmPresent):
    id = "SW058"
    alarm = "db_connections"
    title = "An alarm on the database's connections"
    rationale = (
        "When connections reach max_connections new tasks cannot connect, so scaling out "
        "makes things worse."
    )
