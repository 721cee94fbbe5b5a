"""`stackwright bill`: the plan's cost in the shape of an AWS bill, which adds up to the plan, names
the meters AWS's own price list names, and is committed beside each example (BILL.md).

Regenerate the examples' BILL.md with: pytest tests/test_bill.py --update-goldens
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from stackwright.cost import cost_plan
from stackwright.cost.bill import aws_unit, environment_bill
from stackwright.cost.catalog import default_catalog
from stackwright.cost.pricelist.rules import FREE_KEYS, RULES
from stackwright.plan import plan_environment
from stackwright.stack import load_stack
from tests.cli_run import run
from tests.conftest import EXAMPLES
from tests.helpers import MINIMAL, cost_text, matches_golden
from tests.pricelist_fixtures import products


def usage_types_in_offer_files() -> set[str]:
    """Every usage type the AWS-format offer fixtures hold, without its region prefix."""
    return {product.usage for product in products()}


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_the_bill_adds_up_to_the_plan(example: Path) -> None:
    stack_file = load_stack(example / "stack.yaml")
    for environment in stack_file.environments:
        cost = cost_plan(plan_environment(stack_file, environment))
        bill = environment_bill(cost)
        assert bill.total_monthly_usd == cost.total_monthly_usd
        for line in bill.lines:
            assert abs(line.quantity * line.rate_usd - line.monthly_usd) <= Decimal("0.01") * len(
                line.resources
            ), line


def test_lines_of_one_meter_are_added_as_aws_adds_them() -> None:
    _, cost = cost_text(MINIMAL, phase=2)
    bill = environment_bill(cost)
    (vcpu,) = [line for line in bill.lines if line.usage_type == "Fargate-vCPU-Hours:perCPU"]
    assert vcpu.service == "AmazonECS" and vcpu.unit == "vCPU-hour"
    assert vcpu.resources == ("ecs_service.web", "ecs_service.worker")
    assert vcpu.quantity == sum(
        (
            ln.quantity
            for r in cost.resources
            for ln in r.lines
            if ln.price_key.endswith("vcpu_hour")
        ),
        Decimal(0),
    )
    # Counted in AWS's unit: requests, not thousands of them.
    (puts,) = [
        line
        for line in environment_bill(cost_text(MINIMAL + "buckets: {f: {}}\n", phase=2)[1]).lines
        if line.usage_type == "Requests-Tier1" and line.service == "AmazonS3"
    ]
    assert (puts.quantity, puts.unit, puts.rate_usd) == (100_000, "requests", Decimal("0.000005"))


def test_free_items_and_unused_meters_are_off_the_bill_and_said() -> None:
    _, cost = cost_text(MINIMAL, phase=2)
    bill = environment_bill(cost)
    assert not [line for line in bill.lines if line.monthly_usd == 0 and line.quantity == 0]
    assert any(item.startswith("certificate.main:") for item in bill.free)
    assert not [line for line in bill.lines if "acm" in line.usage_type.lower()]


def test_every_pinned_usage_type_is_one_aws_price_list_names() -> None:
    """The usage types a bill shows are the ones in AWS-format offer files (for the items the
    fixtures cover), so a user can find each in Cost Explorer."""
    known = usage_types_in_offer_files()
    catalog = default_catalog()
    per_instance = ("ec2.", "rds.postgres.", "elasticache.redis.", "elasticache.valkey.")
    per_instance += ("opensearch.instance.", "opensearch.ri_")
    rules = [r for r in RULES if r.usage and r.key in catalog.prices]
    missing = sorted(
        r.usage for r in rules if not r.key.startswith(per_instance) and r.usage not in known
    )
    assert missing == []
    # Per-instance items: the types the fixtures hold are named the same way.
    instances = [r.usage for r in rules if r.key.startswith(per_instance) and r.usage in known]
    assert {u.split(":")[0] for u in instances} >= {
        "BoxUsage",
        "InstanceUsage",
        "Multi-AZUsage",
        "NodeUsage",
        "ESInstance",
    }


def test_units_drop_the_count_the_catalog_prices_by() -> None:
    catalog = default_catalog()
    for rule in RULES:
        if rule.per > 1 and rule.key in catalog.prices:
            unit = catalog.price(rule.key, "us-east-1").unit
            assert aws_unit(unit, rule.per) != unit, (rule.key, unit)
    assert aws_unit("1,000 requests", 1000) == "requests"
    assert aws_unit("1M queries", 1_000_000) == "queries"
    assert aws_unit("hour", 1) == "hour"
    assert {
        "acm.public_certificate.month",
        "ssm.standard.parameter_month",
        "budgets.budget.day",
    } == FREE_KEYS


def test_bill_command_prints_a_table_json_and_markdown() -> None:
    stack = EXAMPLES[0] / "stack.yaml"
    table = run("bill", str(stack))
    assert table.code == 0, table.stdout
    assert "usage type" in table.stdout and "Price List offer code" in table.stdout
    as_json = run("bill", str(stack), "--json")
    data = json.loads(as_json.stdout)
    plan = json.loads(run("plan", str(stack), "--json").stdout)
    for billed, planned in zip(data["environments"], plan["environments"], strict=True):
        assert billed["total_monthly_usd"] == planned["total_monthly_usd"]
        assert {"service", "usage_type", "quantity", "unit", "rate_usd"} <= billed["lines"][
            0
        ].keys()
    markdown = run("bill", str(stack), "--markdown", "-e", "prod")
    assert markdown.stdout.startswith("## ") and "| Service | Usage type |" in markdown.stdout


def test_bill_command_reports_a_wrong_environment_like_plan() -> None:
    result = run("bill", str(EXAMPLES[0] / "stack.yaml"), "-e", "prdo", "--json")
    assert result.code == 2
    assert "no environment 'prdo'" in result.stdout


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_each_example_commits_its_bill(example: Path, update_goldens: bool) -> None:
    result = run("bill", str(example / "stack.yaml"), "--markdown")
    assert result.code == 0, result.stdout
    actual = (
        f"# {example.name}: the monthly bill\n\n"
        + (
            "Written by `stackwright bill stack.yaml --markdown`; each line is the plan's "
            "lines for one AWS meter, to set beside Cost Explorer grouped by service and usage "
            "type.\n\n"
        )
        + result.stdout
    )
    matches_golden(example / "BILL.md", actual, update_goldens)
