"""Build a price catalog from AWS's Price List: offer files a user downloaded, or the Price List
Query API. Every price cites the offer it came from and that offer's publication date."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from stackwright.cost.catalog import Catalog
from stackwright.cost.pricelist.offers import Keep, Offer, Rate, api_rates, read_header, read_rates
from stackwright.cost.pricelist.rules import FREE, OFFERS, RULES, Rule, rules_for

NO_METER = "no-meter"


@dataclass(frozen=True, slots=True)
class Found:
    usd: Decimal
    source: str


@dataclass
class Refresh:
    """What a refresh found: prices per item and region, and what it could not price."""

    regions: tuple[str, ...]
    sources: dict[str, Offer] = field(default_factory=dict)
    prices: dict[str, dict[str, Found]] = field(default_factory=lambda: defaultdict(dict))
    ambiguous: dict[tuple[str, str], list[Decimal]] = field(default_factory=dict)
    ignored_files: list[str] = field(default_factory=list)

    def unmatched(self) -> list[tuple[str, str, str]]:
        """(item, region, why) for every item × region left without a price."""
        offers_read = {offer.offer_code for offer in self.sources.values()}
        free = {f.key for f in FREE}
        missing = []
        for key, offer in {rule.key: rule.offer for rule in RULES}.items():
            for region in self.regions:
                if key in free or region in self.prices.get(key, {}):
                    continue
                if (key, region) in self.ambiguous:
                    prices = ", ".join(str(p) for p in self.ambiguous[key, region])
                    why = f"rows disagree ({prices})"
                elif offer not in offers_read:
                    why = f"no {offer} offer read"
                else:
                    why = f"no {offer} row matched"
                missing.append((key, region, why))
        return missing


def refresh_from_files(folder: Path, regions: Iterable[str]) -> Refresh:
    result = Refresh(tuple(sorted(set(regions))))
    paths = sorted(
        p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in (".json", ".csv")
    )
    for path in paths:
        offer = read_header(path)
        rules = rules_for(offer.offer_code)
        if not rules:
            result.ignored_files.append(f"{path}: offer {offer.offer_code} prices no item")
            continue
        source = _source_key(offer)
        where = str(path.relative_to(folder))
        if source in result.sources:  # one version, several regional files
            where = f"{result.sources[source].path}, {where}"
        result.sources[source] = Offer(
            where, offer.offer_code, offer.version, offer.publication_date
        )
        terms = {rule.term for rule in rules}
        rates = read_rates(path, _keeper(rules, result.regions), terms)
        _collect(result, rules, rates, source)
    return result


def _keeper(rules: tuple[Rule, ...], regions: tuple[str, ...]) -> Keep:
    """Keep a product only if a rule prices it in a wanted region: a regional EC2 file has
    hundreds of thousands of products and a few dozen matter."""

    def keep(attributes: Mapping[str, str]) -> bool:
        return any(
            _in(rule, attributes, regions) and rule.prices_product(attributes) for rule in rules
        )

    return keep


def _in(rule: Rule, attributes: Mapping[str, str], regions: tuple[str, ...]) -> bool:
    return rule.worldwide or attributes.get(rule.region_attribute) in regions


def _collect(result: Refresh, rules: tuple[Rule, ...], rates: Iterator[Rate], source: str) -> None:
    candidates: dict[tuple[str, str], list[Rate]] = defaultdict(list)
    by_key = {rule.key: rule for rule in rules}
    for rate in rates:
        for rule in rules:
            if not rule.prices(rate):
                continue
            region = rule.region_of(rate)
            for wanted in result.regions if region is None else (region,):
                if wanted in result.regions:
                    candidates[rule.key, wanted].append(rate)
    for (key, region), rates_found in candidates.items():
        rule = by_key[key]
        usd = _choose(rule, rates_found)
        if isinstance(usd, list):
            result.ambiguous[rule.key, region] = usd
        else:
            result.prices[rule.key][region] = Found(usd, source)


def _choose(rule: Rule, rates: list[Rate]) -> Decimal | list[Decimal]:
    """The first paid tier's price in the catalog's unit, or the prices that disagree."""
    paid = [r for r in rates if r.usd > 0] or rates
    first = min(r.begin_range for r in paid)
    prices = sorted({r.usd * rule.per for r in paid if r.begin_range == first})
    if len(prices) == 1:
        return prices[0]
    if rule.commonest:
        counts = Counter(r.usd * rule.per for r in paid if r.begin_range == first)
        return max(prices, key=lambda p: (counts[p], -p))
    return prices


def _source_key(offer: Offer) -> str:
    return f"{offer.offer_code}-{offer.version or offer.publication_date[:10]}"


# --- the Price List Query API --------------------------------------------------------------


def refresh_from_api(client: Any, regions: Iterable[str]) -> Refresh:
    """`client` is a boto3 `pricing` client (any region that serves the API). One query per
    offer and region, and one per worldwide item (by its usage type, which has no prefix)."""
    result = Refresh(tuple(sorted(set(regions))))
    paginator = client.get_paginator("get_products")
    for offer_code in OFFERS:
        rules = rules_for(offer_code)
        queries = [
            (
                f" in {region}" + (f", {value}" if value else ""),
                members,
                [_region_filter(members, region)] + ([_term(name, value)] if name else []),
            )
            for (name, value), members in _query_groups(rules).items()
            for region in result.regions
        ]
        queries += [
            (f" for {rule.usage}", (rule,), [_term("usagetype", rule.usage or "")])
            for rule in rules
            if rule.worldwide
        ]
        for what, asked, filters in queries:
            documents = [
                _json(item)
                for page in paginator.paginate(ServiceCode=offer_code, Filters=filters)
                for item in page.get("PriceList", [])
            ]
            if not documents:
                continue
            published = max(str(d.get("publicationDate", "")) for d in documents)
            version = max(str(d.get("version", "")) for d in documents)
            offer = Offer(f"Price List Query API: GetProducts {offer_code}{what}", offer_code,
                          version, published)  # fmt: skip
            source = _source_key(offer)
            if source in result.sources:
                offer = Offer(f"{result.sources[source].path}; {what.strip()}", offer_code,
                              version, published)  # fmt: skip
            result.sources[source] = offer
            rates = (rate for document in documents for rate in api_rates(document))
            _collect(result, asked, rates, source)
    return result


def _query_groups(rules: tuple[Rule, ...]) -> dict[tuple[str, str], tuple[Rule, ...]]:
    """Regional rules grouped by the narrowest filter (field, value) the API takes for them:
    the instance type (a region's EC2 offer holds tens of thousands of products), else the
    product family, else none."""
    groups: dict[tuple[str, str], list[Rule]] = defaultdict(list)
    for rule in rules:
        if rule.worldwide:
            continue
        if "instancetype" in rule.attributes:
            groups["instanceType", rule.attributes["instancetype"]].append(rule)
        elif rule.family is not None:
            groups["productFamily", rule.family].append(rule)
        else:
            groups["", ""].append(rule)
    return {key: tuple(members) for key, members in groups.items()}


def _region_filter(rules: tuple[Rule, ...], region: str) -> dict[str, str]:
    attribute = "fromRegionCode" if rules[0].region_attribute == "fromregioncode" else "regionCode"
    return _term(attribute, region)


def _term(field: str, value: str) -> dict[str, str]:
    return {"Type": "TERM_MATCH", "Field": field, "Value": value}


def _json(item: Any) -> Mapping[str, Any]:
    found: Mapping[str, Any] = json.loads(item) if isinstance(item, str) else item
    return found


# --- the catalog file ----------------------------------------------------------------------


def catalog_text(result: Refresh, base: Catalog) -> str:
    """The catalog file: the shipped catalog's items and descriptions, this refresh's prices."""
    lines = [
        "# stackwright price catalog, built by `stackwright prices refresh` from AWS's Price List.",
        f"# Regions: {', '.join(result.regions)}. A month is 730 hours. Use it with",
        "# `stackwright plan --catalog FILE`.",
        "sources:",
    ]
    cited = {found.source for regions in result.prices.values() for found in regions.values()}
    for key in sorted(cited):
        offer = result.sources[key]
        lines += [
            f"  {key}:",
            f"    title: {_q(f'AWS Price List offer {offer.offer_code}, version {offer.version}')}",
            f"    where: {_q(offer.path)}",
            f"    generated: {_q(offer.publication_date[:10])}",
            "    machine_generated: true",
        ]
    lines += [
        f"  {NO_METER}:",
        f"    title: {_q('No Price List row: AWS charges nothing for it')}",
        f"    where: {_q('AWS pricing pages; the Price List has no meter for these items')}",
        f"    generated: {_q(_oldest(result) or 'undated')}",
        "    machine_generated: false",
        "items:",
    ]
    free = {f.key: f.why for f in FREE}
    keys = [k for k in base.item_keys() if k in result.prices or k in free]
    keys += sorted(set(result.prices) - set(keys))
    for key in keys:
        known = next(iter(base.prices.get(key, {}).values()), None)
        lines += [
            f"  {key}:",
            f"    description: {_q(known.description if known else key)}",
            f"    unit: {_q(known.unit if known else '')}",
            "    prices:",
        ]
        for region in result.regions:
            if key in free:
                lines.append(
                    f'      {region}: {{usd: "0", source: {NO_METER}, note: {_q(free[key])}}}'
                )
            elif region in result.prices.get(key, {}):
                found = result.prices[key][region]
                lines.append(
                    f"      {region}: {{usd: {_q(_plain(found.usd))}, source: {found.source}}}"
                )
    return "\n".join(lines) + "\n"


def _oldest(result: Refresh) -> str | None:
    dates = [offer.publication_date[:10] for offer in result.sources.values()]
    return min(dates, default=None)


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text if text != "-0" else "0"


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
