"""A local AWS API (moto's server) for applying the emitted Terraform, and what it takes to point
a root at it: the endpoint variable, override files for the provider and the backend, fake
credentials, and the one list of resource types the emulator cannot create, each with the reason
it cannot.

Each server listens on 127.0.0.1 on a free port and keeps its state in memory only.
"""

from __future__ import annotations

import base64
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3

from tests.terraform_cli import die_with_parent

HOST = "127.0.0.1"
STARTUP_SECONDS = 60

# moto's own switches: AWS-managed IAM policies exist (execution roles attach
# AmazonECSTaskExecutionRolePolicy), and ACM certificates are issued at once instead of after
# moto's default 60 seconds.
MOTO_SETTINGS = {
    "MOTO_IAM_LOAD_MANAGED_POLICIES": "true",
    "MOTO_ACM_VALIDATION_WAIT": "0",
}


@dataclass(frozen=True)
class Gap:
    """Something the emulator does not do as AWS does, and what the test does about it.

    Without `attributes`, the emulator cannot create the type at all: its blocks are taken out of
    the copy that is applied; every expression that read `<type>.<name>.<attribute>` gets
    `stand_ins[attribute]` instead, and any other reference left behind fails the test.

    With `attributes`, the type is applied, but the emulator does not give those attributes back
    as they were set, so the plan after apply may update them in place, and only them.
    """

    resource_type: str
    reason: str
    attributes: tuple[str, ...] = ()
    stand_ins: Mapping[str, str] = field(default_factory=dict)

    @property
    def taken_out(self) -> bool:
        return not self.attributes


GAPS: tuple[Gap, ...] = (
    Gap(
        "aws_elasticache_parameter_group",
        "moto has no CreateCacheParameterGroup (its server answers HTTP 500)",
        stand_ins={"name": '"default.redis7"'},
    ),
    Gap(
        "aws_elasticache_replication_group",
        "moto's CreateReplicationGroup creates no member cache clusters, and the provider reads"
        " them back (DescribeCacheClusters: CacheClusterNotFound)",
        stand_ins={
            "id": '"emulated-cache"',
            "primary_endpoint_address": '"master.emulated-cache.cache.amazonaws.com"',
        },
    ),
    Gap(
        "aws_elasticache_subnet_group",
        "moto has no DeleteCacheSubnetGroup (its server answers HTTP 500), so destroy fails",
    ),
    Gap(
        "aws_budgets_budget",
        "moto's Budgets has no DescribeSubscribersForNotification, which the provider reads"
        " back for every notification",
    ),
    Gap(
        "aws_appautoscaling_target",
        "moto's Application Auto Scaling has no ListTagsForResource (NotImplementedError, HTTP"
        " 500), which the provider calls to read a target's tags",
    ),
    Gap(
        "aws_appautoscaling_policy",
        "its scalable target is taken out (see aws_appautoscaling_target), and a policy needs"
        " one registered",
    ),
    Gap(
        "aws_opensearch_domain",
        "the provider waits a fixed 10 minutes after CreateDomain before it first looks"
        " (WithDelay(10*time.Minute)), more than this whole test may take",
        stand_ins={
            "arn": '"arn:aws:es:us-east-1:123456789012:domain/emulated-search"',
            "domain_name": '"emulated-search"',
            "endpoint": '"emulated-search.us-east-1.es.amazonaws.com"',
        },
    ),
    Gap(
        "aws_opensearch_domain_policy",
        "its domain is taken out (see aws_opensearch_domain), and moto refuses a policy for a"
        " domain it does not have",
    ),
    Gap(
        "aws_xray_sampling_rule",
        "moto's X-Ray has no sampling-rule API (CreateSamplingRule, GetSamplingRules)",
    ),
    Gap(
        "aws_db_instance_automated_backups_replication",
        "moto's RDS has no StartDBInstanceAutomatedBackupsReplication",
    ),
    Gap(
        "aws_db_parameter_group",
        "moto's DescribeDBParameters leaves out each parameter's Source, and the provider keeps"
        " only parameters whose Source it sees",
        attributes=("parameter",),
    ),
    Gap(
        "aws_ecs_service",
        "moto's CreateService ignores healthCheckGracePeriodSeconds, enableECSManagedTags and"
        " availabilityZoneRebalancing",
        attributes=(
            "health_check_grace_period_seconds",
            "enable_ecs_managed_tags",
            "availability_zone_rebalancing",
        ),
    ),
    Gap(
        "aws_db_instance",
        "moto ignores EnablePerformanceInsights and always reports it off",
        attributes=("performance_insights_enabled",),
    ),
    Gap(
        "aws_instance",
        "moto keeps the security groups of an instance launched with a network-interface"
        " specification (which the provider sends when associate_public_ip_address is set) on"
        " the interface only, and DescribeInstances shows none on the instance",
        attributes=("vpc_security_group_ids",),
    ),
    Gap(
        "aws_vpc_security_group_egress_rule",
        "moto drops the description of a rule whose peer is a security group",
        attributes=("description",),
    ),
    Gap(
        "aws_vpc_security_group_ingress_rule",
        "moto drops the description of a rule whose peer is a security group",
        attributes=("description",),
    ),
)


@dataclass
class Emulator:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def reset(self) -> None:
        request = urllib.request.Request(f"{self.url}/moto-api/reset", method="POST")
        with urllib.request.urlopen(request, timeout=30):
            pass

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def client(emulator: Emulator, service: str, arn: str) -> Any:
    """A client for `service` at the emulator, in the region `arn` names."""
    return boto3.client(
        service,
        region_name=arn.split(":")[3],
        endpoint_url=emulator.url,
        aws_access_key_id=credentials()["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=credentials()["AWS_SECRET_ACCESS_KEY"],
    )


def _lift_db_instance(emulator: Emulator, attributes: Mapping[str, Any]) -> None:
    client(emulator, "rds", attributes["arn"]).modify_db_instance(
        DBInstanceIdentifier=attributes["identifier"],
        DeletionProtection=False,
        ApplyImmediately=True,
    )


def _lift_load_balancer(emulator: Emulator, attributes: Mapping[str, Any]) -> None:
    client(emulator, "elbv2", attributes["arn"]).modify_load_balancer_attributes(
        LoadBalancerArn=attributes["arn"],
        Attributes=[{"Key": "deletion_protection.enabled", "Value": "false"}],
    )


# Resource type → how its deletion protection is turned off through the API, as a person does
# in the console before tearing an environment down. (Through Terraform it costs an apply and,
# for a database, the provider's minutes of waiting after ModifyDBInstance.)
LIFT_DELETION_PROTECTION: Mapping[str, Callable[[Emulator, Mapping[str, Any]], None]] = {
    "aws_db_instance": _lift_db_instance,
    "aws_lb": _lift_load_balancer,
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def start_emulator(log: Path) -> Emulator:
    port = free_port()
    with log.open("wb") as stream:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.emulator", "-H", HOST, "-p", str(port)],
            cwd=Path(__file__).resolve().parent.parent,
            stdout=stream,
            stderr=subprocess.STDOUT,
            env={**os.environ, **MOTO_SETTINGS},
            preexec_fn=die_with_parent,
        )
    emulator = Emulator(f"http://{HOST}:{port}", process, log)
    try:
        _wait_until_listening(emulator)
    except BaseException:
        emulator.stop()
        raise
    return emulator


def _wait_until_listening(emulator: Emulator) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if emulator.process.poll() is not None:
            raise RuntimeError(f"moto server exited: {emulator.log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{emulator.url}/moto-api/data.json", timeout=5):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise RuntimeError(f"moto server at {emulator.url} did not answer in {STARTUP_SECONDS} s")


def credentials() -> dict[str, str]:
    """Fake keys, and nothing that could lead the provider to real ones."""
    return {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    }


def without_aws_settings(environment: Mapping[str, str]) -> dict[str, str]:
    return {k: v for k, v in environment.items() if not k.startswith("AWS_")}


PROVIDER_BLOCK = re.compile(r'^provider "aws" \{\n(?P<body>.*?)^\}\n', re.M | re.S)
ALIAS = re.compile(r'^  alias\s*=\s*"(?P<alias>[^"]+)"', re.M)


def provider_aliases(root: Path) -> list[str | None]:
    """The alias of each `provider "aws"` block in `root` (None for the default one)."""
    aliases: list[str | None] = []
    for path in sorted(p for p in root.glob("*.tf") if not p.name.endswith("_override.tf")):
        for block in PROVIDER_BLOCK.finditer(path.read_text()):
            alias = ALIAS.search(block["body"])
            aliases.append(alias["alias"] if alias else None)
    return aliases


def provider_override(aliases: Iterable[str | None]) -> str:
    blocks = []
    for alias in aliases:
        alias_line = f'  alias = "{alias}"\n' if alias else ""
        blocks.append(
            'provider "aws" {\n'
            f"{alias_line}"
            "  skip_credentials_validation = true\n"
            "  skip_metadata_api_check     = true\n"
            "  s3_use_path_style           = true\n"
            "  max_retries                 = 4\n"
            "}\n"
        )
    return "\n".join(blocks)


def endpoint(emulator: Emulator) -> dict[str, str]:
    """Every AWS call of the provider goes to the emulator: the SDK's own AWS_ENDPOINT_URL, which
    leaves no service out. (An `endpoints` block listing the services does the same and costs
    the provider some 3.5 s of CPU each time Terraform validates its configuration.)"""
    return {"AWS_ENDPOINT_URL": emulator.url}


LOCAL_BACKEND = 'terraform {\n  backend "local" {\n    path = "terraform.tfstate"\n  }\n}\n'


def has_backend(root: Path) -> bool:
    return any(re.search(r'^\s*backend "', p.read_text(), re.M) for p in root.glob("*.tf"))


def write_override(root: Path) -> None:
    """Write the test-only override file that keeps `root`'s state local and its provider from
    looking for real credentials (`endpoint` sends its calls to the emulator)."""
    text = provider_override(provider_aliases(root))
    if has_backend(root):
        text = f"{LOCAL_BACKEND}\n{text}"
    (root / "emulator_override.tf").write_text(text, encoding="utf-8")


BLOCK = re.compile(r'^resource "(?P<type>[\w-]+)" "(?P<name>[\w-]+)" \{\n.*?^\}\n', re.M | re.S)


def resource_types(root: Path) -> set[str]:
    return {m["type"] for p in root.glob("*.tf") for m in BLOCK.finditer(p.read_text())}


DATA_BLOCK = re.compile(r'^data "(?P<type>[\w-]+)" "(?P<name>[\w-]+)" \{\n.*?^\}\n', re.M | re.S)


def take_out_gaps(root: Path, gaps: Iterable[Gap] = GAPS) -> list[str]:
    """Remove every block of a gap type from the .tf files in `root`, put the stand-ins where they
    were read, take out what only those blocks needed, and return the addresses removed."""
    by_type = {gap.resource_type: gap for gap in gaps if gap.taken_out}
    read_before = _read(root, _optional_blocks(root))
    removed: list[str] = []
    for path in sorted(root.glob("*.tf")):
        text = path.read_text(encoding="utf-8")
        found = [m for m in BLOCK.finditer(text) if m["type"] in by_type]
        for match in reversed(found):
            text = text[: match.start()] + text[match.end() :]
        path.write_text(text, encoding="utf-8")
        removed += [f"{m['type']}.{m['name']}" for m in found]
    for path in sorted(root.glob("*.tf")):
        path.write_text(_stand_in(path.read_text(encoding="utf-8"), removed, by_type))
    return sorted(removed + _take_out_orphans(root, read_before))


def _optional_blocks(root: Path) -> dict[str, tuple[Path, str]]:
    """The data sources (`data.<type>.<name>`) and aliased provider configurations
    (`aws.<alias>`) in `root`: address → the file and the text of its block."""
    found: dict[str, tuple[Path, str]] = {}
    for path in sorted(root.glob("*.tf")):
        text = path.read_text(encoding="utf-8")
        for data in DATA_BLOCK.finditer(text):
            found[f"data.{data['type']}.{data['name']}"] = (path, data.group(0))
        for provider in PROVIDER_BLOCK.finditer(text):
            if alias := ALIAS.search(provider["body"]):
                found[f"aws.{alias['alias']}"] = (path, provider.group(0))
    return found


def _read(root: Path, blocks: Mapping[str, tuple[Path, str]]) -> set[str]:
    """Those of `blocks` that something other than their own block reads."""
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(root.glob("*.tf")))
    return {
        address
        for address, (_, block) in blocks.items()
        if re.search(rf"\b{re.escape(address)}\b", text.replace(block, "", 1))
    }


def _take_out_orphans(root: Path, read_before: set[str]) -> list[str]:
    """A data source or provider alias read only by taken-out blocks would still be read or
    configured on its own, for nothing (and a second provider configuration keeps a root from
    sharing one warm provider), so it goes with them; and so on, until nothing is left orphaned.
    """
    taken: list[str] = []
    while True:
        blocks = _optional_blocks(root)
        orphans = sorted((blocks.keys() & read_before) - _read(root, blocks))
        if not orphans:
            return taken
        for address in orphans:
            path, block = blocks[address]
            path.write_text(path.read_text(encoding="utf-8").replace(block, "", 1))
        taken += orphans


def _stand_in(text: str, removed: Iterable[str], gaps: Mapping[str, Gap]) -> str:
    for address in removed:
        for attribute, value in gaps[address.split(".")[0]].stand_ins.items():
            text = re.sub(rf"\b{re.escape(address)}(\[[^\]]*\])?\.{attribute}\b", value, text)
    return text


def references(root: Path, addresses: Iterable[str]) -> list[str]:
    """Lines in `root` that still read one of `addresses`."""
    pattern = re.compile("|".join(rf"\b{re.escape(a)}\b" for a in addresses) or r"(?!)")
    return [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(root.glob("*.tf"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]


def _new_dbi_resource_id() -> str:
    return "db-" + base64.b32encode(os.urandom(20)).decode()[:26]


def give_each_db_instance_its_own_resource_id() -> None:
    """moto gives every DB instance, read replicas included, the same DbiResourceId, and the
    provider finds an instance by that id, so a second instance in one region (a read replica,
    another environment) makes both unreadable. AWS makes a new one for each instance."""
    from moto.rds.models import DBInstance, RDSBackend

    create = DBInstance.__init__

    def init(self: DBInstance, *args: Any, **kwargs: Any) -> None:
        create(self, *args, **kwargs)
        self.dbi_resource_id = _new_dbi_resource_id()

    replicate = RDSBackend.create_db_instance_read_replica

    def create_replica(self: RDSBackend, db_kwargs: dict[str, Any]) -> DBInstance:
        replica = replicate(self, db_kwargs)
        replica.dbi_resource_id = _new_dbi_resource_id()
        return replica

    DBInstance.__init__ = init  # type: ignore[method-assign]
    RDSBackend.create_db_instance_read_replica = create_replica  # type: ignore[method-assign]


def return_redrive_policies_as_set() -> None:
    """moto re-serialises a queue's RedrivePolicy with spaces after the separators; AWS returns
    the compact JSON it was given, and the provider shows the difference as a change."""
    from moto.sqs.models import Queue

    read = Queue.attributes.fget
    assert read is not None

    def attributes(self: Queue) -> dict[str, Any]:
        result: dict[str, Any] = read(self)
        if "RedrivePolicy" in result:
            result["RedrivePolicy"] = json.dumps(self.redrive_policy, separators=(",", ":"))
        return result

    Queue.attributes = property(attributes)  # type: ignore[method-assign,assignment]


def one_request_at_a_time() -> None:
    """moto's models are not safe for concurrent requests: a security group's rule list, for one,
    is rebuilt by every authorize and revoke, so rules added or removed at the same moment by
    Terraform's parallel walk get lost. Each request runs alone; moto's work per request is
    short, and it holds the GIL anyway."""
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    handle = DomainDispatcherApplication.__call__
    lock = threading.Lock()

    def serialised(self: DomainDispatcherApplication, environ: Any, start_response: Any) -> Any:
        with lock:
            return list(handle(self, environ, start_response))

    DomainDispatcherApplication.__call__ = serialised  # type: ignore[method-assign]


RETRY_ATTEMPT = re.compile(r"attempt=(?P<n>\d+)")
QUERY_ACTION = re.compile(rb"(?:^|&)Action=(?P<action>\w+)")
REMEMBERED_ANSWERS = 5000


def answer_retries_from_memory() -> None:
    """The SDK sends every attempt of one call with the same amz-sdk-invocation-id. Now and then,
    on a loaded machine, the provider's HTTP client loses the answer to a request the
    emulator has carried out, and sends it again: a delete then finds nothing to delete, a
    create a duplicate, and AWS's own answer to that (an error code the provider knows to
    ignore) is not always moto's. So a retried call that was answered with success gets that
    answer again, as a server that received the call once would give. Every retried request
    is written to the log, with which way it went."""
    from io import BytesIO

    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    handle = DomainDispatcherApplication.__call__
    answered: OrderedDict[str, tuple[str, list[tuple[str, str]], bytes]] = OrderedDict()

    def remembering(self: DomainDispatcherApplication, environ: Any, start_response: Any) -> Any:
        invocation = environ.get("HTTP_AMZ_SDK_INVOCATION_ID", "")
        attempt = RETRY_ATTEMPT.search(environ.get("HTTP_AMZ_SDK_REQUEST", ""))
        if attempt and int(attempt["n"]) > 1:
            body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
            environ["wsgi.input"] = BytesIO(body)
            action = QUERY_ACTION.search(body)
            target = environ.get("HTTP_X_AMZ_TARGET")
            asked = target or (action["action"].decode() if action else environ["PATH_INFO"])
            how = "answered again" if invocation in answered else "carried out"
            print(f"RETRIED attempt {attempt['n']}: {asked}: {how}", file=sys.stderr, flush=True)
            if invocation in answered:
                status, headers, content = answered[invocation]
                start_response(status, headers)
                return [content]
        given: list[tuple[str, list[tuple[str, str]]]] = []

        def keep(status: str, headers: list[tuple[str, str]], *exc_info: Any) -> Any:
            given.append((status, headers))
            return start_response(status, headers, *exc_info)

        content = b"".join(handle(self, environ, keep))
        if invocation and given and given[-1][0].startswith("2"):
            answered[invocation] = (*given[-1], content)
            while len(answered) > REMEMBERED_ANSWERS:
                answered.popitem(last=False)
        return [content]

    DomainDispatcherApplication.__call__ = remembering  # type: ignore[method-assign]


# Where moto does not do what AWS does and a few lines make it do so. They run in the server's
# process (see serve), so they hold for every request. Each of the first two wraps the request
# handler as it finds it, so the lock, applied last, also guards the remembered answers.
FIXES: tuple[Callable[[], None], ...] = (
    answer_retries_from_memory,
    one_request_at_a_time,
    give_each_db_instance_its_own_resource_id,
    return_redrive_policies_as_set,
)


def serve(argv: list[str]) -> None:
    """moto's server, with FIXES applied."""
    from moto.server import main

    for fix in FIXES:
        fix()
    main(argv)


if __name__ == "__main__":
    serve(sys.argv[1:])
