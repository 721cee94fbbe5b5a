"""Job schedules: a rate such as `30s`, `5m`, `rate(1 hour)`, or a cron expression.

Cron takes the five-field Unix form (`0 2 * * *`) or EventBridge's six-field `cron(0 2 * * ? *)`.
Each schedule knows how often it runs, which the cost of a scheduled task depends on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DAYS_PER_MONTH = 730 / 24  # 30.416..., the same month as everywhere else (730 hours)
MINUTES_PER_MONTH = 730 * 60

_RATE_SHORT = re.compile(r"([0-9]{1,9}) *(s|sec|m|min|h|d)")
_RATE_LONG = re.compile(r"rate\( *([0-9]{1,9}) +(second|minute|hour|day)s? *\)")
_CRON_WRAPPED = re.compile(r"cron\((.*)\)")
_CRON_TEXT = re.compile(r"[0-9A-Za-z*?,/#\- ]+")
_YEARS = re.compile(r"\*|[0-9]{4}(?:-[0-9]{4})?(?:/[0-9]{1,3})?")
MAX_PERIOD_SECONDS = 366 * 86400
_UNIT_SECONDS = {
    "s": 1,
    "sec": 1,
    "second": 1,
    "m": 60,
    "min": 60,
    "minute": 60,
    "h": 3600,
    "hour": 3600,
    "d": 86400,
    "day": 86400,
}


class ScheduleError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class CronTimes:
    minutes: list[int]
    hours: list[int]
    days_of_month: list[int] | None  # None: any
    months: list[int] | None
    days_of_week: list[str] | None  # SUN..SAT
    years: str  # as written: *, 2030 or 2030-2035


@dataclass(frozen=True, slots=True)
class Schedule:
    text: str
    period_seconds: int | None  # set for rates
    cron_fields: tuple[str, ...] | None  # minute hour day-of-month month day-of-week [year]

    @property
    def eventbridge(self) -> str:
        """The expression EventBridge Scheduler accepts."""
        if self.period_seconds is not None:
            return _rate_expression(self.period_seconds)
        assert self.cron_fields is not None
        return f"cron({' '.join(self.cron_fields)})"

    @property
    def in_worker(self) -> bool:
        """Too frequent (or too finely timed) for EventBridge: a worker's runner runs it."""
        return self.period_seconds is not None and self.period_seconds % 60 != 0

    def times(self) -> CronTimes:
        """The values a cron schedule fires at, each field expanded (UTC)."""
        assert self.cron_fields is not None
        minute, hour, dom, month, dow, year = self.cron_fields
        return CronTimes(
            minutes=sorted(_expand(minute, 0, 59)),
            hours=sorted(_expand(hour, 0, 23)),
            days_of_month=None if dom in ("*", "?") else sorted(_expand(dom, 1, 31)),
            months=None if month == "*" else sorted(_expand(month.upper(), 1, 12, names=_MON)),
            days_of_week=(
                None
                if dow in ("*", "?")
                else [
                    _DAY_NAMES[d - 1]
                    for d in sorted(_expand(dow.upper(), 1, 7, names=_EVENTBRIDGE_DOW))
                ]
            ),
            years=year,
        )

    @property
    def runs_per_month(self) -> float:
        if self.period_seconds is not None:
            return 730 * 3600 / self.period_seconds
        assert self.cron_fields is not None
        minute, hour, dom, month, dow = self.cron_fields[:5]
        per_day = len(_expand(minute, 0, 59)) * len(_expand(hour, 0, 23))
        day_share = 1.0
        if dom not in ("*", "?"):
            day_share = min(1.0, len(_expand(dom, 1, 31)) / DAYS_PER_MONTH)
        elif dow not in ("*", "?"):
            day_share = len(_expand(dow.upper(), 0, 7, names=_DOW)) / 7
        month_share = 1.0 if month == "*" else len(_expand(month.upper(), 1, 12, names=_MON)) / 12
        return per_day * DAYS_PER_MONTH * day_share * month_share


_DAY_NAMES = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
_DOW = {name: i for i, name in enumerate(_DAY_NAMES)}
_EVENTBRIDGE_DOW = {name: i + 1 for i, name in enumerate(_DAY_NAMES)}  # SUN is 1
_MON = {
    name: i + 1
    for i, name in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    )
}


def _rate_expression(seconds: int) -> str:
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds % size == 0:
            count = seconds // size
            return f"rate({count} {unit}{'s' if count > 1 else ''})"
    raise ScheduleError("EventBridge rates are whole minutes")


def _expand(field: str, low: int, high: int, names: dict[str, int] | None = None) -> set[int]:
    values: set[int] = set()
    for part in field.split(","):
        step = 1
        if "/" in part:
            part, step_text = part.split("/", 1)
            step = _number(step_text, names)
            if step < 1:
                raise ScheduleError(f"step '{step_text}' must be at least 1")
        if part in ("*", "?"):
            start, stop = low, high
        elif "-" in part:
            a, b = part.split("-", 1)
            start, stop = _number(a, names), _number(b, names)
        else:
            start = _number(part, names)
            stop = high if step > 1 else start
        if not (low <= start <= high and low <= stop <= high) or start > stop:
            raise ScheduleError(f"'{field}' is outside {low}-{high}")
        values.update(range(start, stop + 1, step))
    if names is _DOW and 7 in values:  # 7 and 0 are both Sunday
        values = (values - {7}) | {0}
    return values


def _number(text: str, names: dict[str, int] | None) -> int:
    text = text.strip().upper()
    if names and text in names:
        return names[text]
    if not (text.isascii() and text.isdigit()):
        raise ScheduleError(f"'{text}' is not a number")
    return int(text)


def parse_schedule(text: str) -> Schedule:
    text = " ".join(str(text).split())
    for pattern in (_RATE_SHORT, _RATE_LONG):
        match = pattern.fullmatch(text)
        if match:
            seconds = int(match.group(1)) * _UNIT_SECONDS[match.group(2)]
            if seconds <= 0:
                raise ScheduleError("a rate must be greater than zero")
            if seconds > MAX_PERIOD_SECONDS:
                raise ScheduleError("a rate of more than a year; use a cron expression")
            return Schedule(text, seconds, None)
    wrapped = _CRON_WRAPPED.fullmatch(text)
    body = wrapped.group(1) if wrapped else text
    if not _CRON_TEXT.fullmatch(body):
        raise ScheduleError(
            f"'{text}' is neither a rate (30s, 5m, 1h, rate(5 minutes)) nor a cron expression "
            "('0 2 * * *' or 'cron(0 2 * * ? *)')"
        )
    fields = body.split()
    if len(fields) == 5:
        minute, hour, dom, month, dow = fields
        if dow == "*":
            dow = "?"
        elif dom == "*":
            dom = "?"
        if dow != "?":  # Unix counts Sunday as 0, EventBridge as 1: names mean the same to both
            dow = ",".join(_DAY_NAMES[d] for d in sorted(_expand(dow.upper(), 0, 7, _DOW)))
        fields = [minute, hour, dom, month, dow, "*"]
    if len(fields) == 6:  # EventBridge steps from a start value, never from *
        lows = ("0", "0", "1", "1", "1", "")
        fields = [
            ",".join(
                low + part[1:] if part.startswith("*/") and low else part
                for part in field.split(",")
            )
            for field, low in zip(fields, lows, strict=True)
        ]
    if len(fields) != 6:
        raise ScheduleError(
            f"'{text}' is neither a rate (30s, 5m, 1h, rate(5 minutes)) nor a cron expression "
            "('0 2 * * *' or 'cron(0 2 * * ? *)')"
        )
    if (fields[2] == "?") == (fields[4] == "?"):
        raise ScheduleError(
            f"'{text}': EventBridge takes a day of the month or a day of the week, not both "
            "and not neither; put ? in one of the two"
        )
    if not _YEARS.fullmatch(fields[5]):
        raise ScheduleError(f"'{fields[5]}' is not a year field (*, 2030 or 2030-2035)")
    schedule = Schedule(text, None, tuple(fields))
    schedule.runs_per_month  # noqa: B018 - validates every field
    return schedule
