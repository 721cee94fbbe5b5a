"""The published SLAs and the recovery assumptions, read once from the package's data files."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from stackwright.availability.model import Assumption, Sla

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


def _read(name: str) -> Any:
    text = resources.files("stackwright.availability").joinpath(f"data/{name}").read_text("utf-8")
    return yaml.load(text, Loader=_LOADER)


@cache
def slas() -> dict[str, Sla]:
    rows = _read("slas.yaml")["slas"]
    return {
        row["key"]: Sla(
            key=row["key"],
            service=row["service"],
            shape=row["shape"],
            percent=float(row["percent"]),
            source=row["source"],
            checked=str(row["checked"]),
            basis=row.get("basis"),
        )
        for row in rows
    }


@cache
def assumptions() -> dict[str, Assumption]:
    rows = _read("recovery.yaml")["recovery"]
    return {
        key: Assumption(
            key=key,
            minutes=float(row["minutes"]),
            basis=" ".join(row["basis"].split()),
            source=row["source"],
            per_100_gb=float(row.get("per_100_gb", 0)),
        )
        for key, row in rows.items()
    }


def minutes(key: str, gb: float = 0.0) -> float:
    """How long the recovery `key` takes, for `gb` of data where its size matters."""
    found = assumptions()[key]
    return found.minutes + found.per_100_gb * gb / 100
