"""Sizes, durations and schedules as people write them."""

from __future__ import annotations

import pytest

from stackwright.stack.schedule import ScheduleError, parse_schedule
from stackwright.stack.units import cpu_units, duration_minutes, memory_mib


@pytest.mark.parametrize(
    ("written", "units"),
    [(256, 256), ("512", 512), (0.25, 256), ("0.5 vCPU", 512), ("1 vcpu", 1024), (2, 2048)],
)
def test_cpu(written: object, units: int) -> None:
    assert cpu_units(written) == units


@pytest.mark.parametrize(
    ("written", "mib"),
    [(512, 512), ("1GB", 1024), ("1 GiB", 1024), ("0.5gb", 512), ("2048MB", 2048)],
)
def test_memory(written: object, mib: int) -> None:
    assert memory_mib(written) == mib


@pytest.mark.parametrize(
    ("written", "minutes"), [("30s", 0.5), ("15m", 15), ("4h", 240), ("1d", 1440), (90, 90)]
)
def test_duration(written: object, minutes: float) -> None:
    assert duration_minutes(written) == minutes


@pytest.mark.parametrize("bad", ["lots", True, "1 TB"])
def test_bad_sizes(bad: object) -> None:
    with pytest.raises(ValueError):
        memory_mib(bad)


@pytest.mark.parametrize(
    ("written", "expression", "runs"),
    [
        ("5m", "rate(5 minutes)", 8760),
        ("rate(1 hour)", "rate(1 hour)", 730),
        ("1d", "rate(1 day)", 30.42),
        ("0 2 * * *", "cron(0 2 * * ? *)", 30.42),
        (
            "*/15 9-17 * * MON-FRI",
            "cron(0/15 9-17 ? * MON,TUE,WED,THU,FRI *)",
            4 * 9 * 30.4167 * 5 / 7,
        ),
        ("cron(0 0 1 * ? *)", "cron(0 0 1 * ? *)", 1.0),
    ],
)
def test_schedules(written: str, expression: str, runs: float) -> None:
    schedule = parse_schedule(written)
    assert schedule.eventbridge == expression
    assert schedule.runs_per_month == pytest.approx(runs, rel=1e-3)


@pytest.mark.parametrize("bad", ["every day", "0 25 * * *", "* * * *", "*/0 * * * *"])
def test_bad_schedules(bad: str) -> None:
    with pytest.raises(ScheduleError):
        parse_schedule(bad)
