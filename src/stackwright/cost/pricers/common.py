"""Small helpers shared by pricers."""

from __future__ import annotations

from decimal import Decimal

from stackwright.cost.catalog import HOURS_PER_MONTH

# What is kept for ever (logs without retention, objects and versions that never expire) is
# priced as a year's worth accumulated.
KEPT_FOREVER_DAYS = 365


def dec(value: float | int | str) -> Decimal:
    """A float as the Decimal a person would write (0.1 → 0.1, not 0.1000000000000000055)."""
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def hours(count: float | int = 1) -> Decimal:
    return dec(count) * HOURS_PER_MONTH


def fmt(value: float) -> str:
    """A number for an assumption text: 1,000,000 / 2.5 / 0.25."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def percent(share: float) -> str:
    return f"{share:.0%}" if share >= 0.01 else f"{share:.2%}"
