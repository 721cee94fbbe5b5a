"""jobs.tsv for the phase-1 host: each scheduled job's systemd timer setting. The host's boot
script writes a timer and a one-shot service per line; the job's command stays in
compose.yaml (its Compose service), so no stack text is written into a unit file."""

from __future__ import annotations

from stackwright.plan.resources import Ec2Host
from stackwright.stack.schedule import parse_schedule


def _values(values: list[int] | None) -> str:
    return "*" if values is None else ",".join(str(v) for v in values)


def calendar(schedule: str) -> tuple[str, str]:
    """The systemd timer setting and value that fire as `schedule` does (UTC, as on AWS)."""
    parsed = parse_schedule(schedule)
    if parsed.period_seconds is not None:
        return "OnUnitActiveSec", f"{parsed.period_seconds}s"
    times = parsed.times()
    days = "" if times.days_of_week is None else ",".join(d.title() for d in times.days_of_week)
    years = times.years.replace("-", "..")
    date = f"{years}-{_values(times.months)}-{_values(times.days_of_month)}"
    clock = f"{_values(times.hours)}:{_values(times.minutes)}:00"
    return "OnCalendar", " ".join(filter(None, (days, date, clock, "UTC")))


def jobs_table(host: Ec2Host) -> str:
    """job, its Compose service (of the same name), timer setting and value, one per line."""
    rows = [(job.name, job.name, *calendar(job.schedule)) for job in host.jobs]
    return "".join("\t".join(row) + "\n" for row in rows)
