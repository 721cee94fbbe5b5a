"""What AWS bills beside the instances: task storage above the free 20 GB, the log groups AWS
writes to (a database's exports, Container Insights' events), traffic between zones, and a
bucket's Standard-IA tier, transitions and noncurrent versions."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from stackwright.emit.build import terraform_files
from stackwright.plan.resources import LogGroup, ZoneTransfer
from stackwright.stack import StackError, load_text
from tests.helpers import MINIMAL, cost_text


def lines(cost, type_, name):  # type: ignore[no-untyped-def]
    return {
        line.price_key: line
        for r in cost.resources
        if (r.type, r.name) == (type_, name)
        for line in r.lines
    }


def terraform(text: str, env: str = "prod") -> str:
    files = terraform_files(load_text(text))
    return "\n".join(body for path, body in files.items() if path.startswith(f"terraform/{env}/"))


WITH_STORAGE = MINIMAL.replace("    port: 8080\n", "    port: 8080\n    ephemeral_storage_gb: 50\n")


def test_task_storage_above_the_free_20_gb_is_billed_per_task_hour() -> None:
    plan, cost = cost_text(WITH_STORAGE, phase=2)
    (web,) = [r for r in plan.resources if r.id == "ecs_service.web"]
    storage = lines(cost, "ecs_service", "web")["fargate.ephemeral.gb_hour"]
    assert storage.quantity == Decimal(web.desired) * 730 * 30  # 50 GB asked, 20 included
    assert storage.unit_price_usd == Decimal("0.000111")
    assert "fargate.ephemeral.gb_hour" not in lines(cost, "ecs_service", "worker")
    assert "ephemeral_storage {\n    size_in_gib = 50\n  }" in terraform(WITH_STORAGE)


def test_task_storage_on_the_phase_1_host_is_the_hosts_disk_and_says_so() -> None:
    plan, cost = cost_text(WITH_STORAGE, phase=1)
    assert any("web.ephemeral_storage_gb is for Fargate" in note for note in plan.notes)
    assert not [
        line for r in cost.resources for line in r.lines if line.price_key.startswith("fargate.")
    ]


def test_task_storage_within_what_fargate_includes_is_refused() -> None:
    with pytest.raises(StackError) as error:
        load_text(WITH_STORAGE.replace("ephemeral_storage_gb: 50", "ephemeral_storage_gb: 20"))
    assert "ephemeral_storage_gb" in str(error.value)


def test_the_database_exports_into_log_groups_the_terraform_creates_first() -> None:
    stack = MINIMAL.replace("postgres: {}", "postgres: {read_replicas: 1}")
    plan, cost = cost_text(stack, phase=3)
    groups = {g.name: g for g in plan.of_type(LogGroup) if g.written_by == "database"}
    rds = "/aws/rds/instance/shop-prod"
    assert {name: g.group_name for name, g in groups.items()} == {
        "postgres-postgresql": f"{rds}-postgres/postgresql",
        "postgres-upgrade": f"{rds}-postgres/upgrade",
        "postgres-replica-1-postgresql": f"{rds}-postgres-replica-1/postgresql",
        "postgres-replica-1-upgrade": f"{rds}-postgres-replica-1/upgrade",
    }
    assert {g.retention_days for g in groups.values()} == {30}
    ingest = lines(cost, "log_group", "postgres-postgresql")["cloudwatch.logs.ingest_gb"]
    assert ingest.quantity == Decimal("0.5") and "usage.database_log_gb" in str(ingest.assumption)
    assert lines(cost, "log_group", "postgres-upgrade")["cloudwatch.logs.ingest_gb"].quantity == 0
    tf = terraform(stack)
    assert 'name              = "/aws/rds/instance/shop-prod-postgres/postgresql"' in tf
    assert re.search(
        r"depends_on +\= \[aws_cloudwatch_log_group.postgres_postgresql, "
        r"aws_cloudwatch_log_group.postgres_upgrade\]",
        tf,
    )
    assert "aws_cloudwatch_log_group.postgres_replica_1_postgresql" in tf


def test_container_insights_events_are_billed_by_the_tasks_that_send_them() -> None:
    def insights_gb(count: int) -> Decimal:
        stack = MINIMAL.replace(
            "    uses: [postgres]\n", f"    uses: [postgres]\n    count: {count}\n"
        )
        plan, cost = cost_text(stack, phase=3)
        (group,) = [g for g in plan.of_type(LogGroup) if g.written_by == "container-insights"]
        assert group.group_name == "/aws/ecs/containerinsights/shop-prod/performance"
        return lines(cost, "log_group", "container-insights")["cloudwatch.logs.ingest_gb"].quantity

    # Each further task sends a task event and a container event a minute (plus X-Ray's daemon).
    per_task = Decimal(1303 + 26 + 2 * (645 + 26)) * 730 * 60 / 1024**3
    assert abs(insights_gb(3) - insights_gb(2) - per_task) < Decimal("0.0002")
    tf = terraform(
        MINIMAL.replace("name: shop\n", "name: shop\ntopology: {container_insights: true}\n")
    )
    assert "depends_on = [aws_cloudwatch_log_group.container_insights]" in tf
    _, before = cost_text(MINIMAL, phase=2)
    assert not lines(before, "log_group", "container-insights")


@pytest.mark.parametrize("name", ["container-insights", "postgres-admin"])
def test_service_names_the_log_groups_use_are_refused(name: str) -> None:
    with pytest.raises(StackError) as error:
        load_text(MINIMAL.replace("  worker:\n", f"  {name}:\n"))
    assert "reserved" in str(error.value) or "may not start with 'postgres-'" in str(error.value)


def test_traffic_to_data_stores_in_another_zone_is_billed_each_way() -> None:
    plan, cost = cost_text(MINIMAL + "usage: {cross_zone_gb: 40}\n", phase=2)
    (transfer,) = plan.of_type(ZoneTransfer)
    assert transfer.zones == 2 and transfer.reaches == ("postgres", "redis")
    line = lines(cost, "zone_transfer", "services")["transfer.inter_az.gb"]
    assert line.quantity == Decimal(40)  # half crosses, and AWS bills it out and in
    assert line.monthly_usd == Decimal("0.40")
    single = "name: shop\ntopology: {azs: 1}\n" + MINIMAL.split("\n", 1)[1]
    plan, _ = cost_text(single, phase=2)
    assert not list(plan.of_type(ZoneTransfer))
    assert any("everything runs in one zone" in note for note in plan.notes)


BUCKET = """buckets:
  files:
    expected_gb: 90
    put_requests_per_month: 30000
    get_requests_per_month: 300000
    lifecycle: {infrequent_access_days: 30, expire_days: 90, noncurrent_expire_days: 60}
"""


def test_a_bucket_moving_objects_to_standard_ia_is_billed_in_both_tiers() -> None:
    _, cost = cost_text(MINIMAL + BUCKET, phase=2)
    bill = lines(cost, "bucket", "files")
    # Objects live 90 days and spend the last 60 in Standard-IA: two thirds of the bytes.
    assert bill["s3.standard_ia.gb_month"].quantity == Decimal(60)
    assert bill["s3.transition.standard_ia_1k"].quantity == Decimal(30)
    assert bill["s3.requests.get_1k"].quantity == Decimal(100)
    assert bill["s3.requests.standard_ia_get_1k"].quantity == Decimal(200)
    # 90 days of 30,000 objects a month is 88,767 objects of 90 GB: about 1 MB each.
    retrieved = bill["s3.retrieval.standard_ia_gb"].quantity
    objects = 30_000 * 90 / (730 / 24)
    assert abs(float(retrieved) - 200_000 * 90 / objects) < 0.001
    standard = [
        line
        for r in cost.resources
        if r.name == "files"
        for line in r.lines
        if line.price_key == "s3.standard.gb_month"
    ]
    current, noncurrent = standard
    assert current.quantity == Decimal(30)
    # A tenth of the bytes is overwritten a month by default, kept 60 days.
    assert noncurrent.quantity == Decimal(str(round(9 * 60 / (730 / 24), 4)))
    assert "overwritten_gb_per_month" in str(noncurrent.assumption)


def test_an_unversioned_bucket_keeps_no_noncurrent_versions() -> None:
    _, cost = cost_text(MINIMAL + "buckets: {files: {versioning: false}}\n", phase=2)
    items = [line.item for r in cost.resources if r.name == "files" for line in r.lines]
    assert not [item for item in items if "noncurrent" in item]
