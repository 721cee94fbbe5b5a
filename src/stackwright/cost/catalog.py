"""The price catalog shipped in the package: one entry per priced item and region.

Loading reads `data/prices.yaml` once. A region without a price for an item falls back on the
us-east-1 price, and the resulting line is marked as an estimate that says so.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import Any

import yaml

HOURS_PER_MONTH = Decimal(730)
HOME_REGION = "us-east-1"


class CatalogError(LookupError):
    """The catalog has no entry for a price key: a bug in a pricer or the catalog."""


@dataclass(frozen=True, slots=True)
class Price:
    key: str
    description: str
    unit: str
    usd: Decimal
    region: str  # the region whose price this is
    source: str
    as_of: str
    verified: bool
    note: str | None

    def fallback_for(self, region: str) -> bool:
        return self.region != region


@dataclass(frozen=True, slots=True)
class Source:
    key: str
    title: str
    where: str
    date: str


@dataclass(frozen=True, slots=True)
class Catalog:
    as_of: str
    prices: dict[str, dict[str, Price]]
    sources: dict[str, Source]

    def price(self, key: str, region: str) -> Price:
        regions = self.prices.get(key)
        if regions is None:
            raise CatalogError(f"the price catalog has no item '{key}'")
        found = regions.get(region) or regions.get(HOME_REGION)
        if found is None:
            raise CatalogError(f"the price catalog has no {HOME_REGION} price for '{key}'")
        return found

    def item_keys(self) -> list[str]:
        return sorted(self.prices)


def parse_catalog(data: dict[str, Any]) -> Catalog:
    sources = {
        key: Source(key, str(s.get("title", key)), str(s.get("where", "")), str(s.get("date", "")))
        for key, s in data["sources"].items()
    }
    prices: dict[str, dict[str, Price]] = {}
    for key, item in data["items"].items():
        prices[key] = {
            region: Price(
                key=key,
                description=str(item["description"]),
                unit=str(item["unit"]),
                usd=Decimal(str(p["usd"])),
                region=region,
                source=str(p["source"]),
                as_of=str(p["as_of"]),
                verified=bool(p["verified"]),
                note=p.get("note"),
            )
            for region, p in item["prices"].items()
        }
    return Catalog(str(data["catalog_as_of"]), prices, sources)


@functools.cache
def default_catalog() -> Catalog:
    text = resources.files("stackwright.cost").joinpath("data/prices.yaml").read_text("utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return parse_catalog(yaml.load(text, Loader=loader))
