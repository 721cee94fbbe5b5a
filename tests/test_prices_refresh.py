"""`stackwright prices refresh`: a catalog rebuilt from AWS's Price List offer files (or the
Price List Query API) equals the shipped catalog wherever both price an item, and `plan
--catalog` prices a stack from it."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from stackwright.cost.catalog import default_catalog, load_catalog
from stackwright.cost.pricelist import refresh_from_api, refresh_from_files
from stackwright.cost.pricelist.rules import RULES
from tests.cli_run import run
from tests.helpers import MINIMAL
from tests.pricelist_fixtures import products, write_offer_files

FIXTURES = Path(__file__).parent / "fixtures" / "offers"
REGIONS = ("eu-west-1", "us-east-1")
SHIPPED = default_catalog()
PER_INSTANCE = (
    "ec2.",
    "rds.postgres.",
    "elasticache.redis.",
    "elasticache.valkey.",
    "opensearch.instance.",
    "opensearch.ri_",
)


def test_the_committed_offer_files_are_the_ones_the_tests_write(
    tmp_path: Path, update_goldens: bool
) -> None:
    if update_goldens:
        for old in sorted(FIXTURES.rglob("*"), reverse=True):
            old.unlink() if old.is_file() else old.rmdir()
        write_offer_files(FIXTURES)
    write_offer_files(tmp_path)
    written = {p.relative_to(tmp_path): p.read_text() for p in tmp_path.rglob("*") if p.is_file()}
    committed = {p.relative_to(FIXTURES): p.read_text() for p in FIXTURES.rglob("*") if p.is_file()}
    assert written == committed, "tests/fixtures/offers is stale: --update-goldens"


def _refresh(folder: Path, out: Path, *regions: str) -> dict[str, Any]:
    args = [a for r in regions for a in ("--region", r)]
    result = run("prices", "refresh", "--from", str(folder), *args, "-o", str(out), "--json")
    assert result.code == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def test_refresh_rebuilds_the_shipped_prices_the_offer_files_cover(tmp_path: Path) -> None:
    out = tmp_path / "prices.yaml"
    report = _refresh(FIXTURES, out, *REGIONS)
    refreshed = load_catalog(out)
    assert refreshed.regions == REGIONS
    compared = 0
    for key, regions in refreshed.prices.items():
        for region, price in regions.items():
            shipped = SHIPPED.price(key, region)
            assert (price.usd, price.unit) == (shipped.usd, shipped.unit), (key, region)
            compared += 1
    assert compared == report["prices"] + 3 * len(REGIONS)  # and the three free items
    # Every item that is not one instance type of many comes out of the files in both regions,
    # but ElastiCache backup storage, which AWS's feeds list for us-east-1 only.
    for rule in RULES:
        if not rule.key.startswith(PER_INSTANCE):
            for region in REGIONS:
                expected = (rule.key, region) != ("elasticache.snapshot.gb_month", "eu-west-1")
                assert (region in refreshed.prices.get(rule.key, {})) == expected, rule.key


def test_each_price_cites_its_offer_file_and_publication_date(tmp_path: Path) -> None:
    out = tmp_path / "prices.yaml"
    _refresh(FIXTURES, out, *REGIONS)
    refreshed = load_catalog(out)
    instance = refreshed.price("ec2.instance.t3.micro", "eu-west-1")
    source = refreshed.sources[instance.source]
    assert source.machine_generated and instance.verified
    assert (source.generated, instance.as_of) == ("2025-12-05", "2025-12-05")
    assert "AmazonEC2/current/eu-west-1/index.json" in source.where
    assert refreshed.as_of == "2025-11-21"  # the oldest offer read
    certificate = refreshed.price("acm.public_certificate.month", "us-east-1")
    assert certificate.usd == 0 and not certificate.verified  # free: no row says so


def test_the_matching_passes_over_look_alike_rows(tmp_path: Path) -> None:
    out = tmp_path / "prices.yaml"
    _refresh(FIXTURES, out, *REGIONS)
    refreshed = load_catalog(out)

    def usd(key: str, region: str = "us-east-1") -> Decimal:
        return refreshed.price(key, region).usd

    assert usd("ec2.instance.t3.micro") == Decimal("0.0104")  # not Windows, not RHEL
    assert usd("ec2.ri_standard_1yr_no_upfront.t3.medium") == Decimal("0.0261")  # not 3yr
    assert usd("fargate.x86.vcpu_hour") == Decimal("0.04048")  # not Spot, not Windows
    assert usd("elb.alb.hour") == Decimal("0.0225")  # not Outposts, not a gateway LB
    assert usd("vpc.nat.hour") == Decimal("0.045")  # not the regional NAT gateway
    assert usd("rds.postgres.multi_az.db.t4g.micro") == Decimal("0.032")  # not readable standbys
    assert usd("elasticache.valkey.cache.t4g.micro") == Decimal("0.0128")  # not SyncDurability
    assert usd("transfer.internet_out.gb") == Decimal("0.09")  # the first paid tier
    assert usd("transfer.inter_region.gb") == Decimal("0.02")  # most destinations
    assert usd("sns.publish.million") == Decimal("0.5")  # after the free first million
    assert usd("route53.queries.million", "eu-west-1") == Decimal("0.4")  # a global price


def test_json_and_csv_offer_files_give_the_same_prices(tmp_path: Path) -> None:
    offers = {p.offer for p in products()}
    as_json, as_csv = tmp_path / "json", tmp_path / "csv"
    write_offer_files(as_json, csv_offers=())
    write_offer_files(as_csv, csv_offers=offers)
    from_json = refresh_from_files(as_json, REGIONS)
    from_csv = refresh_from_files(as_csv, REGIONS)
    assert from_json.prices and from_json.prices == from_csv.prices


def test_refresh_reports_what_it_could_not_price(tmp_path: Path) -> None:
    folder = tmp_path / "offers"
    write_offer_files(folder)
    for path in (folder / "AWSELB").rglob("*.csv"):
        path.unlink()
    report = _refresh(folder, tmp_path / "prices.yaml", "us-east-1")
    unmatched = {(u["item"], u["region"]): u["why"] for u in report["unmatched"]}
    assert unmatched["elb.alb.hour", "us-east-1"] == "no AWSELB offer read"
    assert unmatched["ec2.instance.m6i.large", "us-east-1"] == "no AmazonEC2 row matched"
    human = run("prices", "refresh", "--from", str(folder), "-r", "us-east-1", "-o",
                str(tmp_path / "again.yaml"))  # fmt: skip
    assert human.code == 0
    assert "  elb.alb.hour (us-east-1): no AWSELB offer read" in human.stdout.splitlines()


def test_a_refreshed_catalog_prices_a_plan_and_a_region_it_lacks_is_an_error(
    tmp_path: Path,
) -> None:
    out = tmp_path / "prices.yaml"
    _refresh(FIXTURES, out, *REGIONS)
    stack = tmp_path / "stack.yaml"
    stack.write_text(
        MINIMAL.replace("name: shop", "name: shop\nregion: eu-west-1")
        + "environments: {prod: {phase: 1}}\n"
    )
    priced = run("plan", str(stack), "--catalog", str(out), "--json")
    assert priced.code == 0, priced.stderr
    environment = json.loads(priced.stdout)["environments"][0]
    sources = {line["price"]["source"] for r in environment["resources"] for line in r["lines"]}
    assert sources and all(s.startswith(("Amazon", "AWS", "aws", "no-meter")) for s in sources)
    assert json.loads(priced.stdout)["catalog_as_of"] == "2025-11-21"

    stack.write_text(MINIMAL.replace("name: shop", "name: shop\nregion: us-west-2"))
    unpriced = run("plan", str(stack), "--catalog", str(out))
    assert unpriced.code == 2
    assert unpriced.stderr.startswith(f"{stack}:2:")
    assert "has no prices for us-west-2; it prices eu-west-1, us-east-1" in unpriced.stderr


def test_refresh_through_the_price_list_query_api(tmp_path: Path) -> None:
    """The API returns the same product and terms as the files, one JSON document per product
    (`GetProducts`); a stand-in client serves the fixture's."""
    folder = tmp_path / "offers"
    write_offer_files(folder, csv_offers=())
    client = _PriceListApi(folder)
    from_api = refresh_from_api(client, REGIONS)
    from_files = refresh_from_files(folder, REGIONS)
    assert from_api.prices.keys() == from_files.prices.keys()
    for key, regions in from_files.prices.items():
        assert {r: f.usd for r, f in from_api.prices[key].items()} == {
            r: f.usd for r, f in regions.items()
        }
    assert all(call["Filters"] for call in client.calls)
    ec2 = [c["Filters"] for c in client.calls if c["ServiceCode"] == "AmazonEC2"]
    assert {"Type": "TERM_MATCH", "Field": "instanceType", "Value": "t3.micro"} in ec2[0] + ec2[1]


class _PriceListApi:
    def __init__(self, folder: Path) -> None:
        self.documents: dict[str, list[dict[str, Any]]] = {}
        self.calls: list[dict[str, Any]] = []
        for path in folder.rglob("index.json"):
            offer = json.loads(path.read_text())
            for sku, product in offer["products"].items():
                terms = {
                    term: offer["terms"][term][sku]
                    for term in ("OnDemand", "Reserved")
                    if sku in offer["terms"].get(term, {})
                }
                document = {
                    "product": product,
                    "serviceCode": offer["offerCode"],
                    "terms": terms,
                    "version": offer["version"],
                    "publicationDate": offer["publicationDate"],
                }
                self.documents.setdefault(offer["offerCode"], []).append(document)

    def get_paginator(self, operation: str) -> _PriceListApi:
        assert operation == "get_products"
        return self

    def paginate(self, ServiceCode: str, Filters: list[dict[str, str]]) -> list[dict[str, Any]]:
        self.calls.append({"ServiceCode": ServiceCode, "Filters": Filters})
        wanted = [d for d in self.documents.get(ServiceCode, []) if _passes(d, Filters)]
        pages = [wanted[i : i + 100] for i in range(0, len(wanted), 100)] or [[]]
        return [{"PriceList": [json.dumps(d) for d in page]} for page in pages]


def _passes(document: dict[str, Any], filters: list[dict[str, str]]) -> bool:
    fields = {
        **document["product"]["attributes"],
        "productFamily": document["product"].get("productFamily"),
    }
    return all(fields.get(f["Field"]) == f["Value"] for f in filters)


def test_a_file_that_is_no_offer_file_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "offers"
    folder.mkdir()
    (folder / "index.json").write_text(json.dumps({"hello": "world"}))
    result = run("prices", "refresh", "--from", str(folder), "-o", str(tmp_path / "p.yaml"))
    assert result.code == 2
    assert "not an AWS Price List offer file" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "p.yaml").exists()


@pytest.mark.parametrize("args", [[], ["--api", "--from", "."]])
def test_refresh_needs_exactly_one_source(tmp_path: Path, args: list[str]) -> None:
    result = run("prices", "refresh", *args, "-o", str(tmp_path / "p.yaml"))
    assert result.code == 2 and "either --from DIR" in result.stderr


def test_the_catalog_file_is_yaml_a_person_can_read(tmp_path: Path) -> None:
    out = tmp_path / "prices.yaml"
    _refresh(FIXTURES, out, "us-east-1")
    data = yaml.safe_load(out.read_text())
    assert data["items"]["elb.alb.hour"]["prices"]["us-east-1"] == {
        "usd": "0.0225",
        "source": "AWSELB-20251121204107",
    }
    assert out.read_text().startswith("# stackwright price catalog, built by")


def test_a_region_the_shipped_catalog_lacks_is_an_error_at_the_stacks_region_line(
    tmp_path: Path,
) -> None:
    stack = tmp_path / "stack.yaml"
    stack.write_text(MINIMAL.replace("name: shop", "name: shop\nregion: ap-southeast-2"))
    result = run("plan", str(stack))
    assert result.code == 2
    assert result.stderr.startswith(f"{stack}:2:1: region: the stackwright price catalog has no")
    assert "stackwright prices refresh --region ap-southeast-2" in result.stderr
    assert run("build", str(stack), "-o", str(tmp_path / "out")).code == 0  # Terraform needs none
