"""Sizes and durations as a person writes them: `0.25 vCPU`, `512`, `1GB`, `4h`, `15m`."""

from __future__ import annotations

import re

# At most nine digits before and after the point: enough for any real size, and no float
# overflows on the way.
_NUMBER = r"([0-9]{1,9}(?:\.[0-9]{1,9})?)"
_MEMORY = re.compile(rf" *{_NUMBER} *(mib|mb|m|gib|gb|g)? *", re.IGNORECASE | re.ASCII)
_CPU = re.compile(rf" *{_NUMBER} *(vcpu|cpu)? *", re.IGNORECASE | re.ASCII)
_DURATION = re.compile(rf" *{_NUMBER} *(s|m|min|h|d) *", re.IGNORECASE | re.ASCII)


def cpu_units(value: object) -> int:
    """CPU in ECS units (1024 = 1 vCPU). Numbers under 64 are read as vCPUs."""
    if isinstance(value, bool):
        raise ValueError("expected CPU units such as 256 or vCPUs such as '0.25 vCPU'")
    match = _CPU.fullmatch(str(value))
    if not match:
        raise ValueError(f"'{value}' is not a CPU size; write 256 (units) or '0.25 vCPU'")
    number = float(match.group(1))
    if match.group(2) or number < 64:
        number *= 1024
    return round(number)


def memory_mib(value: object) -> int:
    """Memory in MiB. Plain numbers are MiB; `1GB`/`1GiB` are 1024 MiB."""
    if isinstance(value, bool):
        raise ValueError("expected memory such as 512 (MiB) or '1GB'")
    match = _MEMORY.fullmatch(str(value))
    if not match:
        raise ValueError(f"'{value}' is not a memory size; write 512 (MiB) or '1GB'")
    number = float(match.group(1))
    unit = (match.group(2) or "mib").lower()
    if unit.startswith("g"):
        number *= 1024
    return round(number)


def duration_minutes(value: object) -> float:
    """A duration in minutes, from `30s`, `15m`, `4h` or `1d`; a plain number is minutes."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    match = _DURATION.fullmatch(str(value))
    if not match:
        raise ValueError(f"'{value}' is not a duration; write 30s, 15m, 4h or 1d")
    factor = {"s": 1 / 60, "m": 1, "min": 1, "h": 60, "d": 1440}[match.group(2).lower()]
    return float(match.group(1)) * factor
