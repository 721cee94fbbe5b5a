"""Cost arithmetic: quantity × unit price per line, totals that add up, assumptions stated."""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from stackwright.cost import cost_plan
from stackwright.cost.model import CostLine
from stackwright.cost.registry import FREE, PRICERS
from stackwright.emit.build import terraform_files
from stackwright.plan import plan_environment
from stackwright.plan.resources import RESOURCE_TYPES
from stackwright.stack import load_stack
from tests.cli_run import run
from tests.conftest import EXAMPLES
from tests.helpers import MINIMAL, cost_text


def lines_of(cost, type_, name):  # type: ignore[no-untyped-def]
    return next(r for r in cost.resources if (r.type, r.name) == (type_, name)).lines


def test_fargate_task_is_vcpu_hours_plus_gb_hours() -> None:
    _, cost = cost_text(MINIMAL, phase=2)
    vcpu, memory = lines_of(cost, "ecs_service", "worker")
    assert vcpu.quantity == Decimal("182.5") and vcpu.unit_price_usd == Decimal("0.04048")
    assert vcpu.monthly_usd == Decimal("7.39")
    assert memory.quantity == Decimal("365") and memory.monthly_usd == Decimal("1.62")


def test_every_line_is_quantity_times_unit_price_rounded_to_the_cent() -> None:
    _, cost = cost_text(MINIMAL, phase=4)
    for resource in cost.resources:
        for line in resource.lines:
            expected = (line.quantity * line.unit_price_usd).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
            assert line.monthly_usd == expected


def test_total_is_the_sum_of_the_lines() -> None:
    _, cost = cost_text(MINIMAL, phase=3)
    assert cost.total_monthly_usd == sum(
        (line.monthly_usd for r in cost.resources for line in r.lines), Decimal(0)
    )


def test_usage_based_lines_state_their_assumption() -> None:
    _, cost = cost_text(MINIMAL + "buckets: {files: {}}\nqueues: {jobs: {}}\n", phase=3)
    usage_keys = (
        "vpc.nat.gb",
        "elb.alb.lcu_hour",
        "transfer.internet_out.gb",
        "cloudwatch.logs.ingest_gb",
        "s3.standard.gb_month",
        "sqs.standard.million",
        "waf.requests.million",
        "xray.traces.million",
        "ecr.storage.gb_month",
    )
    seen = set()
    for resource in cost.resources:
        for line in resource.lines:
            if line.price_key in usage_keys:
                seen.add(line.price_key)
                assert line.assumption, line
    assert seen == set(usage_keys)


def test_multi_az_database_uses_multi_az_prices() -> None:
    _, cost = cost_text(MINIMAL, phase=3)
    instance, storage, _ = lines_of(cost, "database", "postgres")[:3]
    assert instance.price_key == "rds.postgres.multi_az.db.t4g.micro"
    assert storage.price_key == "rds.gp3.multi_az.gb_month"


def test_a_borrowed_regional_price_is_an_estimate_that_says_whose_and_why() -> None:
    _, cost = cost_text(MINIMAL.replace("name: shop", "name: shop\nregion: eu-west-1"))
    (snapshots,) = [x for x in lines_of(cost, "cache", "redis") if "snapshot" in x.price_key]
    assert snapshots.estimate and snapshots.price_region == "us-east-1"
    assert (snapshots.estimate_reason or "").startswith("the us-east-1 price, borrowed for eu-west")
    (alarm,) = lines_of(cost, "alarm", "db_cpu-postgres")
    assert not alarm.estimate and alarm.price_region == "eu-west-1"


def test_cross_region_backup_is_priced_in_the_destination_region() -> None:
    _, cost = cost_text(MINIMAL, phase=4)
    storage, transfer = lines_of(cost, "backup_replication", "postgres")
    assert storage.price_key == "rds.backup.gb_month" and transfer.quantity == 20


def test_budget_status() -> None:
    _, cost = cost_text(MINIMAL + "budget: {monthly_usd: 50}\n", phase=2)
    assert cost.budget is not None
    assert cost.budget.status == "over" and cost.budget.alerts_crossed == (80, 100, 120)
    _, cost = cost_text(MINIMAL + "budget: {monthly_usd: 10000}\n", phase=2)
    assert cost.budget is not None and cost.budget.status == "ok"


def test_every_resource_type_is_priced_or_declared_free() -> None:
    assert set(PRICERS) | FREE == set(RESOURCE_TYPES)
    assert {t.TYPE for t in FREE} == {
        "vpc",
        "subnet",
        "internet_gateway",
        "security_group",
        "security_group_rule",
        "listener",
        "target_group",
        "dns_record",
    }


def test_cost_is_deterministic() -> None:
    plan, cost = cost_text(MINIMAL)
    assert cost_plan(plan) == cost


def test_arm_tasks_use_graviton_prices() -> None:
    text = MINIMAL.replace("    port: 8080\n", "    port: 8080\n    architecture: arm64\n")
    _, cost = cost_text(text)
    vcpu, memory = lines_of(cost, "ecs_service", "web")
    assert (vcpu.price_key, memory.price_key) == ("fargate.arm.vcpu_hour", "fargate.arm.gb_hour")
    assert vcpu.unit_price_usd == Decimal("0.03238") and not vcpu.estimate


def test_phase_1_host_prices_instance_disk_and_agent_metrics() -> None:
    _, cost = cost_text(MINIMAL, phase=1)
    instance, disk, metrics = lines_of(cost, "ec2_host", "app")
    assert instance.price_key == "ec2.instance.t3.medium" and instance.monthly_usd == Decimal(
        "30.37"
    )
    assert (disk.quantity, disk.monthly_usd) == (30, Decimal("2.40"))
    assert metrics.quantity == 2


def test_eu_west_1_uses_its_own_price_where_the_catalog_has_one() -> None:
    _, cost = cost_text(MINIMAL.replace("name: shop", "name: shop\nregion: eu-west-1"))
    (node,) = lines_of(cost, "cache", "redis")[:1]
    assert node.price_region == "eu-west-1" and node.unit_price_usd == Decimal("0.017")


SECRET_BLOCK = re.compile(r'^resource "aws_secretsmanager_secret" ', re.M)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_every_secret_the_terraform_creates_is_billed(example: Path) -> None:
    """The stack's own secrets, the database's master password and the cache's auth token:
    each Secrets Manager secret in an environment's Terraform is one secret-month on its bill."""
    stack_file = load_stack(example / "stack.yaml")
    files = terraform_files(stack_file)
    for environment in stack_file.environments:
        created = sum(
            len(SECRET_BLOCK.findall(text))
            for path, text in files.items()
            if path.startswith(f"terraform/{environment}/") and path.endswith(".tf")
        )
        billed = sum(
            line.quantity
            for resource in cost_plan(plan_environment(stack_file, environment)).resources
            for line in resource.lines
            if line.price_key == "secretsmanager.secret.month"
        )
        assert billed == created, environment


def test_dns_queries_are_billed_only_where_a_record_is_not_a_load_balancer_alias() -> None:
    def queries(example: str) -> list[CostLine]:
        stack_file = load_stack(EXAMPLES_BY_NAME[example] / "stack.yaml")
        cost = cost_plan(plan_environment(stack_file, "prod"))
        zone = lines_of(cost, "dns_zone", "main")
        return [line for line in zone if line.price_key == "route53.queries.million"]

    assert queries("accountability-atlas-phase2") == []  # apex and www: aliases to the ALB
    on_host = queries("accountability-atlas-phase1")  # the host's IP
    assert len(on_host) == 1 and on_host[0].assumption


EXAMPLES_BY_NAME = {e.name: e for e in EXAMPLES}


def test_reservations_price_the_instances_aws_reserves_and_leave_the_rest_on_demand() -> None:
    plan, _ = cost_text(MINIMAL, phase=2)
    on_demand, reserved = cost_plan(plan), cost_plan(plan, pricing="reserved")
    keys = {
        (r.type, line.price_key, line.reserved)
        for r in reserved.resources
        for line in r.lines
        if r.type in ("database", "cache", "ecs_service")
    }
    assert ("database", "rds.postgres.ri_1yr_no_upfront.single_az.db.t4g.micro", True) in keys
    assert ("cache", "elasticache.redis.ri_1yr_no_upfront.cache.t4g.micro", True) in keys
    assert all(not reserved for kind, _, reserved in keys if kind == "ecs_service")  # Fargate
    # Both totals are known whichever way the lines are priced, and they differ by the
    # instance hours alone.
    assert on_demand.reserved_monthly_usd == reserved.total_monthly_usd
    assert reserved.on_demand_monthly_usd == on_demand.total_monthly_usd
    saved = sum(
        line.monthly_usd
        for r in on_demand.resources
        for line in r.lines
        if "730 h" in line.item and r.type in ("database", "cache")
    ) - sum(line.monthly_usd for r in reserved.resources for line in r.lines if line.reserved)
    assert on_demand.total_monthly_usd - reserved.total_monthly_usd == saved > 0


def test_search_nodes_are_reserved_where_aws_sells_a_reservation_for_their_size() -> None:
    def search_line(instance: str):  # type: ignore[no-untyped-def]
        plan, _ = cost_text(MINIMAL + f"search: {{instance: {instance}, nodes: 2}}\n", phase=4)
        (line, *_) = lines_of(cost_plan(plan, pricing="reserved"), "search_domain", "search")
        return line

    large = search_line("r6g.large.search")
    assert large.reserved and large.unit_price_usd == Decimal("0.115")
    assert large.monthly_usd == Decimal("167.90")  # 2 nodes × 730 h
    small = search_line("t3.small.search")  # no reservation in the source: on demand
    assert not small.reserved and small.price_key == "opensearch.instance.t3.small.search"


def test_phase_4_is_priced_with_reservations_and_says_what_on_demand_costs(tmp_path: Path) -> None:
    stack = tmp_path / "stack.yaml"
    stack.write_text(MINIMAL + "environments: {prod: {phase: 4}}\n")
    data = json.loads(run("plan", str(stack), "--json").stdout)["environments"][0]
    assert data["pricing"] == "reserved"
    assert data["total_monthly_usd"] == data["reserved_monthly_usd"]
    assert data["on_demand_monthly_usd"] > data["reserved_monthly_usd"]
    forced = json.loads(run("plan", str(stack), "--json", "--pricing", "on-demand").stdout)
    assert forced["environments"][0]["total_monthly_usd"] == data["on_demand_monthly_usd"]
    table = run("plan", str(stack)).stdout
    assert "Priced with 1-year reservations, no upfront" in table
    earlier = run("plan", str(stack), "--phase", "2").stdout
    assert "With 1-year reservations, no upfront" in earlier  # a what-if before phase 4


def test_egress_to_users_is_billed_only_where_something_answers_the_internet() -> None:
    workers_only = MINIMAL.replace("    port: 8080\n", "    kind: worker\n")
    plan, cost = cost_text(workers_only)
    assert not [r for r in cost.resources if r.type == "data_transfer"]
    assert any("usage.data_out_gb is not billed" in note for note in plan.notes)
    _, served = cost_text(MINIMAL)
    (egress,) = lines_of(served, "data_transfer", "internet")
    assert egress.price_key == "transfer.internet_out.gb"
