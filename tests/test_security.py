"""Security-group rules come from flows and nothing else."""

from __future__ import annotations

from stackwright.plan.resources import SecurityGroup, SecurityGroupRule
from stackwright.plan.security import ANYWHERE
from tests.helpers import MINIMAL, plan_text


def rules(plan, direction="ingress"):  # type: ignore[no-untyped-def]
    groups = {g.id: g.owner for g in plan.of_type(SecurityGroup)}
    return {
        (groups[r.group], groups.get(r.peer, r.peer), r.port)
        for r in plan.of_type(SecurityGroupRule)
        if r.direction == direction
    }


def test_phase_2_ingress_is_the_alb_chain() -> None:
    assert rules(plan_text(MINIMAL, phase=2)) == {
        ("load_balancer.main", ANYWHERE, 443),
        ("load_balancer.main", ANYWHERE, 80),
        ("ecs_service.web", "load_balancer.main", 8080),
        ("database.postgres", "ecs_service.web", 5432),
        ("database.postgres", "ecs_service.worker", 5432),
        ("cache.redis", "ecs_service.web", 6379),
    }


def test_phase_2_egress_mirrors_ingress_plus_https_out_for_tasks() -> None:
    assert rules(plan_text(MINIMAL, phase=2), "egress") == {
        ("load_balancer.main", "ecs_service.web", 8080),
        ("ecs_service.web", "database.postgres", 5432),
        ("ecs_service.worker", "database.postgres", 5432),
        ("ecs_service.web", "cache.redis", 6379),
        ("ecs_service.web", ANYWHERE, 443),
        ("ecs_service.worker", ANYWHERE, 443),
    }


def test_phase_1_opens_only_the_host_to_the_internet() -> None:
    assert rules(plan_text(MINIMAL, phase=1)) == {
        ("ec2_host.app", ANYWHERE, 443),
        ("ec2_host.app", ANYWHERE, 80),
        ("database.postgres", "ec2_host.app", 5432),
    }


def test_service_to_service_calls_open_only_the_called_port() -> None:
    text = MINIMAL.replace(
        "    uses: [postgres]\n", "    kind: worker\n    port: 9000\n    uses: [postgres]\n"
    )
    text = text.replace("uses: [postgres, redis]", "uses: [postgres, redis, worker]")
    assert ("ecs_service.worker", "ecs_service.web", 9000) in rules(plan_text(text))


def test_every_rule_names_its_flow() -> None:
    plan = plan_text(MINIMAL, phase=3)
    flows = {f.id for f in plan.flows}
    assert all(rule.flow in flows for rule in plan.of_type(SecurityGroupRule))
