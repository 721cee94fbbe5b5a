"""The planner per growth phase, and the phase choices a stack can pin."""

from __future__ import annotations

from stackwright.plan import INTERNET
from stackwright.plan.resources import (
    BackupReplication,
    Cache,
    Database,
    Ec2Host,
    EcsService,
    LoadBalancer,
    NatGateway,
    PublicIpv4,
    ScheduledTask,
    Subnet,
    Tracing,
    WebAcl,
)
from tests.helpers import MINIMAL, plan_text


def count(plan, kind) -> int:  # type: ignore[no-untyped-def]
    return sum(1 for _ in plan.of_type(kind))


def test_phase_1_is_one_compose_host_with_managed_postgres_and_no_alb_or_nat() -> None:
    plan = plan_text(MINIMAL, phase=1)
    (host,) = plan.of_type(Ec2Host)
    assert {c.name for c in host.containers} == {"nginx", "web", "worker", "redis"}
    assert count(plan, Database) == 1
    assert count(plan, LoadBalancer) == count(plan, NatGateway) == count(plan, Cache) == 0
    assert count(plan, EcsService) == 0
    assert {s.tier for s in plan.of_type(Subnet)} == {"public", "data"}
    assert {(f.target, f.port) for f in plan.flows if f.source == INTERNET} == {
        (host.id, 443),
        (host.id, 80),
    }


def test_phase_1_host_is_the_smallest_that_fits_the_containers() -> None:
    text = MINIMAL.replace("    port: 8080\n", "    port: 8080\n    cpu: 1024\n    memory: 4096\n")
    (host,) = plan_text(text, phase=1).of_type(Ec2Host)
    # nginx 0.25 + web 1 + worker 0.25 + redis 0.15 vCPU = 1.65; memory 5,504 MiB + 1 GiB headroom
    assert host.instance_type == "t3.large"


def test_phase_2_is_fargate_behind_an_alb_with_private_subnets_and_one_nat() -> None:
    plan = plan_text(MINIMAL, phase=2)
    assert count(plan, EcsService) == 2
    assert count(plan, LoadBalancer) == 1
    assert count(plan, NatGateway) == 1
    assert count(plan, Cache) == 1
    assert all(s.subnet_tier == "private" and not s.public_ip for s in plan.of_type(EcsService))
    (db,) = plan.of_type(Database)
    assert not db.multi_az and db.subnet_tier == "data"
    assert count(plan, WebAcl) == 0


def test_phase_3_doubles_tasks_and_makes_data_multi_az_with_waf_and_nat_per_az() -> None:
    plan = plan_text(MINIMAL, phase=3)
    assert all(s.desired == 2 for s in plan.of_type(EcsService))
    (db,) = plan.of_type(Database)
    (cache,) = plan.of_type(Cache)
    assert db.multi_az and cache.nodes == 2
    assert count(plan, NatGateway) == 2
    assert count(plan, WebAcl) == 1
    assert count(plan, Tracing) == 1


def test_phase_4_adds_autoscaling_and_cross_region_backups() -> None:
    plan = plan_text(MINIMAL, phase=4)
    for service in plan.of_type(EcsService):
        assert service.cpu_target == 70 and service.max_tasks > service.min_tasks == 2
    (copy,) = plan.of_type(BackupReplication)
    assert copy.destination_region == "us-west-2"
    assert plan.dr_region == "us-west-2"


def test_pinned_topology_reproduces_public_tasks_without_nat() -> None:
    text = MINIMAL + "topology: {task_subnets: public, nat: none}\n"
    plan = plan_text(text, phase=2)
    assert count(plan, NatGateway) == 0
    assert all(s.public_ip for s in plan.of_type(EcsService))
    ips = {ip.owner: ip.count for ip in plan.of_type(PublicIpv4)}
    assert ips["ecs_service.web"] == 1 and ips["ecs_service.worker"] == 1
    assert {s.tier for s in plan.of_type(Subnet)} == {"public", "data"}


def test_environment_overrides_and_phase_are_per_environment() -> None:
    text = MINIMAL + (
        "environments:\n  prod: {phase: 3}\n  staging:\n    phase: 2\n"
        "    overrides:\n      postgres: {instance: db.t3.micro}\n"
    )
    prod, staging = plan_text(text, "prod"), plan_text(text, "staging")
    assert next(prod.of_type(Database)).instance == "db.t4g.micro"
    assert next(staging.of_type(Database)).instance == "db.t3.micro"
    assert (prod.phase, staging.phase) == (3, 2)


def test_worker_running_jobs_stays_single_in_phase_3() -> None:
    text = MINIMAL.replace(
        "  worker:\n",
        "  worker:\n    command: work\n    jobs: [{name: tick, schedule: 30s, command: run}]\n",
    )
    for phase in (3, 4):
        plan = plan_text(text, phase=phase)
        worker = next(s for s in plan.of_type(EcsService) if s.name == "worker")
        assert (worker.desired, worker.max_tasks, worker.cpu_target) == (1, 1, None)
        assert worker.singleton
        assert any("would do its work twice" in note for note in plan.notes)


def test_scheduled_job_becomes_an_eventbridge_task() -> None:
    text = MINIMAL.replace(
        "postgres: {}",
        "  nightly: {schedule: '0 2 * * *', command: report, run_minutes: 10}\npostgres: {}",
    )
    (task,) = plan_text(text).of_type(ScheduledTask)
    assert task.schedule == "cron(0 2 * * ? *)"
    assert round(task.runs_per_month, 2) == 30.42


def test_search_waits_for_its_phase() -> None:
    text = MINIMAL + "search: {from_phase: 3}\n"
    assert not any(r.type == "search_domain" for r in plan_text(text, phase=2).resources)
    assert any(r.type == "search_domain" for r in plan_text(text, phase=3).resources)


def test_second_environment_uses_a_subdomain_and_does_not_own_the_zone() -> None:
    text = MINIMAL + "environments: {prod: {}, staging: {}}\n"
    zone = next(r for r in plan_text(text, "staging").resources if r.type == "dns_zone")
    assert zone.managed is False  # type: ignore[attr-defined]
    cert = next(r for r in plan_text(text, "staging").resources if r.type == "certificate")
    assert cert.domain == "staging.shop.example.com"  # type: ignore[attr-defined]


def test_planning_is_deterministic() -> None:
    assert plan_text(MINIMAL) == plan_text(MINIMAL)


def test_more_routes_than_a_load_balancer_takes_is_noted() -> None:
    services = "".join(f"  s{i}: {{port: 80, path: /s{i}/*}}\n" for i in range(101))
    plan = plan_text(f"name: shop\nservices:\n  web: {{port: 80}}\n{services}", phase=2)
    assert any("101 routed services need 101 listener rules" in note for note in plan.notes)
