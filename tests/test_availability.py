"""The availability analyzer: composite SLAs per request path, RTO and RPO per failure
scenario, and the `dr:` rules and `check` output built on them."""

from __future__ import annotations

import json
import math
import re
from datetime import date
from pathlib import Path

import pytest

from stackwright.availability import analyse, misses
from stackwright.availability.data import assumptions, minutes, slas
from stackwright.availability.model import MINUTES_PER_YEAR, redundant, series
from stackwright.checks.engine import run_checks
from tests.cli_run import run
from tests.helpers import plan_text

BASE = (Path(__file__).parent / "rules" / "base.yaml").read_text()
TWO_ZONE_SHOP = """\
name: shop
domain: shop.example.com
services:
  web: {port: 8080, health_check: /health, count: 2, uses: [postgres, redis]}
  worker: {count: 2, uses: [postgres]}
postgres: {multi_az: true, storage_gb: 200}
redis: {nodes: 2}
environments:
  prod: {phase: 3}
"""


def test_series_multiplies_and_copies_give_one_minus_the_product_of_failures() -> None:
    assert series([0.999, 0.99]) == pytest.approx(0.98901)
    assert redundant([0.99, 0.99]) == pytest.approx(0.9999)
    assert redundant([0.995]) == pytest.approx(0.995)
    assert series([]) == 1.0


def test_every_sla_and_assumption_says_where_it_comes_from() -> None:
    for sla in slas().values():
        assert sla.source.startswith("https://aws.amazon.com/"), sla.key
        assert 90 <= sla.percent <= 100, sla.key
        assert date.fromisoformat(sla.checked) <= date.today(), sla.key
    for assumption in assumptions().values():
        assert assumption.basis and assumption.source, assumption.key
        assert assumption.minutes >= 0, assumption.key


def test_a_request_path_is_the_product_of_its_parts_slas() -> None:
    plan = plan_text(TWO_ZONE_SHOP)
    paths = {p.name: p for p in analyse(plan).paths}
    web = paths["web"]
    parts = {c.resource: c.sla.key for c in web.components}
    assert parts["load_balancer.main"] == "load_balancer"
    assert parts["ecs_service.web"] == "containers.zones"
    assert parts["database.postgres"] == "database.multi_az"
    assert parts["cache.redis"] == "cache.multi_az"
    expected = math.prod(c.sla.percent / 100 for c in web.components)
    assert web.availability == pytest.approx(expected)
    assert web.downtime_minutes_per_year == pytest.approx((1 - expected) * MINUTES_PER_YEAR)
    assert web.downtime_minutes_per_month == pytest.approx(
        web.downtime_minutes_per_year / 12, rel=0.01
    )
    assert paths["worker"].kind == "background"


def test_one_task_in_one_zone_has_the_weaker_sla() -> None:
    plan = plan_text(
        TWO_ZONE_SHOP.replace(
            "count: 2, uses: [postgres, redis]", "count: 1, uses: [postgres, redis]"
        ).replace("phase: 3", "phase: 2")
    )
    web = next(p for p in analyse(plan).paths if p.name == "web")
    assert {c.resource: c.sla.key for c in web.components}[
        "ecs_service.web"
    ] == "containers.one_zone"


def test_a_call_chain_is_a_path_through_every_service_it_calls() -> None:
    stack = TWO_ZONE_SHOP.replace(
        "  worker: {count: 2, uses: [postgres]}",
        "  worker: {count: 2, uses: [postgres]}\n"
        "  front: {port: 3000, path: /app/*, count: 2, uses: [web]}",
    )
    names = [p.name for p in analyse(plan_text(stack)).paths]
    assert any("front → web" in n for n in names), names


def test_a_single_az_database_is_restored_in_time_that_grows_with_its_size() -> None:
    small = plan_text(BASE)
    large = plan_text(BASE.replace("postgres: {}", "postgres: {storage_gb: 400}"))
    rto = {
        gb: analyse(p).scenario("database").rto_minutes  # type: ignore[union-attr]
        for gb, p in ((20, small), (400, large))
    }
    assert rto[20] == pytest.approx(minutes("database_restore", 20))
    assert rto[400] == pytest.approx(minutes("database_restore", 400))
    assert rto[400] > rto[20]  # type: ignore[operator]
    multi = plan_text(BASE.replace("postgres: {}", "postgres: {multi_az: true}"))
    scenario = analyse(multi).scenario("database")
    assert scenario is not None
    assert scenario.rto_minutes == minutes("database_failover")
    assert scenario.rpo_minutes == 0


def test_a_region_is_judged_from_phase_four_and_copies_bring_its_rpo_within_reach() -> None:
    before = analyse(plan_text(BASE)).scenario("region")
    assert before is not None and not before.in_scope
    copied = analyse(plan_text(BASE.replace("prod: {phase: 2}", "prod: {phase: 4}")))
    region = copied.scenario("region")
    assert region is not None and region.in_scope
    assert region.rpo_minutes == minutes("cross_region_copy")
    assert region.rto_minutes == pytest.approx(
        minutes("rebuild_region") + minutes("database_restore", 20)
    )
    assert not misses(region, 240, 60)


def test_the_zone_scenario_waits_for_the_only_nat_gateway() -> None:
    stack = BASE.replace("prod: {phase: 2}", "prod: {phase: 2}\ntopology: {nat: single}")
    zone = analyse(plan_text(stack)).scenario("zone")
    assert zone is not None
    by_resource = {r.resource.id: r for r in zone.recoveries}
    assert any(r.startswith("nat_gateway.") for r in by_resource)
    web = by_resource["ecs_service.web"]
    assert web.rto_minutes == pytest.approx(
        minutes("detect_failed_target") + minutes("replace_task") + minutes("replace_nat")
    )


def test_a_cache_is_not_held_to_the_rpo_but_a_database_is() -> None:
    stack = BASE.replace("uses: [postgres]", "uses: [postgres, redis]") + "redis: {}\n"
    plan = plan_text(stack.replace("postgres: {}", "postgres: {}\ndr: {rpo: 1m}"))
    zone = analyse(plan).scenario("zone")
    assert zone is not None
    missed = {m.recovery.resource.id for m in misses(zone, 10_000, 1)}
    assert "database.postgres" in missed
    assert "cache.redis" not in missed


def test_a_missed_target_is_an_error_with_the_fix_and_what_it_costs() -> None:
    plan = plan_text(BASE.replace("postgres: {}", "postgres: {}\ndr: {rto: 15m}"))
    found = [f for f in run_checks(plan) if f.rule == "SW092"]
    assert len(found) == 1
    finding = found[0]
    assert finding.severity == "error"
    assert finding.resource == "database.postgres"
    assert "postgres.multi_az: true" in finding.fix
    assert finding.fix_monthly_usd is not None and finding.fix_monthly_usd > 0
    assert finding.origin == ("postgres", "multi_az")


def test_staging_is_shown_its_recovery_but_not_judged() -> None:
    stack = BASE.replace("postgres: {}", "postgres: {}\ndr: {rto: 30m}").replace(
        "prod: {phase: 2}",
        "prod: {phase: 2, overrides: {postgres: {multi_az: true}}}\n"
        "  staging: {phase: 2, overrides: {postgres: {storage_gb: 400}}}",
    )
    staging = plan_text(stack, env="staging")
    database = analyse(staging).scenario("database")
    assert database is not None and misses(database, 30, 60)
    assert not [f for f in run_checks(staging) if f.rule.startswith("SW09")]
    assert [f for f in run_checks(plan_text(stack)) if f.rule.startswith("SW09")] == []


UNMET_RPO = """\
name: shop
domain: shop.example.com
alarms: {email: ops@example.com}
budget: {monthly_usd: 1000, email: ops@example.com}
services:
  web: {port: 8080, health_check: /health, uses: [postgres]}
postgres: {}
dr: {rpo: 1m}
environments:
  prod: {phase: 2}
"""


def test_an_rpo_the_plan_cannot_meet_fails_check_at_the_stack_line(write_stack) -> None:  # type: ignore[no-untyped-def]
    path = write_stack(UNMET_RPO)
    result = run("check", str(path), "--json")
    assert result.code == 5, result.stderr
    report = json.loads(result.stdout)
    rpo = [f for f in report["findings"] if f["rule"] == "SW092"]
    assert rpo, report["findings"]
    finding = rpo[0]
    assert finding["resource"] == "database.postgres"
    assert "dr.rpo 1 min" in finding["message"]
    assert finding["line"] == 7 and finding["key"] == "postgres"
    assert finding["fix"].startswith("set postgres.multi_az: true")
    assert finding["fix_monthly_usd"] > 0
    availability = report["availability"][0]
    database = next(s for s in availability["scenarios"] if s["id"] == "database")
    assert database["meets_targets"] is False
    assert database["rpo_minutes"] == minutes("database_log_interval")
    assert availability["paths"][0]["components"][0]["source"].startswith("https://")


def test_check_prints_the_paths_and_each_scenario_against_the_targets(write_stack) -> None:  # type: ignore[no-untyped-def]
    result = run("check", str(write_stack(UNMET_RPO)))
    assert result.code == 5
    text = result.stdout
    assert "targets RTO 4 h, RPO 1 min" in text
    assert re.search(r"web \(request\)\s+\d+\.\d{3} %", text), text
    assert re.search(r"the database instance fails\s+22 min\s+5 min\s+misses a target", text), text
