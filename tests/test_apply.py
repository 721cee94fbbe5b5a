"""The emitted Terraform applies: every root of every example is applied to a local AWS API
(moto), planned again with no changes, and destroyed.

Each example gets its own emulator, so its bootstrap root (which creates the hosted zone the
environments look up) and its environment roots share one account. The order is a person's:
the bootstrap's hosted zones first, then the rest of the bootstrap beside the environments' full
cycles, then the bootstrap's teardown.

Teardown: a plain destroy must be refused where `prevent_destroy` is set; then a second override
file turns off `prevent_destroy` and deletion protection, deletion protection is lifted through
the emulator's API (see LIFT_DELETION_PROTECTION), and destroy must leave no state behind.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from stackwright.emit.build import terraform_files
from stackwright.emit.files import write_files
from stackwright.stack import load_stack
from tests.conftest import EXAMPLES
from tests.emulator import (
    BLOCK,
    GAPS,
    LIFT_DELETION_PROTECTION,
    Emulator,
    Gap,
    credentials,
    endpoint,
    provider_aliases,
    references,
    resource_types,
    start_emulator,
    take_out_gaps,
    without_aws_settings,
    write_override,
)
from tests.terraform_cli import WarmProvider, die_with_parent, start_warm_provider, terraform

PARALLELISM = "-parallelism=20"
STEP_SECONDS = {"init": 120, "apply": 420, "plan": 240, "destroy": 420}
GRACE_SECONDS = 60
REPORT_CHARS = 6000
LOOKED_UP_BY_ENVIRONMENTS = ("aws_route53_zone",)
# The provider's HTTP client losing its connection to the emulator on a loaded machine: said
# by the transport, not by the API, so the command is run once more, as a person would.
TRANSPORT_FAILURE = re.compile(
    r"use of closed network connection|connection reset by peer|: EOF\b|broken pipe"
)
PROTECTION = re.compile(
    r"^\s+(?P<setting>prevent_destroy|deletion_protection|enable_deletion_protection)\s*=\s*true",
    re.M,
)
DRIFT_ALLOWED = {(gap.resource_type, a) for gap in GAPS for a in gap.attributes}
# Terraform and the provider spend a good part of their CPU collecting garbage; collecting less
# often costs memory, of which there is more to spare here than CPU.
GO_SETTINGS = {"GOGC": "400"}
INIT_LOCK = threading.Lock()  # the shared plugin cache is not safe for concurrent installs


@dataclass
class Step:
    command: str
    seconds: float
    returncode: int
    stdout: str
    stderr: str


@dataclass
class RootRun:
    name: str
    folder: Path
    endpoint: dict[str, str]
    removed: list[str] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    drifted: set[tuple[str, str]] = field(default_factory=set)
    provider: WarmProvider | None = None

    def fail(self, problem: str) -> None:
        self.problems.append(f"{self.name}: {problem}")

    def timings(self) -> str:
        return " ".join(f"{s.command} {s.seconds:.0f}s" for s in self.steps)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built")
    for example in EXAMPLES:
        write_files(out / example.name, terraform_files(load_stack(example / "stack.yaml")))
    return out


def roots_of(built: Path) -> list[Path]:
    return sorted(p for p in built.glob("*/terraform/*") if p.is_dir())


# One Terraform command -----------------------------------------------------------------------


def run_terraform(run: RootRun, *args: str) -> Step:
    """Run a command, and once more if it failed on the transport (see TRANSPORT_FAILURE); both
    runs are recorded in `run.steps`. Init is left out: it talks to no emulator."""
    step = run_terraform_once(run, *args)
    if step.returncode and args[0] != "init" and TRANSPORT_FAILURE.search(step.stderr):
        step = run_terraform_once(run, *args)
    return step


def run_terraform_once(run: RootRun, *args: str) -> Step:
    """Past its time limit a command gets SIGINT, so Terraform stops as it does for Ctrl-C and
    says what it was still waiting for."""
    command = args[0]
    started = time.monotonic()
    process = subprocess.Popen(
        [terraform().binary, *args, "-no-color"],
        cwd=run.folder,
        env={**environment(run), **reattach(run)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=die_with_parent,
    )
    try:
        stdout, stderr = process.communicate(timeout=STEP_SECONDS[command])
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGINT)
        try:
            stdout, stderr = process.communicate(timeout=GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
        stderr = f"timed out after {STEP_SECONDS[command]} s\n{stderr}"
    step = Step(command, time.monotonic() - started, process.returncode, stdout, stderr)
    run.steps.append(step)
    return step


def environment(run: RootRun) -> dict[str, str]:
    return {
        **without_aws_settings(terraform().environment),
        **credentials(),
        **run.endpoint,
        **GO_SETTINGS,
    }


def reattach(run: RootRun) -> dict[str, str]:
    return run.provider.environment() if run.provider else {}


def start_provider(run: RootRun) -> WarmProvider:
    binary = next(run.folder.glob(".terraform/providers/*/hashicorp/aws/*/*/terraform-provider-*"))
    # What the provider sends and gets, though not every call; see answer_retries_from_memory.
    return start_warm_provider(
        binary, {**environment(run), "TF_LOG": "DEBUG"}, run.folder / "provider.log"
    )


def variables(run: RootRun) -> list[str]:
    declared = any('variable "image_tag"' in p.read_text() for p in run.folder.glob("*.tf"))
    return ["-var", "image_tag=test"] if declared else []


def apply(run: RootRun, *extra: str) -> Step:
    return run_terraform(
        run, "apply", "-auto-approve", "-input=false", PARALLELISM, *variables(run), *extra
    )


def succeeded(run: RootRun, step: Step) -> bool:
    if step.returncode == 0:
        return True
    text = step.stderr.strip() or step.stdout.strip()
    run.fail(f"terraform {step.command} failed:\n{text[:REPORT_CHARS]}")
    return False


# Apply, then plan again ----------------------------------------------------------------------


def prepare(name: str, source: Path, work: Path, emulator: Emulator) -> RootRun:
    folder = work / name
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns(".terraform*", "*.tfstate*"))
    run = RootRun(name, folder, endpoint(emulator))
    run.removed = take_out_gaps(folder)
    for line in references(folder, run.removed):
        run.fail(f"reads a resource taken out as an emulator gap: {line}")
    write_override(folder)
    return run


def initialise(run: RootRun) -> bool:
    """Init; then, where the root configures the provider once, one warm provider for the rest.
    (A root with aliases configures it more than once, and one process holds one configuration.)
    """
    if run.problems:
        return False
    with INIT_LOCK:
        if not succeeded(run, run_terraform(run, "init", "-input=false")):
            return False
    if len(provider_aliases(run.folder)) == 1:
        try:
            run.provider = start_provider(run)
        except RuntimeError as error:
            run.fail(str(error))
            return False
    return True


def apply_and_replan(run: RootRun) -> bool:
    return not run.problems and succeeded(run, apply(run)) and replan_is_clean(run)


def replan_is_clean(run: RootRun) -> bool:
    plan = run_terraform(run, "plan", "-detailed-exitcode", "-input=false", *variables(run))
    if plan.returncode != 2:
        return succeeded(run, plan)
    unexplained = []
    for address, (action, attributes) in planned_changes(plan.stdout).items():
        drift = {(resource_type(address), a) for a in attributes}
        if action == "update" and drift <= DRIFT_ALLOWED:
            run.drifted |= drift
        elif action != "read":
            unexplained.append(f"{address}: {action} {sorted(attributes)}")
    if unexplained:
        listed = "\n".join(unexplained)
        run.fail(f"the plan after apply still has changes:\n{listed}\n\n{planned(plan)}")
    return not unexplained


CHANGE = re.compile(r"^  # (?P<address>(?:data\.)?[\w-]+\.[\w-]+(?:\[[^\]]*\])?) (?P<what>.*)$")
CHANGED_ATTRIBUTE = re.compile(r"^      [~+-] (?P<name>\w+)\b")
ACTIONS = {"will be updated in-place": "update", "will be read during apply": "read"}


def planned_changes(plan_text: str) -> dict[str, tuple[str, set[str]]]:
    """Address → (action, the attributes and nested blocks it changes), from Terraform's
    human-readable plan: a `  # <address> <what happens>` line, then the resource with each
    changed top-level attribute or block on a line of its own marked ~, + or -."""
    changes: dict[str, tuple[str, set[str]]] = {}
    current: set[str] = set()
    for line in plan_text.splitlines():
        header = CHANGE.match(line)
        if header:
            current = set()
            what = header["what"]
            changes[header["address"]] = (ACTIONS.get(what, what), current)
        elif attribute := CHANGED_ATTRIBUTE.match(line):
            current.add(attribute["name"])
    return changes


def resource_type(address: str) -> str:
    return address.removeprefix("data.").split(".")[0]


def planned(step: Step) -> str:
    start = step.stdout.find("Terraform will perform the following actions")
    return step.stdout[max(start, 0) :][:REPORT_CHARS]


# Teardown ------------------------------------------------------------------------------------


def protections(folder: Path) -> dict[str, list[str]]:
    """Address → the protective settings its block turns on."""
    found: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*.tf")):
        for block in BLOCK.finditer(path.read_text()):
            settings = [m["setting"] for m in PROTECTION.finditer(block.group(0))]
            if settings:
                found[f"{block['type']}.{block['name']}"] = settings
    return found


def unprotect_override(found: dict[str, list[str]]) -> str:
    blocks = []
    for address, settings in sorted(found.items()):
        kind, name = address.split(".")
        body = "".join(f"  {s} = false\n" for s in settings if s != "prevent_destroy")
        if "prevent_destroy" in settings:
            body += "  lifecycle {\n    prevent_destroy = false\n  }\n"
        blocks.append(f'resource "{kind}" "{name}" {{\n{body}}}\n')
    return "\n".join(blocks)


def tear_down(run: RootRun, emulator: Emulator) -> None:
    found = protections(run.folder)
    kept = sorted(a for a, settings in found.items() if "prevent_destroy" in settings)
    if kept and not destroy_is_refused(run, kept):
        return
    (run.folder / "unprotect_override.tf").write_text(unprotect_override(found))
    guarded = {a for a, settings in found.items() if set(settings) - {"prevent_destroy"}}
    if not lift_deletion_protection(run, emulator, guarded):
        return
    destroy = run_terraform(
        run,
        "destroy",
        "-auto-approve",
        "-input=false",
        "-refresh=false",
        PARALLELISM,
        *variables(run),
    )
    if succeeded(run, destroy) and (left := addresses_in_state(run)):
        run.fail(f"destroy left these in the state: {left}")


def addresses_in_state(run: RootRun) -> list[str]:
    state = json.loads((run.folder / "terraform.tfstate").read_text())
    return [
        f"{r['type']}.{r['name']}"
        for r in state["resources"]
        if r["mode"] == "managed" and r["instances"]
    ]


def lift_deletion_protection(run: RootRun, emulator: Emulator, addresses: set[str]) -> bool:
    state = json.loads((run.folder / "terraform.tfstate").read_text())
    for resource in state["resources"]:
        address = f"{resource['type']}.{resource['name']}"
        if resource["mode"] != "managed" or address not in addresses:
            continue
        lift = LIFT_DELETION_PROTECTION.get(resource["type"])
        if lift is None:
            run.fail(f"{address} has deletion protection, and no way to lift it is known")
            return False
        for instance in resource["instances"]:
            lift(emulator, instance["attributes"])
    return True


def destroy_is_refused(run: RootRun, kept: list[str]) -> bool:
    refused = run_terraform(
        run, "destroy", "-auto-approve", "-input=false", "-refresh=false", *variables(run)
    )
    if refused.returncode == 0:
        run.fail(f"destroy went through although {kept} set prevent_destroy")
        return False
    said = " ".join(refused.stderr.split())
    unnamed = [a for a in kept if f"Resource {a} has lifecycle.prevent_destroy set" not in said]
    if unnamed:
        run.fail(f"destroy failed, not for prevent_destroy on {unnamed}:\n{refused.stderr}")
        return False
    return True


# One example, every example ------------------------------------------------------------------


def full_cycle(run: RootRun, emulator: Emulator) -> None:
    if initialise(run) and apply_and_replan(run):
        tear_down(run, emulator)


def looked_up(run: RootRun) -> list[str]:
    return [
        f"{m['type']}.{m['name']}"
        for path in sorted(run.folder.glob("*.tf"))
        for m in BLOCK.finditer(path.read_text())
        if m["type"] in LOOKED_UP_BY_ENVIRONMENTS
    ]


def cycle_example(terraform_folder: Path, work: Path) -> list[RootRun]:
    name = terraform_folder.parent.name
    emulator = start_emulator(work / f"{name}-moto.log")
    try:
        bootstrap = prepare(f"{name}/bootstrap", terraform_folder / "bootstrap", work, emulator)
        environments = [
            prepare(f"{name}/{root.name}", root, work, emulator)
            for root in sorted(terraform_folder.iterdir())
            if root.is_dir() and root.name != "bootstrap"
        ]
        try:
            cycle_roots(bootstrap, environments, emulator)
        finally:
            for run in (bootstrap, *environments):
                if run.provider:
                    run.provider.stop()
        return [bootstrap, *environments]
    finally:
        emulator.stop()


def cycle_roots(bootstrap: RootRun, environments: list[RootRun], emulator: Emulator) -> None:
    targets = [f"-target={address}" for address in looked_up(bootstrap)]
    if not initialise(bootstrap) or (
        targets and not succeeded(bootstrap, apply(bootstrap, *targets))
    ):
        for run in environments:
            run.fail("not run: the bootstrap root failed first")
        return
    jobs: list[Callable[[], object]] = [lambda: apply_and_replan(bootstrap)]
    jobs += [lambda run=run: full_cycle(run, emulator) for run in environments]
    in_parallel(jobs)
    if any(run.problems for run in environments):
        bootstrap.fail("teardown not tried: an environment root, which adds records, failed")
    elif not bootstrap.problems:
        tear_down(bootstrap, emulator)


def in_parallel(jobs: Iterable[Callable[[], object]]) -> None:
    jobs = list(jobs)
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        for future in [pool.submit(job) for job in jobs]:
            future.result()


def selected_examples(session: pytest.Session) -> list[Path]:
    """The examples the selected tests need, so that running one example cycles only that one."""
    names = set()
    for item in session.items:
        test = getattr(item, "originalname", "")
        if test == test_every_attribute_gap_still_shows.__name__:
            return EXAMPLES
        callspec = getattr(item, "callspec", None)
        if test == test_every_root_applies_replans_clean_and_destroys.__name__ and callspec:
            names.add(callspec.params["example"].name)
    return [e for e in EXAMPLES if e.name in names]


@pytest.fixture(scope="module")
def cycled(
    built: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> dict[str, list[RootRun]]:
    work = tmp_path_factory.mktemp("apply")
    results: dict[str, list[RootRun]] = {}

    def cycle(example: Path) -> None:
        results[example.name] = cycle_example(built / example.name / "terraform", work)

    in_parallel([lambda e=e: cycle(e) for e in selected_examples(request.session)])
    return results


# The tests -----------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_every_root_applies_replans_clean_and_destroys(
    example: Path, cycled: dict[str, list[RootRun]]
) -> None:
    runs = cycled[example.name]
    problems = [p for run in runs for p in run.problems]
    timings = "\n".join(f"{run.name}: {run.timings()}" for run in runs)
    assert not problems, "\n\n".join([*problems, timings])


def test_every_attribute_gap_still_shows(cycled: dict[str, list[RootRun]]) -> None:
    seen = set().union(*(run.drifted for runs in cycled.values() for run in runs))
    assert sorted(DRIFT_ALLOWED - seen) == [], "the emulator gives these back now: drop them"


def test_a_call_sent_again_gets_the_answer_its_first_attempt_got(tmp_path: Path) -> None:
    emulator = start_emulator(tmp_path / "moto.log")

    def create_vpc(invocation: str, attempt: int) -> str:
        request = urllib.request.Request(
            f"{emulator.url}/",
            data=b"Action=CreateVpc&CidrBlock=10.0.0.0/16&Version=2016-11-15",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Authorization": "AWS4-HMAC-SHA256 Credential=testing/20261123/us-east-1/ec2/"
                "aws4_request, SignedHeaders=host, Signature=0",
                "amz-sdk-invocation-id": invocation,
                "amz-sdk-request": f"attempt={attempt}; max=3",
            },
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            found = re.search(r"<vpcId>(vpc-\w+)</vpcId>", response.read().decode())
        assert found, "no VPC id in the answer"
        return found[1]

    try:
        first = create_vpc("call-1", attempt=1)
        assert create_vpc("call-1", attempt=2) == first
        assert create_vpc("call-2", attempt=1) != first
    finally:
        emulator.stop()
    assert "RETRIED attempt 2: CreateVpc: answered again" in emulator.log.read_text()


def test_the_gap_list_is_not_stale(built: Path) -> None:
    emitted = set().union(*(resource_types(root) for root in roots_of(built)))
    stale = [gap.resource_type for gap in GAPS if gap.resource_type not in emitted]
    assert stale == [], "no emitted root has these types any more: drop them from GAPS"


def test_every_gap_says_why() -> None:
    assert all(len(gap.reason) > 20 for gap in GAPS)
    assert len({gap.resource_type for gap in GAPS}) == len(GAPS)
    assert all(not gap.stand_ins for gap in GAPS if not gap.taken_out)


def test_taking_out_the_gaps_leaves_nothing_that_reads_them(built: Path, tmp_path: Path) -> None:
    for root in roots_of(built):
        copy = tmp_path / f"{root.parent.parent.name}-{root.name}"
        shutil.copytree(root, copy)
        removed = take_out_gaps(copy)
        assert references(copy, removed) == [], root
        assert not {a.split(".")[0] for a in removed} & resource_types(copy)


def test_taking_out_a_gap_puts_its_stand_in_where_it_was_read(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "aws_thing" "main" {\n  name = "x"\n}\n\n'
        'resource "aws_user" "main" {\n  thing = aws_thing.main.name\n}\n\n'
        'resource "aws_other" "main" {\n  thing = "${aws_thing.main.arn}/x"\n}\n'
    )
    gap = Gap("aws_thing", "the emulator has no API for things", stand_ins={"name": '"fixed"'})
    assert take_out_gaps(tmp_path, [gap]) == ["aws_thing.main"]
    text = (tmp_path / "main.tf").read_text()
    assert 'resource "aws_thing"' not in text
    assert 'thing = "fixed"' in text
    assert references(tmp_path, ["aws_thing.main"]) == [
        'main.tf:7: thing = "${aws_thing.main.arn}/x"'
    ]


def test_what_only_a_gap_read_goes_with_it(tmp_path: Path) -> None:
    (tmp_path / "providers.tf").write_text(
        'provider "aws" {\n  region = "us-east-1"\n}\n\n'
        'provider "aws" {\n  alias  = "dr"\n  region = "us-west-2"\n}\n\n'
        'provider "aws" {\n  alias  = "edge"\n  region = "us-east-1"\n}\n'
    )
    (tmp_path / "main.tf").write_text(
        'data "aws_kms_alias" "dr" {\n  provider = aws.dr\n  name     = "alias/aws/rds"\n}\n\n'
        'data "aws_region" "here" {\n}\n\n'
        'data "aws_partition" "unread" {\n}\n\n'
        'resource "aws_thing" "main" {\n  key  = data.aws_kms_alias.dr.arn\n'
        "  area = data.aws_region.here.name\n}\n\n"
        'resource "aws_kept" "main" {\n  provider = aws.edge\n'
        "  area     = data.aws_region.here.name\n}\n"
    )
    gap = Gap("aws_thing", "the emulator has no API for things")
    assert take_out_gaps(tmp_path, [gap]) == ["aws.dr", "aws_thing.main", "data.aws_kms_alias.dr"]
    assert provider_aliases(tmp_path) == [None, "edge"]
    text = (tmp_path / "main.tf").read_text()
    assert 'data "aws_region" "here"' in text
    assert 'data "aws_partition" "unread"' in text, "unread before: not the gap's to take"


PLAN_TEXT = """\
Terraform will perform the following actions:

  # data.aws_iam_policy_document.access will be read during apply
  # (depends on a resource or a module with changes pending)
 <= data "aws_iam_policy_document" "access" {
      + id            = (known after apply)
    }

  # aws_db_parameter_group.main will be updated in-place
  ~ resource "aws_db_parameter_group" "main" {
        id           = "main"
        # (6 unchanged attributes hidden)

      + parameter {
          + name         = "log_statement"
        }
    }

  # aws_ecs_service.api["web"] must be replaced
-/+ resource "aws_ecs_service" "api" {
      ~ id                                 = "arn" -> (known after apply)
      ~ health_check_grace_period_seconds  = 0 -> 60 # forces replacement
    }

Plan: 1 to add, 1 to change, 1 to destroy.
"""


def test_planned_changes_are_read_from_terraforms_plan() -> None:
    assert planned_changes(PLAN_TEXT) == {
        "data.aws_iam_policy_document.access": ("read", {"id"}),
        "aws_db_parameter_group.main": ("update", {"parameter"}),
        'aws_ecs_service.api["web"]': (
            "must be replaced",
            {"id", "health_check_grace_period_seconds"},
        ),
    }


def test_a_lost_connection_is_told_from_an_api_error() -> None:
    lost = (
        "Error: waiting for RDS DB Instance (x) delete: operation error RDS: DescribeDBInstances,"
        " exceeded maximum number of attempts, 2, https response error StatusCode: 404,"
        " decomposing response: read tcp 127.0.0.1:49008->127.0.0.1:41635: use of closed"
        " network connection"
    )
    refused = "Error: Instance cannot be destroyed: Resource aws_s3_bucket.state has"
    assert TRANSPORT_FAILURE.search(lost)
    assert not TRANSPORT_FAILURE.search(refused)
