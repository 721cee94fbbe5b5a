"""The price catalog: one entry per priced item and region, each citing its source.

The package ships one (`data/prices.yaml`); `stackwright prices refresh` writes others in the same
form. A region cell either has a price from a source, or says which region's price it borrows and
why. No other borrowing happens: a region the catalog does not price is an error that lists the
regions it does.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

HOURS_PER_MONTH = Decimal(730)


class CatalogError(LookupError):
    """The catalog has no entry for a price key or region, or a catalog file is malformed."""


class UnpricedRegion(CatalogError):
    def __init__(self, region: str, priced: tuple[str, ...], origin: str) -> None:
        self.region, self.priced, self.origin = region, priced, origin
        super().__init__(
            f"{origin} has no prices for {region}; it prices {', '.join(priced)}. Build a "
            f"catalog for {region} from AWS's Price List with `stackwright prices refresh "
            f"--region {region} --from DIR -o FILE` (or --api), then pass --catalog FILE"
        )


@dataclass(frozen=True, slots=True)
class Source:
    key: str
    title: str
    where: str
    generated: str  # the date the source's price data was generated or published
    machine_generated: bool  # produced from AWS's price list by a program, not typed by a person


@dataclass(frozen=True, slots=True)
class Price:
    key: str
    description: str
    unit: str
    usd: Decimal
    region: str  # the region whose price this is
    source: str
    as_of: str
    verified: bool  # its source is machine-generated from AWS's price list
    note: str | None
    borrowed_why: str | None = None  # set when another region's price stands in, with the reason


@dataclass(frozen=True)
class Catalog:
    prices: dict[str, dict[str, Price]]
    sources: dict[str, Source]
    origin: str = "the stackwright price catalog"

    @functools.cached_property
    def as_of(self) -> str:
        """The oldest date any price relies on: the catalog is no newer than that."""
        dates = [p.as_of for regions in self.prices.values() for p in regions.values()]
        return min(dates, default="undated")

    @functools.cached_property
    def regions(self) -> tuple[str, ...]:
        """The regions this catalog prices: those with a cell of their own for some item."""
        return tuple(
            sorted(
                {r for regions in self.prices.values() for r, p in regions.items() if p.region == r}
            )
        )

    def price(self, key: str, region: str) -> Price:
        regions = self.prices.get(key)
        if regions is None:
            raise CatalogError(f"{self.origin} has no item '{key}'")
        found = regions.get(region)
        if found is None:
            if region not in self.regions:
                raise UnpricedRegion(region, self.regions, self.origin)
            raise CatalogError(f"{self.origin} has no {region} price for '{key}'")
        return found

    def item_keys(self) -> list[str]:
        return sorted(self.prices)


def parse_catalog(data: Any, origin: str = "the stackwright price catalog") -> Catalog:
    try:
        return _parse(data, origin)
    except (KeyError, TypeError, AttributeError, InvalidOperation, ValueError) as exc:
        problem = f"{type(exc).__name__}: {exc}"
        raise CatalogError(f"{origin} is not a price catalog ({problem})") from None


def _parse(data: dict[str, Any], origin: str) -> Catalog:
    sources = {
        key: Source(
            key,
            str(s.get("title", key)),
            str(s.get("where", "")),
            str(s["generated"]),
            bool(s.get("machine_generated", False)),
        )
        for key, s in data["sources"].items()
    }
    prices: dict[str, dict[str, Price]] = {}
    for key, item in data["items"].items():
        own: dict[str, Price] = {}
        borrowed: dict[str, tuple[str, str]] = {}
        for region, cell in item["prices"].items():
            if "borrow" in cell:
                borrowed[region] = (str(cell["borrow"]), str(cell["why"]))
                continue
            source = sources.get(str(cell["source"]))
            if source is None:
                raise CatalogError(f"{origin}: {key} in {region} cites no known source")
            own[region] = Price(
                key=key,
                description=str(item["description"]),
                unit=str(item["unit"]),
                usd=Decimal(str(cell["usd"])),
                region=region,
                source=source.key,
                as_of=source.generated,
                verified=source.machine_generated,
                note=cell.get("note"),
            )
        for region, (lender, why) in borrowed.items():
            if lender not in own:
                raise CatalogError(f"{origin}: {key} in {region} borrows from {lender}, unpriced")
            own[region] = dataclasses.replace(own[lender], borrowed_why=why)
        prices[key] = own
    return Catalog(prices, sources, origin)


def load_catalog(path: Path) -> Catalog:
    """A catalog file a user points `plan` at (one `stackwright prices refresh` wrote)."""
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise CatalogError(f"{path}: not YAML: {exc}") from None
    return parse_catalog(data, str(path))


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def default_catalog() -> Catalog:
    text = resources.files("stackwright.cost").joinpath("data/prices.yaml").read_text("utf-8")
    return parse_catalog(yaml.load(text, Loader=_LOADER))
