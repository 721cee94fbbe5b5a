"""The price catalog: complete for us-east-1, every price sourced and dated."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from stackwright.aws.instances import (
    CACHE_NODES,
    EC2_INSTANCES,
    RDS_INSTANCES,
    REGIONS,
    SEARCH_INSTANCES,
)
from stackwright.cost.catalog import CatalogError, default_catalog

CATALOG = default_catalog()
DATE = re.compile(r"^(\d{4}-\d{2}(-\d{2})?|undated)$")


def test_every_item_has_a_us_east_1_price() -> None:
    missing = [key for key in CATALOG.item_keys() if "us-east-1" not in CATALOG.prices[key]]
    assert missing == []


def test_every_price_names_a_known_source_and_a_date() -> None:
    for key, regions in CATALOG.prices.items():
        for region, price in regions.items():
            assert region in REGIONS, (key, region)
            assert price.source in CATALOG.sources, (key, price.source)
            assert DATE.match(price.as_of), (key, price.as_of)
            assert price.usd >= 0


def test_units_agree_across_regions() -> None:
    for key, regions in CATALOG.prices.items():
        assert len({p.unit for p in regions.values()}) == 1, key


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


def test_fallback_to_us_east_1_is_visible() -> None:
    price = CATALOG.price("cloudwatch.alarm.month", "eu-west-1")
    assert price.region == "us-east-1" and price.fallback_for("eu-west-1")


def test_unknown_key_is_an_error() -> None:
    with pytest.raises(CatalogError):
        CATALOG.price("no.such.item", "us-east-1")


def test_known_list_prices() -> None:
    # Spot checks against the Infracost goldens generated from the AWS Price List.
    assert CATALOG.price("fargate.x86.vcpu_hour", "us-east-1").usd == Decimal("0.04048")
    assert CATALOG.price("elb.alb.hour", "us-east-1").usd == Decimal("0.0225")
    assert CATALOG.price("vpc.nat.hour", "us-east-1").usd == Decimal("0.045")
