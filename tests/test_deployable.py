"""What makes the emitted system start and run as the stack says, beyond Terraform's own
checks: each test is one fault a valid-looking root once had (the database password nobody
could read, replicas RDS refuses, a zone created beside the certificate waiting on it,
globally taken bucket names, a singleton scaled to two, jobs that never ran)."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path
from typing import Any

import hcl2
import pytest

from stackwright.emit.build import terraform_files
from stackwright.emit.terraform.compute import JOB_RUNNER
from stackwright.plan.resources import EcsService, ScheduledTask
from stackwright.stack import load_stack, load_text
from stackwright.stack.errors import StackError
from tests.conftest import EXAMPLES
from tests.helpers import MINIMAL, plan_text

ATLAS_PHASE3 = EXAMPLES[[e.name for e in EXAMPLES].index("accountability-atlas-phase3")]


def resources(text: str, kind: str) -> dict[str, dict[str, Any]]:
    """Every `kind` resource in a .tf file's text, by label; each attribute as written (the
    parser wraps some values in a one-item list)."""
    found: dict[str, dict[str, Any]] = {}
    for block in hcl2.loads(text).get("resource", []):
        for label, body in block.get(kind, {}).items():
            found[label] = {k: one(v) for k, v in body.items()}
    return found


def one(value: Any) -> Any:
    return value[0] if isinstance(value, list) and len(value) == 1 else value


def test_the_database_password_is_generated_kept_and_readable_by_every_task_using_it() -> None:
    files = terraform_files(load_stack(ATLAS_PHASE3 / "stack.yaml"))
    database = files["terraform/prod/database.tf"]
    instances = resources(database, "aws_db_instance")
    assert "manage_master_user_password" not in database  # RDS refuses replicas of that
    assert instances["main"]["password"] == (
        "${aws_secretsmanager_secret_version.database__password.secret_string}"
    )
    assert {"replica_1"} <= instances.keys()
    iam = files["terraform/prod/iam.tf"]
    readers = [
        name
        for name, service in (
            ("user_service", "DATABASE_PASSWORD"),
            ("video_service", "REDIS_AUTH_TOKEN"),
        )
        if f"{name}_execution_secrets" in iam
    ]
    assert readers == ["user_service", "video_service"]
    policy = iam.split('data "aws_iam_policy_document" "user_service_execution_secrets"')[1]
    policy = policy.split("\n}\n")[0]
    assert "aws_secretsmanager_secret.database__password.arn" in policy
    assert "aws_secretsmanager_secret.cache__auth_token.arn" in policy


def test_a_secret_that_duplicates_what_a_store_gives_is_refused() -> None:
    text = MINIMAL.replace("uses: [postgres, redis]", "uses: [postgres, redis, database_password]")
    with pytest.raises(StackError) as refused:
        load_text(text + "secrets: [database_password]\n")
    assert "'postgres' already gives it" in str(refused.value)
    text = MINIMAL.replace("uses: [postgres, redis]\n", "uses: [postgres, redis]\n")
    setting = text.replace("  worker:\n", "    environment: {REDIS_HOST: localhost}\n  worker:\n")
    with pytest.raises(StackError) as refused:
        load_text(setting)
    assert "REDIS_HOST is set by 'redis'" in str(refused.value)


def test_postgres_names_its_major_version_only() -> None:
    text = MINIMAL.replace("postgres: {}", "postgres: {version: '15.4'}")
    database = terraform_files(load_text(text))["terraform/prod/database.tf"]
    main = resources(database, "aws_db_instance")["main"]
    assert main["engine_version"] == "15"
    assert 'family      = "postgres15"' in database


def test_the_bootstrap_root_holds_what_exists_once_per_account() -> None:
    files = terraform_files(load_stack(ATLAS_PHASE3 / "stack.yaml"))
    assert "aws_iam_service_linked_role" in files["terraform/bootstrap/search.tf"]
    assert "opensearchservice.amazonaws.com" in files["terraform/bootstrap/search.tf"]
    assert 'resource "aws_route53_zone" "main"' in files["terraform/bootstrap/dns.tf"]
    for env in ("prod", "staging"):
        dns = files[f"terraform/{env}/dns.tf"]
        assert 'data "aws_route53_zone" "main"' in dns
        assert 'resource "aws_route53_zone"' not in dns
        assert "aws_iam_service_linked_role" not in "".join(
            text for name, text in files.items() if name.startswith(f"terraform/{env}/")
        )


def _backend(files: dict[str, str], env: str) -> dict[str, object]:
    document = hcl2.loads(files[f"terraform/{env}/providers.tf"])
    backend = document["terraform"][0]["backend"][0]["s3"]
    return {k: one(v) for k, v in backend.items() if k in ("bucket", "region")}


def test_state_lives_in_one_bucket_and_region_that_every_backend_names() -> None:
    text = MINIMAL.replace("name: shop\n", "name: shop\nregion: us-east-1\n") + (
        "environments:\n  prod: {}\n  staging: {region: us-west-2}\n"
    )
    files = terraform_files(load_text(text))
    bootstrap = hcl2.loads(files["terraform/bootstrap/variables.tf"])
    state_region = one(bootstrap["variable"][0]["region"]["default"])
    bucket = resources(files["terraform/bootstrap/state.tf"], "aws_s3_bucket")["state"]["bucket"]
    assert state_region == "us-east-1"
    assert bucket != "shop-terraform-state" and str(bucket).startswith("shop-tfstate-")
    for env in ("prod", "staging"):
        assert _backend(files, env) == {"bucket": bucket, "region": "us-east-1"}


def test_an_account_id_makes_bucket_names_the_accounts_and_guards_the_provider() -> None:
    text = MINIMAL.replace("name: shop\n", "name: shop\naccount_id: '123456789012'\n")
    files = terraform_files(load_text(text + "buckets: {uploads: {}}\n"))
    assert _backend(files, "prod")["bucket"] == "shop-tfstate-123456789012"
    storage = resources(files["terraform/prod/storage.tf"], "aws_s3_bucket")
    assert storage["uploads"]["bucket"] == "shop-prod-uploads-123456789012"
    assert 'allowed_account_ids = ["123456789012"]' in files["terraform/prod/providers.tf"]
    named = load_text(
        text + "state: {bucket: my-team-state, region: eu-west-1}\n" + "buckets: {uploads: {}}\n"
    )
    assert _backend(terraform_files(named), "prod") == {
        "bucket": "my-team-state",
        "region": "eu-west-1",
    }


def test_state_and_account_cannot_differ_between_environments() -> None:
    text = MINIMAL + "environments:\n  prod:\n    overrides: {state: {bucket: other-bucket}}\n"
    with pytest.raises(StackError) as refused:
        load_text(text)
    assert "cannot override `state`" in str(refused.value)


SINGLETONS = """\
name: shop
services:
  web: {port: 8080}
  admin: {port: 8081, path: /admin/*, count: 1}
  beat: {kind: worker, count: 1}
  poller: {kind: worker, singleton: true}
  pool: {kind: worker, count: 1, autoscaling: {min: 1, max: 4}}
  pair: {kind: worker, count: 1, singleton: false}
"""


@pytest.mark.parametrize("phase", [3, 4])
def test_singletons_are_never_raised_by_a_phase_nor_deployed_two_at_a_time(phase: int) -> None:
    plan = plan_text(SINGLETONS, phase=phase)
    services = {s.name: s for s in plan.of_type(EcsService)}
    for name in ("beat", "poller"):
        service = services[name]
        assert (service.desired, service.max_tasks, service.cpu_target) == (1, 1, None)
        assert service.singleton
    assert not services["pool"].singleton and services["pool"].max_tasks == 4
    assert not services["pair"].singleton and services["pair"].desired == 2
    assert services["web"].desired == 2
    assert not services["admin"].singleton and services["admin"].desired == 2  # serves requests
    compute = terraform_files(load_text(SINGLETONS))["terraform/prod/compute.tf"]
    beat = resources(compute, "aws_ecs_service")["beat"]
    assert (beat["deployment_minimum_healthy_percent"], beat["deployment_maximum_percent"]) == (
        0,
        100,
    )
    assert "deployment_maximum_percent" not in str(resources(compute, "aws_ecs_service")["web"])


def test_a_singleton_with_a_count_or_autoscaling_is_refused() -> None:
    with pytest.raises(StackError) as refused:
        load_text("name: shop\nservices:\n  a: {kind: worker, singleton: true, count: 2}\n")
    assert "a singleton runs one task" in str(refused.value)


WORKER_JOBS = """\
name: shop
services:
  web: {port: 8080, uses: [postgres]}
  scheduler:
    kind: worker
    command: bin/serve
    uses: [postgres]
    jobs:
      - {name: tick, schedule: 30s, command: bin/tick}
      - {name: warm, schedule: "0 2 * * *", command: bin/warm, run_minutes: 3}
postgres: {}
"""


def test_a_workers_minute_or_longer_jobs_run_on_eventbridge_as_the_worker() -> None:
    plan = plan_text(WORKER_JOBS)
    (task,) = plan.of_type(ScheduledTask)
    assert (task.name, task.runs_in, task.schedule) == (
        "scheduler--warm",
        "scheduler",
        "cron(0 2 * * ? *)",
    )
    worker = next(s for s in plan.of_type(EcsService) if s.name == "scheduler")
    assert [j.name for j in worker.jobs] == ["scheduler--tick"]  # the runner's
    files = terraform_files(load_text(WORKER_JOBS))
    compute = files["terraform/prod/compute.tf"]
    schedule = resources(compute, "aws_scheduler_schedule")["scheduler__warm"]
    target = one(one(schedule["target"])["ecs_parameters"])
    assert one(target["task_definition_arn"]) == (
        "${aws_ecs_task_definition.scheduler__warm.arn_without_revision}"
    )
    definition = resources(compute, "aws_ecs_task_definition")["scheduler__warm"]
    assert definition["execution_role_arn"] == "${aws_iam_role.scheduler_execution.arn}"
    assert "bin/warm" in str(definition["container_definitions"])
    network = one(target["network_configuration"])
    assert one(network["security_groups"]) in (
        ["${aws_security_group.ecs_service_scheduler.id}"],
        "${aws_security_group.ecs_service_scheduler.id}",
    )
    iam = files["terraform/prod/iam.tf"]
    assert "aws_ecs_task_definition.scheduler__warm.arn_without_revision" in iam
    assert "aws_iam_role.scheduler_task.arn" in iam
    assert "scheduler__warm_execution" not in iam  # it runs as the worker


def test_the_job_runner_runs_each_frequent_job_beside_the_workers_own_command(
    tmp_path: Path,
) -> None:
    """The runner the worker's container runs, executed by a real sh: the main command
    starts, and each job runs every period."""
    log, errors = tmp_path / "log", tmp_path / "errors"
    main = f"sleep 2.5; echo main-done >> {log}"
    tick = f"echo tick >> {log}"
    with errors.open("w") as stderr:
        runner = subprocess.Popen(
            ["sh", "-c", JOB_RUNNER, "job-runner", main, "1", tick, "1", "exit 3"],
            stderr=stderr,
            start_new_session=True,  # the jobs' loops end with the container: here, killed
        )
        try:
            assert runner.wait(timeout=20) == 0
        finally:
            os.killpg(runner.pid, signal.SIGKILL)
    lines = log.read_text().splitlines()
    assert lines[-1] == "main-done" and lines.count("tick") >= 2
    assert "job failed (3): exit 3" in errors.read_text()


def test_a_worker_with_frequent_jobs_needs_its_command() -> None:
    with pytest.raises(StackError) as refused:
        load_text(WORKER_JOBS.replace("    command: bin/serve\n", ""))
    assert "needs its `command:`" in str(refused.value)


def test_tracing_samples_what_the_plan_prices() -> None:
    compute = terraform_files(load_text(MINIMAL + "environments: {prod: {phase: 3}}\n"))
    rule = resources(compute["terraform/prod/monitoring.tf"], "aws_xray_sampling_rule")["main"]
    assert (rule["fixed_rate"], rule["reservoir_size"]) == (0.05, 0)


def test_dashboards_only_for_what_exists() -> None:
    without_database = MINIMAL.replace("postgres: {}\n", "").replace("postgres, ", "")
    plan = plan_text(without_database.replace("uses: [postgres]", "uses: [redis]"), phase=3)
    titles = [r.name for r in plan.resources if r.type == "dashboard"]
    assert titles == ["overview"]


def test_alerts_without_a_subscriber_are_noted() -> None:
    assert any("nothing subscribes" in n for n in plan_text(MINIMAL).notes)
    subscribed = MINIMAL + "alarms: {email: ops@example.com}\n"
    assert not any("nothing subscribes" in n for n in plan_text(subscribed).notes)


def test_backups_stay_in_their_geography() -> None:
    europe = MINIMAL.replace("name: shop\n", "name: shop\nregion: eu-west-1\n")
    plan = plan_text(europe, phase=4)
    assert plan.dr_region is None
    assert any("data does not leave it unasked" in n for n in plan.notes)
    assert plan_text(europe + "dr: {region: us-east-1}\n", phase=4).dr_region == "us-east-1"
    assert plan_text(MINIMAL, phase=4).dr_region == "us-west-2"


def test_the_wiring_names_are_the_ones_the_loader_reserves() -> None:
    """What endpoints.connection sets is what stack.wiring says each link sets, so the loader
    refuses exactly the settings and secrets a link would shadow."""
    from stackwright.emit.terraform.context import Root
    from stackwright.emit.terraform.endpoints import connection
    from stackwright.stack.wiring import wired_variables

    text = MINIMAL + "search: {}\nbuckets: {files: {}}\nqueues: {jobs: {}}\n"
    root = Root(plan_text(text))
    kinds = {"database": "postgres", "cache": "redis", "search_domain": "search"}
    kinds |= {"bucket": "bucket", "queue": "queue", "ecs_service": "service"}
    for resource in root.plan.resources:
        if resource.type in kinds:
            wiring = connection(root, [resource])
            given = set(wiring.settings) | set(wiring.secrets)
            assert given == set(wired_variables(kinds[resource.type], resource.name)), resource
