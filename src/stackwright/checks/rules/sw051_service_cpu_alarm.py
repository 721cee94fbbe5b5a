from __future__ import annotations

from stackwright.checks.alarm_rule import AlarmPresent


class ServiceCpuAlarm(AlarmPresent):
    id = "SW051"
    alarm = "service_cpu"
    title = "An alarm on each service's CPU"
    rationale = (
        "A service pinned at its CPU limit answers slowly long before it fails; the alarm "
        "comes before the users notice."
    )
