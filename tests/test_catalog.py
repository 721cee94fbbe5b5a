"""The price catalog: every region priced in full, every price cited to a machine-generated
source and dated, no region borrowing another's price without saying so."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from stackwright.aws.instances import (
    CACHE_NODES,
    EC2_INSTANCES,
    RDS_INSTANCES,
    REGIONS,
    SEARCH_INSTANCES,
)
from stackwright.cost.catalog import CatalogError, UnpricedRegion, default_catalog, load_catalog

CATALOG = default_catalog()
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def test_every_item_is_priced_in_every_region_a_stack_may_name() -> None:
    assert CATALOG.regions == tuple(sorted(REGIONS))
    missing = [(k, r) for k in CATALOG.item_keys() for r in REGIONS if r not in CATALOG.prices[k]]
    assert missing == []


def test_every_price_cites_a_machine_generated_source_with_its_date() -> None:
    for key, regions in CATALOG.prices.items():
        for region, price in regions.items():
            source = CATALOG.sources[price.source]
            assert source.machine_generated and price.verified, (key, region)
            assert DATE.match(source.generated) and price.as_of == source.generated
            assert source.where, source.key
            assert price.usd >= 0


def test_every_source_is_cited() -> None:
    cited = {p.source for regions in CATALOG.prices.values() for p in regions.values()}
    assert sorted(CATALOG.sources.keys() - cited) == []


def test_the_catalog_is_as_old_as_its_oldest_price() -> None:
    oldest = min(p.as_of for regions in CATALOG.prices.values() for p in regions.values())
    assert CATALOG.as_of == oldest


def test_borrowed_prices_are_few_and_say_why() -> None:
    borrowed = {
        (key, region): price
        for key, regions in CATALOG.prices.items()
        for region, price in regions.items()
        if price.region != region
    }
    assert sorted(borrowed) == [
        ("elasticache.snapshot.gb_month", "eu-west-1"),
        ("elasticache.snapshot.gb_month", "us-west-2"),
    ]
    assert all(p.borrowed_why and p.region == "us-east-1" for p in borrowed.values())


def test_a_region_the_catalog_does_not_price_is_an_error_naming_those_it_does() -> None:
    with pytest.raises(UnpricedRegion) as raised:
        CATALOG.price("elb.alb.hour", "ap-southeast-2")
    message = str(raised.value)
    assert "ap-southeast-2" in message and "eu-west-1, us-east-1, us-west-2" in message
    assert "stackwright prices refresh --region ap-southeast-2" in message


def test_units_agree_across_regions() -> None:
    for key, regions in CATALOG.prices.items():
        assert len({p.unit for p in regions.values()}) == 1, key


def test_hourly_meters_are_stored_per_hour() -> None:
    """AWS meters advanced parameters per hour; a monthly figure would be a rounded copy."""
    assert "ssm.advanced.parameter_month" not in CATALOG.prices
    price = CATALOG.price("ssm.advanced.parameter_hour", "us-east-1")
    assert price.usd == Decimal("0.00007") and price.unit == "parameter-hour"


def test_multi_az_is_its_own_price_not_twice_single_az() -> None:
    single = CATALOG.price("rds.postgres.single_az.db.t3.medium", "us-east-1").usd
    multi = CATALOG.price("rds.postgres.multi_az.db.t3.medium", "us-east-1").usd
    assert (single, multi) == (Decimal("0.072"), Decimal("0.145"))
    assert CATALOG.price("rds.gp3.multi_az.gb_month", "eu-west-1").usd == Decimal("0.254")


def test_a_malformed_catalog_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "prices.yaml"
    path.write_text(
        "sources: {}\nitems:\n  x: {description: x, unit: h, prices: {us-east-1: "
        "{usd: '1', source: NOPE}}}\n"
    )
    with pytest.raises(CatalogError, match="cites no known source"):
        load_catalog(path)
    path.write_text("items: [\n")
    with pytest.raises(CatalogError, match="not YAML"):
        load_catalog(path)
    with pytest.raises(CatalogError, match="cannot read"):
        load_catalog(tmp_path / "absent.yaml")


@pytest.mark.parametrize(
    ("prefix", "names"),
    [
        ("ec2.instance.", EC2_INSTANCES),
        ("rds.postgres.single_az.", RDS_INSTANCES),
        ("rds.postgres.multi_az.", RDS_INSTANCES),
        ("elasticache.redis.", CACHE_NODES),
        ("elasticache.valkey.", CACHE_NODES),
        ("opensearch.instance.", SEARCH_INSTANCES),
    ],
)
def test_every_instance_a_stack_may_name_has_a_price(prefix: str, names: dict[str, object]) -> None:
    for name in names:
        assert CATALOG.price(prefix + name, "us-east-1").usd > 0


def test_unknown_key_is_an_error() -> None:
    with pytest.raises(CatalogError):
        CATALOG.price("no.such.item", "us-east-1")


def test_known_list_prices() -> None:
    # Spot checks against AWS's price feeds, as the sources cited give them.
    assert CATALOG.price("fargate.x86.vcpu_hour", "us-east-1").usd == Decimal("0.04048")
    assert CATALOG.price("elb.alb.hour", "us-east-1").usd == Decimal("0.0225")
    assert CATALOG.price("vpc.nat.hour", "us-east-1").usd == Decimal("0.045")
