"""AWS Price List offer files, JSON or CSV as AWS publishes them, read as one stream of rates.

An offer file lists products (a SKU with a product family and attributes) and terms (OnDemand or
Reserved), each term holding price dimensions. JSON files name attributes in camelCase
(`instanceType`, `usagetype`); CSV files use column titles (`Instance Type`, `usageType`). Both
are read into one form: attribute names lower-cased with everything but letters and digits
dropped (`instancetype`, `usagetype`), so one matching rule serves either file.

JSON is streamed (a regional EC2 file runs to gigabytes): products first, keeping only those a
caller wants, then their terms.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import ijson  # type: ignore[import-untyped]

Attributes = Mapping[str, str]
Keep = Callable[[Attributes], bool]
TERMS = ("OnDemand", "Reserved")


class OfferFileError(ValueError):
    """A file that is not an AWS Price List offer file, or one damaged."""


@dataclass(frozen=True, slots=True)
class Offer:
    """What an offer file says of itself."""

    path: str
    offer_code: str
    version: str
    publication_date: str  # ISO 8601 as AWS writes it


@dataclass(frozen=True, slots=True)
class Rate:
    """One price dimension of one term of one product."""

    sku: str
    attributes: Attributes  # normalised names; includes `productfamily`
    term: str  # OnDemand or Reserved
    term_attributes: Attributes  # normalised: leasecontractlength, purchaseoption, offeringclass
    unit: str
    usd: Decimal
    begin_range: Decimal


def normal(name: str) -> str:
    """`Instance Type`, `instanceType` and `instance_type` all become `instancetype`."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def read_header(path: Path) -> Offer:
    """What the file says of itself, read from its first lines."""
    return _csv_header(path) if _is_csv(path) else _json_header(path)


def read_rates(path: Path, keep: Keep, terms: Collection[str] = TERMS) -> Iterator[Rate]:
    """The file's rates, of the `terms` asked for, for the products `keep` accepts."""
    return _csv_rates(path, keep, terms) if _is_csv(path) else _json_rates(path, keep, terms)


def _is_csv(path: Path) -> bool:
    return path.suffix.lower() == ".csv"


# --- JSON ----------------------------------------------------------------------------------


_HEADER = {"offerCode": "offer_code", "version": "version", "publicationDate": "publication_date"}


def _json_header(path: Path) -> Offer:
    header: dict[str, str] = {}
    with path.open("rb") as stream:
        try:
            for prefix, event, value in ijson.parse(stream):
                if prefix in _HEADER and event == "string":
                    header[_HEADER[prefix]] = value
                if prefix == "products" or len(header) == len(_HEADER):
                    break
        except ijson.JSONError as exc:
            raise OfferFileError(f"{path}: not JSON: {exc}") from None
    if "offer_code" not in header:
        raise OfferFileError(f"{path}: no offerCode: not an AWS Price List offer file")
    return Offer(
        str(path),
        header["offer_code"],
        header.get("version", ""),
        header.get("publication_date", ""),
    )


def _json_rates(path: Path, keep: Keep, terms: Collection[str]) -> Iterator[Rate]:
    products: dict[str, dict[str, str]] = {}
    with path.open("rb") as stream:
        for sku, product in ijson.kvitems(stream, "products"):
            attributes = _normal_attributes(product.get("attributes", {}))
            attributes["productfamily"] = str(product.get("productFamily", ""))
            if keep(attributes):
                products[sku] = attributes
    for term in (t for t in TERMS if t in terms):  # a pass each: the file is read as it streams
        with path.open("rb") as stream:
            for sku, offers in ijson.kvitems(stream, f"terms.{term}"):
                if sku in products:
                    yield from _term_rates(sku, products[sku], term, offers)


def _term_rates(
    sku: str, attributes: Attributes, term: str, offers: Mapping[str, Any]
) -> Iterator[Rate]:
    for offer_term in offers.values():
        term_attributes = _normal_attributes(offer_term.get("termAttributes", {}))
        for dimension in offer_term.get("priceDimensions", {}).values():
            usd = dimension.get("pricePerUnit", {}).get("USD")
            if usd is None:
                continue
            yield Rate(
                sku=sku,
                attributes=attributes,
                term=term,
                term_attributes=term_attributes,
                unit=str(dimension.get("unit", "")),
                usd=_decimal(usd, sku),
                begin_range=_decimal(dimension.get("beginRange", "0") or "0", sku),
            )


def api_rates(price_list_item: Mapping[str, Any]) -> Iterator[Rate]:
    """The rates of one product as the Price List Query API returns it (`GetProducts`)."""
    product = price_list_item.get("product", {})
    attributes = _normal_attributes(product.get("attributes", {}))
    attributes["productfamily"] = str(product.get("productFamily", ""))
    sku = str(product.get("sku", ""))
    for term, offers in price_list_item.get("terms", {}).items():  # not keyed by SKU here
        yield from _term_rates(sku, attributes, term, offers)


def _normal_attributes(raw: Mapping[str, Any]) -> dict[str, str]:
    return {normal(k): str(v) for k, v in raw.items()}


def _decimal(text: Any, sku: str) -> Decimal:
    try:
        return Decimal(str(text))
    except InvalidOperation:
        raise OfferFileError(f"SKU {sku}: '{text}' is not a number") from None


# --- CSV -----------------------------------------------------------------------------------

_PRICE_COLUMNS = {
    "sku",
    "offertermcode",
    "ratecode",
    "termtype",
    "pricedescription",
    "effectivedate",
    "startingrange",
    "endingrange",
    "unit",
    "priceperunit",
    "currency",
    "relatedto",
}
_TERM_COLUMNS = {"leasecontractlength", "purchaseoption", "offeringclass"}


def _csv_header(path: Path) -> Offer:
    """AWS's CSV starts with five `"Name","value"` lines (FormatVersion, Disclaimer, Publication
    Date, Version, OfferCode), then the header row, then one row per price dimension."""
    header: dict[str, str] = {}
    with path.open(newline="", encoding="utf-8-sig") as stream:
        for row in csv.reader(stream):
            if row and normal(row[0]) == "sku":
                break
            if len(row) >= 2:
                header[normal(row[0])] = row[1]
    if "offercode" not in header:
        raise OfferFileError(f"{path}: no OfferCode line: not an AWS Price List offer file")
    return Offer(
        str(path), header["offercode"], header.get("version", ""), header.get("publicationdate", "")
    )


def _csv_rates(path: Path, keep: Keep, terms: Collection[str]) -> Iterator[Rate]:
    with path.open(newline="", encoding="utf-8-sig") as stream:
        rows = csv.reader(stream)
        columns = _skip_to_columns(rows, path)
        for row in rows:
            if len(row) != len(columns):
                continue
            values = dict(zip(columns, row, strict=True))
            if values["termtype"] not in terms or values["currency"] != "USD":
                continue
            attributes = {
                k: v
                for k, v in values.items()
                if k not in _PRICE_COLUMNS and k not in _TERM_COLUMNS and v != ""
            }
            if not keep(attributes):
                continue
            yield Rate(
                sku=values["sku"],
                attributes=attributes,
                term=values["termtype"],
                term_attributes={k: values[k] for k in _TERM_COLUMNS if values.get(k)},
                unit=values["unit"],
                usd=_decimal(values["priceperunit"], values["sku"]),
                begin_range=_decimal(values["startingrange"] or "0", values["sku"]),
            )


def _skip_to_columns(rows: Iterator[list[str]], path: Path) -> list[str]:
    for row in rows:
        if row and normal(row[0]) == "sku":
            columns = [normal(c) for c in row]
            missing = {"sku", "termtype", "unit", "priceperunit", "currency"} - set(columns)
            if missing:
                raise OfferFileError(f"{path}: the header row lacks {', '.join(sorted(missing))}")
            return columns
    raise OfferFileError(f"{path}: no header row starting with SKU")
