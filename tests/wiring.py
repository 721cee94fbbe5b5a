"""Wiring checks over what `stackwright build` writes: faults where every root is valid
Terraform and applies, yet the deployed system cannot work. A task whose execution role cannot
read the secrets its containers are given; a flow no security-group rule lets through; a task
subnet with no way to its registry; two environments claiming one AWS name; state kept in a
bucket the bootstrap root did not create.

Each check takes a Build (every root's files, parsed once) and the environments' Plans by
name, and returns readable problems, each starting with the file it is about. No problems:
the wiring holds. The checks read the emitted files; only the flow check also reads the Plan.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import hcl2
import yaml

from stackwright.plan.model import INTERNET, Plan
from stackwright.plan.resources import SecurityGroup
from tests.audit import code_text

Body = dict[str, Any]
ANYWHERE = "0.0.0.0/0"

# --- reading a build -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Block:
    """One resource or data block: where it is, its address, its parsed body."""

    file: str  # relative to terraform/, e.g. "prod/iam.tf"
    address: str  # "aws_iam_role.api" or "data.aws_iam_policy_document.api"
    body: Body

    @property
    def kind(self) -> str:
        return self.address.removeprefix("data.").split(".")[0]

    @property
    def where(self) -> str:
        return f"{self.file}: {self.address}"


def declared_blocks(document: Body) -> Iterator[tuple[str, Body]]:
    """(address, body) of each resource and data block of a parsed file."""
    for mode, prefix in (("resource", ""), ("data", "data.")):
        for entry in document.get(mode, []):
            for kind, instances in entry.items():
                for name, body in instances.items():
                    yield f"{prefix}{kind}.{name}", body


@dataclass
class Root:
    """One Terraform root: its parsed .tf files, every file's text, and an index of blocks."""

    name: str
    documents: dict[str, Body]  # file name inside the root → parsed
    texts: dict[str, str]  # file name inside the root → text (every file, .tf or not)
    blocks: dict[str, Block] = field(default_factory=dict)
    variables: dict[str, Any] = field(default_factory=dict)
    locals: dict[str, Any] = field(default_factory=dict)
    kinds: dict[str, list[Block]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        for file, document in sorted(self.documents.items()):
            for address, body in declared_blocks(document):
                block = Block(f"{self.name}/{file}", address, body)
                self.blocks[address] = block
                self.kinds[address.rsplit(".", 1)[0]].append(block)
            for entry in document.get("variable", []):
                for name, body in entry.items():
                    self.variables[name] = attr(body, "default")
            for entry in document.get("locals", []):
                self.locals.update({k: v[0] for k, v in entry.items() if isinstance(v, list)})

    def of_kind(self, kind: str) -> list[Block]:
        """The resources of a type (`aws_iam_role`), or data sources (`data.aws_...`)."""
        return self.kinds.get(kind, [])

    def get(self, address: str | None) -> Block | None:
        return self.blocks.get(address) if address else None

    def top(self, kind: str) -> list[tuple[str, Body]]:
        """Top-level blocks of `kind` (terraform, provider, output), with their files."""
        found = []
        for file, document in sorted(self.documents.items()):
            found += [(f"{self.name}/{file}", body) for body in document.get(kind, [])]
        return found

    def resolve(self, value: Any) -> Any:
        """A literal, or the default of the variable (or the local) it names."""
        ref = reference(value)
        if ref and ref.startswith("var."):
            return self.variables.get(ref[4:])
        if ref and ref.startswith("local."):
            return self.locals.get(ref[6:])
        return value

    def provider_region(self, alias: str | None = None) -> str | None:
        for _, entry in self.top("provider"):
            body = entry.get("aws")
            if isinstance(body, dict) and attr(body, "alias") == alias:
                region = self.resolve(attr(body, "region"))
                return region if isinstance(region, str) else None
        return None

    def region_of(self, block: Block) -> str | None:
        provider = reference(attr(block.body, "provider"))
        alias = provider.split(".", 1)[1] if provider and "." in provider else None
        return self.provider_region(alias)


@dataclass(frozen=True)
class Build:
    roots: dict[str, Root]

    @property
    def environments(self) -> list[Root]:
        return [root for name, root in sorted(self.roots.items()) if name != "bootstrap"]


def read_files(files: Mapping[str, str]) -> Build:
    """A build from its files: paths relative to the build folder (`terraform/prod/iam.tf`) or
    to its terraform/ folder (`prod/iam.tf`), each with its text."""
    texts: dict[str, dict[str, str]] = defaultdict(dict)
    for path, text in files.items():
        parts = Path(path).parts
        parts = parts[1:] if parts[0] == "terraform" else parts
        if ".terraform" not in parts and len(parts) > 1:
            texts[parts[0]]["/".join(parts[1:])] = text
    roots = {}
    for name, root_texts in texts.items():
        documents = {
            file: hcl2.loads(text) for file, text in root_texts.items() if file.endswith(".tf")
        }
        roots[name] = Root(name, documents, root_texts)
    return Build(roots)


def read_folder(out: Path) -> Build:
    """A build from the folder `stackwright build -o` wrote (or its terraform/ folder)."""
    folder = out / "terraform" if (out / "terraform").is_dir() else out
    return read_files(
        {
            str(path.relative_to(folder)): path.read_text(encoding="utf-8")
            for path in sorted(folder.rglob("*"))
            if path.is_file() and ".terraform" not in path.parts
        }
    )


# --- values as python-hcl2 gives them ---------------------------------------------------------

_REFERENCE = re.compile(r"\$\{((?:data\.)?[A-Za-z_][\w-]*(?:\.[\w-]+|\[\d+\])+)\}")
_ADDRESS = re.compile(r"(?<![\w.])(data\.[a-z]\w*\.[A-Za-z_][\w-]*|[a-z]\w*_\w*\.[A-Za-z_][\w-]*)")
_VARIABLE = re.compile(r"(?<![\w.])(var|local)\.([A-Za-z_][\w-]*)")


def attr(body: Body, name: str, default: Any = None) -> Any:
    """An attribute's value (python-hcl2 wraps each in a list)."""
    value = body.get(name)
    return value[0] if isinstance(value, list) and value else default


def nested(body: Body, name: str) -> list[Body]:
    """The blocks called `name` inside `body`."""
    value = body.get(name)
    return [b for b in value if isinstance(b, dict)] if isinstance(value, list) else []


def reference(value: Any) -> str | None:
    """`aws_iam_role.api.arn` when `value` is exactly `${aws_iam_role.api.arn}`."""
    match = _REFERENCE.fullmatch(value) if isinstance(value, str) else None
    return match.group(1) if match else None


def canonical(value: str) -> str:
    """`value` with each plain reference unwrapped: `${aws_s3_bucket.x.arn}/*` becomes
    `aws_s3_bucket.x.arn/*`, so a policy's resource and what is read compare as text."""
    return _REFERENCE.sub(lambda m: m.group(1), value)


def address_of(ref: str | None) -> str | None:
    """The block a reference is into: `aws_db_instance.main.master_user_secret[0].secret_arn`
    is into `aws_db_instance.main`."""
    if not ref:
        return None
    parts = ref.split(".")
    size = 3 if parts[0] == "data" else 2
    if len(parts) < size:
        return None
    return ".".join([*parts[: size - 1], parts[size - 1].split("[")[0]])


def ref_address(value: Any) -> str | None:
    return address_of(reference(value))


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if not key.startswith("__"):
                yield from strings(item)


def addresses_in(value: Any, kind: str) -> list[str]:
    """The addresses of blocks of `kind` that `value` refers to anywhere inside it."""
    found = []
    for text in strings(value):
        found += re.findall(rf"(?<![\w.])({kind}\.[A-Za-z_][\w-]*)", text)
    return sorted(set(found))


def decoded(value: Any) -> Any:
    """The argument of a `jsonencode(...)`, as data (python-hcl2 writes it as a literal)."""
    if isinstance(value, str) and value.startswith("${jsonencode(") and value.endswith(")}"):
        try:
            return ast.literal_eval(value[len("${jsonencode(") : -2])
        except (ValueError, SyntaxError):
            return None
    return None


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


# --- IAM: what a role is allowed ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Grant:
    """One policy statement given to a role."""

    allow: bool
    actions: tuple[str, ...]
    resources: tuple[str, ...]  # canonical: references unwrapped
    origin: str  # the file and block, or the managed policy's ARN
    managed: bool = False  # an AWS-managed policy: modelled, never judged

    def covers(self, action: str, resource: str) -> bool:
        return any(fnmatchcase(action.lower(), a.lower()) for a in self.actions) and any(
            r == resource or ("*" in r and fnmatchcase(resource, r.replace("[", "[[]")))
            for r in self.resources
        )


_MANAGED = "arn:aws:iam::aws:policy/"
_ECR_PULL: tuple[str, ...] = ("ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability")
_ECR_PULL += ("ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage")
# The AWS-managed policies the emitter attaches, as far as these checks need them (their
# statements as AWS publishes them, trimmed to the actions judged here).
MANAGED_POLICIES: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]] = {
    f"{_MANAGED}service-role/AmazonECSTaskExecutionRolePolicy": (
        ((*_ECR_PULL, "logs:CreateLogStream", "logs:PutLogEvents"), ("*",)),
    ),
    f"{_MANAGED}AmazonSSMManagedInstanceCore": (
        (("ssm:GetParameter", "ssm:GetParameters", "ssm:UpdateInstanceInformation"), ("*",)),
    ),
    f"{_MANAGED}CloudWatchAgentServerPolicy": (
        (("logs:CreateLogStream", "logs:PutLogEvents", "logs:CreateLogGroup"), ("*",)),
        (("ssm:GetParameter",), ("arn:aws:ssm:*:*:parameter/AmazonCloudWatch-*",)),
    ),
    f"{_MANAGED}AmazonEC2ContainerRegistryReadOnly": ((_ECR_PULL, ("*",)),),
}


def _statements(root: Root, policy: Any) -> list[tuple[bool, list[str], list[str]]]:
    """(allow, actions, resources) of each statement of a policy given as a policy document's
    `.json` or as a `jsonencode(...)`."""
    document = root.get(ref_address(policy))
    if document is not None and document.kind == "aws_iam_policy_document":
        return [
            (
                attr(s, "effect", "Allow") == "Allow",
                as_list(attr(s, "actions")),
                as_list(attr(s, "resources")),
            )
            for s in nested(document.body, "statement")
        ]
    data = decoded(policy)
    statements = as_list(data.get("Statement")) if isinstance(data, dict) else []
    return [
        (s.get("Effect") == "Allow", as_list(s.get("Action")), as_list(s.get("Resource")))
        for s in statements
        if isinstance(s, dict)
    ]


def _grants(root: Root, policy: Any, origin: str) -> list[Grant]:
    return [
        Grant(allow, tuple(map(str, actions)), tuple(canonical(str(r)) for r in resources), origin)
        for allow, actions, resources in _statements(root, policy)
    ]


def _managed(arn: str) -> list[Grant]:
    return [
        Grant(True, actions, resources, arn.removeprefix(_MANAGED), managed=True)
        for actions, resources in MANAGED_POLICIES.get(arn, ())
    ]


def _role_address(root: Root, value: Any) -> str | None:
    """The role a policy is given to: a reference to it, or its name."""
    address = ref_address(value)
    if address:
        return address
    named = [r.address for r in root.of_kind("aws_iam_role") if attr(r.body, "name") == value]
    return named[0] if named else None


def role_grants(root: Root) -> dict[str, list[Grant]]:
    """Role address → every statement given to it: inline, attached, or in the role itself."""
    grants: dict[str, list[Grant]] = defaultdict(list)
    for block in root.of_kind("aws_iam_role_policy"):
        role = _role_address(root, attr(block.body, "role"))
        grants[role or "?"] += _grants(root, attr(block.body, "policy"), block.where)
    for block in root.of_kind("aws_iam_role_policy_attachment"):
        role = _role_address(root, attr(block.body, "role"))
        arn = attr(block.body, "policy_arn")
        policy = root.get(ref_address(arn))
        grants[role or "?"] += (
            _grants(root, attr(policy.body, "policy"), policy.where)
            if policy is not None
            else _managed(str(arn))
        )
    for block in root.of_kind("aws_iam_role"):
        for inline in nested(block.body, "inline_policy"):
            grants[block.address] += _grants(root, attr(inline, "policy"), block.where)
        for arn in as_list(attr(block.body, "managed_policy_arns")):
            grants[block.address] += _managed(str(arn))
    return grants


def allows(grants: Iterable[Grant], action: str, resource: str) -> bool:
    grants = list(grants)
    return any(g.allow and g.covers(action, resource) for g in grants) and not any(
        not g.allow and g.covers(action, resource) for g in grants
    )


@dataclass(frozen=True, slots=True)
class Need:
    """An AWS call something run with a role makes: what it calls, on what, and why."""

    action: str
    resource: str  # canonical
    why: str  # "container api reads secret aws_ssm_parameter.key.arn"
    where: str  # the file and block that make the call


# The calls that read a secret's value: least privilege is judged on these.
SECRET_READS = (
    "secretsmanager:GetSecretValue",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
)


def reads_secrets(action: str) -> bool:
    """Whether a granted action (perhaps a wildcard) lets its holder read secret values."""
    return any(fnmatchcase(read.lower(), action.lower()) for read in SECRET_READS)


def _unmet(role: str, grants: list[Grant], needs: Iterable[Need], what: str) -> list[str]:
    return [
        f"{need.where}: {need.why}, which {what} {role} is not allowed ({need.action})"
        for need in needs
        if not allows(grants, need.action, need.resource)
    ]


def _excess(role: str, grants: list[Grant], needs: Iterable[Need]) -> list[str]:
    """Secret reads the stack's own policies give `role` that nothing run with it makes."""
    needed = {(n.action.lower(), n.resource) for n in needs}
    problems = []
    for grant in grants:
        if grant.managed or not grant.allow:
            continue
        for action in grant.actions:
            if not reads_secrets(action):
                continue
            for resource in grant.resources:
                if (action.lower(), resource) not in needed:
                    problems.append(
                        f"{grant.origin}: gives {role} {action} on {resource}, "
                        "which nothing run with it reads"
                    )
    return problems


# --- 1. secrets: ECS execution roles and the phase-1 host's role -----------------------------


def containers(task: Block) -> list[Body] | None:
    """A task definition's containers, or None when they cannot be read."""
    data = decoded(attr(task.body, "container_definitions"))
    if isinstance(data, list) and all(isinstance(c, dict) for c in data):
        return data
    return None


def secret_source(value_from: str) -> str:
    """What a `valueFrom` reads: the secret or parameter ARN, without a `:json-key::` tail."""
    if value_from.startswith("${"):
        end = value_from.find("}")
        return canonical(value_from[: end + 1])
    if value_from.startswith("arn:aws:secretsmanager:"):
        return ":".join(value_from.split(":")[:7])
    return value_from


def read_action(source: str) -> str:
    """The call ECS makes for a `valueFrom`: Secrets Manager's for a secret (RDS keeps its
    managed password in one), Parameter Store's for anything else."""
    if "secretsmanager" in source or "master_user_secret" in source:
        return "secretsmanager:GetSecretValue"
    return "ssm:GetParameters"


def _ecr_repository(image: Any) -> str | None:
    match = re.search(r"(?<![\w.])(aws_ecr_repository\.[\w-]+)\.repository_url", str(image))
    return match.group(1) if match else None


def task_needs(task: Block, container: Body) -> list[Need]:
    """What the execution role does for one container: read its secrets, pull its image from
    this root's registry, write its logs."""
    name = container.get("name")
    needs = []
    for secret in as_list(container.get("secrets")):
        source = secret_source(str(secret.get("valueFrom", "")))
        why = f"container {name} reads secret {source}"
        needs.append(Need(read_action(source), source, why, task.where))
    credentials = (container.get("repositoryCredentials") or {}).get("credentialsParameter")
    if credentials:
        source = secret_source(str(credentials))
        why = f"container {name} logs in to its registry with {source}"
        needs.append(Need("secretsmanager:GetSecretValue", source, why, task.where))
    repository = _ecr_repository(container.get("image"))
    if repository:
        why = f"container {name} pulls its image from {repository}"
        needs += [Need(a, f"{repository}.arn", why, task.where) for a in _ECR_PULL[1:]]
        needs.append(Need(_ECR_PULL[0], "*", why, task.where))
    log = container.get("logConfiguration") or {}
    group = address_of(reference((log.get("options") or {}).get("awslogs-group")))
    if log.get("logDriver") == "awslogs" and group:
        why = f"container {name} writes its logs to {group}"
        needs += [
            Need(a, f"{group}.arn", why, task.where)
            for a in ("logs:CreateLogStream", "logs:PutLogEvents")
        ]
    return needs


Needs = dict[str, list[Need]]  # role address → what is done with it


def execution_needs(root: Root) -> tuple[Needs, list[str]]:
    """What each execution role does for the containers of the tasks it runs."""
    needs_of: Needs = defaultdict(list)
    problems = []
    for task in root.of_kind("aws_ecs_task_definition"):
        found = containers(task)
        if found is None:
            problems.append(f"{task.where}: its container definitions cannot be read")
            continue
        needs = [need for container in found for need in task_needs(task, container)]
        role = ref_address(attr(task.body, "execution_role_arn"))
        if role is None or root.get(role) is None:
            if needs:
                problems.append(f"{task.where}: has no execution role in this root to run it")
            continue
        needs_of[role] += needs
    return needs_of, problems


def _host_role(root: Root, host: Block) -> str | None:
    profile = root.get(ref_address(attr(host.body, "iam_instance_profile")))
    return ref_address(attr(profile.body, "role")) if profile else None


def host_actions(script: str | None) -> dict[str, list[str]]:
    """Service → the IAM actions of the `aws` calls the host's fetch script makes (without the
    script: the calls it has always made)."""
    if script is None:
        script = "aws ssm get-parameter; aws secretsmanager get-secret-value"
    actions: dict[str, list[str]] = defaultdict(list)
    for service, command in re.findall(r"\baws (ssm|secretsmanager) ([a-z-]+)", script):
        action = f"{service}:{command.title().replace('-', '')}"
        if action not in actions[service]:
            actions[service].append(action)
    return actions


STORE_SERVICES = {"parameter-store": "ssm", "secrets-manager": "secretsmanager"}
STORE_KINDS = {"ssm": "aws_ssm_parameter", "secretsmanager": "aws_secretsmanager_secret"}


def host_needs(root: Root, host: Block) -> tuple[list[Need], list[str]]:
    """The secrets the host's scripts read (secrets.tsv, and the settings' `*_secret_arn`),
    with the problems of a secret the root does not create."""
    actions = host_actions(root.texts.get("host/fetch-secrets.sh"))
    table = f"{root.name}/host/secrets.tsv"
    needs, problems = [], []
    for line in root.texts.get("host/secrets.tsv", "").splitlines():
        service, variable, store, name = [*line.split("\t"), "", "", "", ""][:4]
        if store == "database":  # the settings' database_secret_arn, checked below
            if "database_secret_arn" not in " ".join(strings(attr(host.body, "user_data"))):
                problems.append(f"{table}: {service} reads {variable}, and no database secret")
            continue
        kind = STORE_KINDS.get(STORE_SERVICES.get(store, ""), "")
        made = [b for b in root.of_kind(kind) if attr(b.body, "name") == name]
        if not made:
            problems.append(
                f"{table}: {service} reads {variable} from {store} {name!r}, "
                "which this root does not create"
            )
            continue
        source = f"{made[0].address}.arn"
        why = f"{service} reads {variable} from {source}"
        needs += [Need(a, source, why, table) for a in actions[STORE_SERVICES[store]]]
    settings = " ".join(strings(attr(host.body, "user_data")))
    for key, expression in re.findall(r"(\w+_secret_arn)\W+\$\{([^{}]+)\}", settings):
        why = f"settings.json {key} names {expression}"
        needs += [Need(a, expression, why, host.where) for a in actions["secretsmanager"]]
    return needs, problems


def compose_services(root: Root) -> dict[str, Body]:
    text = root.texts.get("host/compose.yaml")
    services = (yaml.safe_load(text) or {}).get("services") if text else None
    return services if isinstance(services, dict) else {}


def _named(root: Root, kind: str, name: Any) -> Block | None:
    return next((b for b in root.of_kind(kind) if attr(b.body, "name") == name), None)


def compose_needs(root: Root) -> list[Need]:
    """What the host's Docker does with its role: pull each image from this root's registry,
    write each container's logs."""
    needs, where = [], f"{root.name}/host/compose.yaml"
    for name, service in compose_services(root).items():
        match = re.fullmatch(r"\$\{REGISTRY\}/(.+):\$\{TAG\}", str(service.get("image", "")))
        repository = _named(root, "aws_ecr_repository", match.group(1)) if match else None
        if repository is not None:
            why = f"{name} pulls its image from {repository.address}"
            needs += [Need(a, f"{repository.address}.arn", why, where) for a in _ECR_PULL[1:]]
            needs.append(Need(_ECR_PULL[0], "*", why, where))
        options = (service.get("logging") or {}).get("options") or {}
        group = _named(root, "aws_cloudwatch_log_group", options.get("awslogs-group"))
        if group is not None:
            why = f"{name} writes its logs to {group.address}"
            needs += [
                Need(a, f"{group.address}.arn", why, where)
                for a in ("logs:CreateLogStream", "logs:PutLogEvents")
            ]
    return needs


def host_role_needs(root: Root) -> tuple[Needs, list[str]]:
    """What the host does with its role: read its secrets, pull its images, write its logs."""
    needs_of: Needs = defaultdict(list)
    problems = []
    for host in root.of_kind("aws_instance"):
        needs, missing = host_needs(root, host)
        role = _host_role(root, host)
        if role is None:
            problems.append(f"{host.where}: has no instance profile with a role in this root")
            continue
        problems += missing
        needs_of[role] += needs + compose_needs(root)
    return needs_of, problems


def secret_problems(build: Build) -> list[str]:
    """Each secret a task or the host reads is granted to the role that reads it, with the
    action the reader uses; and no role is given a secret that nothing run with it reads."""
    problems = []
    for root in build.environments:
        grants = role_grants(root)
        tasks, task_problems = execution_needs(root)
        hosts, host_problems = host_role_needs(root)
        problems += task_problems + host_problems
        for role, needs in sorted(tasks.items()):
            problems += _unmet(role, grants[role], needs, "execution role")
        for role, needs in sorted(hosts.items()):
            problems += _unmet(role, grants[role], needs, "host role")
        for role in sorted(grants):
            problems += _excess(role, grants[role], tasks.get(role, []) + hosts.get(role, []))
    return problems


# --- 2. flows and security groups ------------------------------------------------------------

# Which Terraform block deploys a plan resource, by its type: a fixed label, or its name.
DEPLOYED_AS = {
    "load_balancer": ("aws_lb", "main"),
    "database": ("aws_db_instance", "main"),
    "cache": ("aws_elasticache_replication_group", "main"),
    "search_domain": ("aws_opensearch_domain", "main"),
    "ecs_service": ("aws_ecs_service", None),
    "scheduled_task": ("aws_scheduler_schedule", None),
    "ec2_host": ("aws_instance", None),
}


def label(name: str) -> str:
    """A Terraform label from a plan name, as the emitter makes it."""
    return name.replace("-", "_").replace(".", "_")


def deployed_as(resource_id: str) -> str | None:
    kind, name = resource_id.split(".", 1)
    kind_and_label = DEPLOYED_AS.get(kind)
    if kind_and_label is None:
        return None
    return f"{kind_and_label[0]}.{kind_and_label[1] or label(name)}"


@dataclass(frozen=True, slots=True)
class Rule:
    where: str
    group: str  # the security group's address
    direction: str  # ingress | egress
    peer: str  # a security group's address, or a CIDR block
    from_port: int
    to_port: int
    protocol: str

    def lets(self, direction: str, group: str, peer: str, port: int) -> bool:
        return (
            (self.direction, self.group, self.peer) == (direction, group, peer)
            and self.protocol in ("tcp", "6", "-1", "all")
            and self.from_port <= port <= self.to_port
        )

    @property
    def exact(self) -> bool:
        return self.protocol in ("tcp", "6") and self.from_port == self.to_port


def _port(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def _rule(where: str, group: str | None, direction: str, body: Body, peer_key: str) -> Rule:
    peer = ref_address(attr(body, peer_key)) or str(attr(body, "cidr_ipv4", ""))
    return Rule(
        where,
        group or "?",
        direction,
        peer,
        _port(attr(body, "from_port")),
        _port(attr(body, "to_port")),
        str(attr(body, "ip_protocol", attr(body, "protocol", ""))),
    )


def security_rules(root: Root) -> list[Rule]:
    """Every rule on every security group, however it is written."""
    rules = []
    for direction in ("ingress", "egress"):
        for block in root.of_kind(f"aws_vpc_security_group_{direction}_rule"):
            group = ref_address(attr(block.body, "security_group_id"))
            rules.append(
                _rule(block.where, group, direction, block.body, "referenced_security_group_id")
            )
    for block in root.of_kind("aws_security_group_rule"):
        body = dict(block.body)
        peers = as_list(attr(body, "cidr_blocks")) or [None]
        for cidr in peers:
            body["cidr_ipv4"] = [cidr] if cidr else [""]
            group = ref_address(attr(body, "security_group_id"))
            rules.append(
                _rule(block.where, group, str(attr(body, "type")), body, "source_security_group_id")
            )
    for block in root.of_kind("aws_security_group") + root.of_kind("aws_default_security_group"):
        for direction in ("ingress", "egress"):
            for inline in nested(block.body, direction):
                peers = as_list(attr(inline, "security_groups")) + as_list(
                    attr(inline, "cidr_blocks")
                )
                for peer in peers:
                    body = {**inline, "cidr_ipv4": [peer], "peer": [peer]}
                    rules.append(_rule(block.where, block.address, direction, body, "peer"))
    return rules


def _groups(plan: Plan) -> dict[str, str]:
    """Plan resource id → the address of the security group the plan gives it."""
    return {g.owner: f"aws_security_group.{label(g.name)}" for g in plan.of_type(SecurityGroup)}


def attachment_problems(root: Root, groups: Mapping[str, str]) -> list[str]:
    """Each plan resource's security group is the one its Terraform block is given."""
    problems = []
    for owner, group in sorted(groups.items()):
        address = deployed_as(owner)
        block = root.get(address)
        if block is None:
            problems.append(f"{root.name}: {owner} has a security group but no {address}")
        elif group not in addresses_in(block.body, "aws_security_group"):
            problems.append(f"{block.where}: is not in {group}, the group of {owner}")
    return problems


def _side(groups: Mapping[str, str], end: str) -> str | None:
    return ANYWHERE if end == INTERNET else groups.get(end)


def flow_problems(build: Build, plans: Mapping[str, Plan]) -> list[str]:
    """Each flow with a port has its ingress rule on the target's group and its egress rule on
    the source's; each rule is one side of a flow."""
    problems = []
    for root in build.environments:
        plan = plans.get(root.name)
        if plan is None:
            problems.append(f"{root.name}: no plan for this environment")
            continue
        groups = _groups(plan)
        rules = security_rules(root)
        problems += attachment_problems(root, groups)
        problems += _unmet_flows(root, plan, groups, rules) + _stray_rules(plan, groups, rules)
    return problems


def _unmet_flows(root: Root, plan: Plan, groups: Mapping[str, str], rules: list[Rule]) -> list[str]:
    problems = []
    where = f"{root.name}/network.tf"
    for flow in plan.flows:
        if flow.port is None:
            continue
        source, target = _side(groups, flow.source), _side(groups, flow.target)
        for end, group in ((flow.source, source), (flow.target, target)):
            if group is None:
                problems.append(f"{where}: flow {flow.id}: {end} has no security group")
        if source is None or target is None:
            continue
        for direction, group, peer in (("ingress", target, source), ("egress", source, target)):
            if group == ANYWHERE:
                continue
            if not any(r.lets(direction, group, peer, flow.port) for r in rules):
                problems.append(
                    f"{where}: flow {flow.id}: no {direction} rule on {group} "
                    f"{'from' if direction == 'ingress' else 'to'} {peer} on port {flow.port}"
                )
    return problems


def _stray_rules(plan: Plan, groups: Mapping[str, str], rules: list[Rule]) -> list[str]:
    sides = set()
    for flow in plan.flows:
        source, target = _side(groups, flow.source), _side(groups, flow.target)
        if flow.port is not None and source and target:
            sides.add(("ingress", target, source, flow.port))
            sides.add(("egress", source, target, flow.port))
    return [
        f"{rule.where}: lets {rule.protocol} {rule.from_port}-{rule.to_port} {rule.direction} "
        f"on {rule.group} {'from' if rule.direction == 'ingress' else 'to'} {rule.peer}, "
        "which no flow needs"
        for rule in rules
        if not (rule.exact and (rule.direction, rule.group, rule.peer, rule.from_port) in sides)
    ]


# --- 3. routes from task subnets to the AWS services a task needs ----------------------------

SERVICE_NAMES = {
    "ecr.api": "ECR API (ecr.api)",
    "ecr.dkr": "ECR registry (ecr.dkr)",
    "s3": "S3 image layers (s3)",
    "logs": "CloudWatch Logs (logs)",
    "secretsmanager": "Secrets Manager (secretsmanager)",
    "ssm": "Parameter Store (ssm)",
    "internet": "a registry outside AWS",
}


@dataclass(frozen=True, slots=True)
class TaskRun:
    """Where a task runs: the block that starts it, its task definition, its network."""

    block: Block
    task: str | None
    subnets: list[str]
    public_ip: bool


def task_runs(root: Root) -> list[TaskRun]:
    runs = []
    for service in root.of_kind("aws_ecs_service"):
        network = (nested(service.body, "network_configuration") or [{}])[0]
        runs.append(_run(service, attr(service.body, "task_definition"), network))
    for schedule in root.of_kind("aws_scheduler_schedule"):
        for target in nested(schedule.body, "target"):
            for ecs in nested(target, "ecs_parameters"):
                network = (nested(ecs, "network_configuration") or [{}])[0]
                runs.append(_run(schedule, attr(ecs, "task_definition_arn"), network))
    return runs


def _run(block: Block, task: Any, network: Body) -> TaskRun:
    subnets = [a for a in map(ref_address, as_list(attr(network, "subnets"))) if a]
    return TaskRun(block, ref_address(task), subnets, attr(network, "assign_public_ip") is True)


def services_needed(root: Root, task: Block | None) -> set[str]:
    """The AWS services (VPC endpoint names) a task reaches before its app starts."""
    needed: set[str] = set()
    for container in (containers(task) if task else None) or []:
        image = container.get("image")
        if _ecr_repository(image) or re.match(r"\d{12}\.dkr\.ecr\.", str(image)):
            needed |= {"ecr.api", "ecr.dkr", "s3"}
        else:
            needed.add("internet")
        if (container.get("logConfiguration") or {}).get("logDriver") == "awslogs":
            needed.add("logs")
        for secret in as_list(container.get("secrets")):
            action = read_action(secret_source(str(secret.get("valueFrom", ""))))
            needed.add(action.split(":")[0])
    return needed


def route_table_of(root: Root, subnet: str) -> str | None:
    for association in root.of_kind("aws_route_table_association"):
        if ref_address(attr(association.body, "subnet_id")) == subnet:
            return ref_address(attr(association.body, "route_table_id"))
    for main in root.of_kind("aws_main_route_table_association"):
        return ref_address(attr(main.body, "route_table_id"))
    return None


def default_routes(root: Root, table: str | None) -> list[str]:
    """Where a route table sends 0.0.0.0/0: the addresses of the gateways."""
    block = root.get(table)
    routes = nested(block.body, "route") if block else []
    routes += [
        r.body
        for r in root.of_kind("aws_route")
        if ref_address(attr(r.body, "route_table_id")) == table
    ]
    found = []
    for route in routes:
        if attr(route, "cidr_block", attr(route, "destination_cidr_block")) == ANYWHERE:
            for key in ("gateway_id", "nat_gateway_id"):
                if ref_address(attr(route, key)):
                    found.append(str(ref_address(attr(route, key))))
    return found


def has_internet_gateway(root: Root, subnet: str) -> bool:
    """Whether a subnet's default route goes to an internet gateway (in and out)."""
    return any(
        gateway.startswith("aws_internet_gateway.") and root.get(gateway) is not None
        for gateway in default_routes(root, route_table_of(root, subnet))
    )


def reaches_internet(root: Root, subnet: str, public_ip: bool) -> bool:
    """A public IP and an internet gateway route, or a route to a public NAT gateway that sits
    in a subnet with an internet gateway route."""
    if public_ip and has_internet_gateway(root, subnet):
        return True
    for gateway in default_routes(root, route_table_of(root, subnet)):
        nat = root.get(gateway)
        if nat is None or nat.kind != "aws_nat_gateway":
            continue
        home = ref_address(attr(nat.body, "subnet_id"))
        public = attr(nat.body, "connectivity_type", "public") == "public"
        if home and public and has_internet_gateway(root, home):
            return True
    return False


def has_endpoint(root: Root, subnet: str, service: str) -> bool:
    table = route_table_of(root, subnet)
    for endpoint in root.of_kind("aws_vpc_endpoint"):
        if not str(attr(endpoint.body, "service_name", "")).endswith(f".{service}"):
            continue
        if attr(endpoint.body, "vpc_endpoint_type", "Gateway") == "Gateway":
            tables = [ref_address(t) for t in as_list(attr(endpoint.body, "route_table_ids"))]
            if table in tables:
                return True
        elif attr(endpoint.body, "private_dns_enabled") is True:
            return True
    return False


def route_problems(build: Build) -> list[str]:
    """Each task's subnets reach ECR, CloudWatch Logs and its secret stores (through a NAT
    gateway, a public IP with an internet gateway, or VPC endpoints); the host and an
    internet-facing load balancer reach the internet."""
    problems = []
    for root in build.environments:
        for run in task_runs(root):
            needed = services_needed(root, root.get(run.task))
            for subnet in run.subnets:
                if reaches_internet(root, subnet, run.public_ip):
                    continue
                missing = [s for s in SERVICE_NAMES if s in needed]
                missing = [s for s in missing if not has_endpoint(root, subnet, s)]
                if missing:
                    names = ", ".join(SERVICE_NAMES[s] for s in missing)
                    problems.append(
                        f"{run.block.where}: tasks in {subnet} cannot reach {names}: no NAT "
                        "gateway route, no public IP with an internet gateway route, no VPC "
                        "endpoint"
                    )
        problems += host_route_problems(root) + balancer_route_problems(root)
    return problems


def balancer_route_problems(root: Root) -> list[str]:
    """An internet-facing load balancer's subnets route to an internet gateway."""
    problems = []
    for balancer in root.of_kind("aws_lb"):
        if attr(balancer.body, "internal") is True:
            continue
        for subnet in map(ref_address, as_list(attr(balancer.body, "subnets"))):
            if subnet and not has_internet_gateway(root, subnet):
                problems.append(
                    f"{balancer.where}: is internet-facing, but {subnet} has no route to an "
                    "internet gateway"
                )
    return problems


def _public_ip(root: Root, host: Block, subnet: str) -> bool:
    if attr(host.body, "associate_public_ip_address") is True:
        return True
    if any(ref_address(attr(e.body, "instance")) == host.address for e in root.of_kind("aws_eip")):
        return True
    block = root.get(subnet)
    return block is not None and attr(block.body, "map_public_ip_on_launch") is True


def host_route_problems(root: Root) -> list[str]:
    problems = []
    for host in root.of_kind("aws_instance"):
        subnet = ref_address(attr(host.body, "subnet_id"))
        if subnet is None or not reaches_internet(root, subnet, _public_ip(root, host, subnet)):
            problems.append(
                f"{host.where}: cannot reach AWS or its users from {subnet}: no public IP "
                "with an internet gateway route, and no NAT gateway route"
            )
    return problems


# --- 4. AWS names: within limits, and unique where AWS needs them unique ---------------------


@dataclass(frozen=True, slots=True)
class NameRule:
    attribute: str
    limit: int
    scope: str  # region: one per account and region; account: one per account; global: one
    pattern: str = r"[\x21-\x7e]+"


_DNS_LIKE = r"[a-z](?:-?[a-z0-9])*"
_IAM = r"[\w+=,.@-]+"
# From each API's reference: the attribute holding the name, its limit, where it must be
# unique, and the characters it may hold.
NAME_RULES: dict[str, NameRule] = {
    "aws_s3_bucket": NameRule("bucket", 63, "global", r"[a-z0-9](?:[a-z0-9-]|\.(?!\.))+[a-z0-9]"),
    "aws_iam_role": NameRule("name", 64, "account", _IAM),
    "aws_iam_instance_profile": NameRule("name", 128, "account", _IAM),
    "aws_iam_policy": NameRule("name", 128, "account", _IAM),
    "aws_budgets_budget": NameRule("name", 100, "account", r"[^:\\]+"),
    "aws_lb": NameRule("name", 32, "region", r"(?!internal-)[A-Za-z0-9](?:-?[A-Za-z0-9])*"),
    "aws_lb_target_group": NameRule("name", 32, "region", r"[A-Za-z0-9](?:-?[A-Za-z0-9])*"),
    "aws_db_instance": NameRule("identifier", 63, "region", _DNS_LIKE),
    "aws_db_subnet_group": NameRule("name", 255, "region", r"[a-z0-9 ._-]+"),
    "aws_elasticache_replication_group": NameRule("replication_group_id", 40, "region", _DNS_LIKE),
    "aws_elasticache_subnet_group": NameRule("name", 255, "region", r"[a-z0-9-]+"),
    "aws_elasticache_parameter_group": NameRule("name", 255, "region", r"[a-z0-9-]+"),
    "aws_opensearch_domain": NameRule("domain_name", 28, "region", r"[a-z][a-z0-9-]{2,}"),
    "aws_sqs_queue": NameRule("name", 80, "region", r"[A-Za-z0-9_-]+(?:\.fifo)?"),
    "aws_sns_topic": NameRule("name", 256, "region", r"[A-Za-z0-9_-]+(?:\.fifo)?"),
    "aws_ecr_repository": NameRule(
        "name", 256, "region", r"(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*"
    ),
    "aws_ecs_cluster": NameRule("name", 255, "region", r"[A-Za-z0-9_-]+"),
    "aws_ecs_task_definition": NameRule("family", 255, "region", r"[A-Za-z0-9_-]+"),
    "aws_cloudwatch_log_group": NameRule("name", 512, "region", r"[\w./#-]+"),
    "aws_cloudwatch_metric_alarm": NameRule("alarm_name", 255, "region"),
    "aws_cloudwatch_dashboard": NameRule("dashboard_name", 255, "region", r"[\w-]+"),
    "aws_secretsmanager_secret": NameRule("name", 512, "region", r"[\w/+=.@-]+"),
    "aws_ssm_parameter": NameRule("name", 2048, "region", r"(?!/?(?i:aws|ssm))[\w./-]+"),
    "aws_scheduler_schedule": NameRule("name", 64, "region", r"[\w.-]+"),
    "aws_service_discovery_http_namespace": NameRule("name", 1024, "region", r"[\w.-]+"),
    "aws_wafv2_web_acl": NameRule("name", 128, "region", r"[\w-]+"),
    "aws_xray_sampling_rule": NameRule("rule_name", 32, "region"),
}


SCOPES = {
    "global": "in every account",
    "account": "in the account",
    "region": "in the account's region {region}",
}


def name_problems(build: Build) -> list[str]:
    """Every AWS name within its limit and of its characters, and unique across every
    environment of the stack where AWS needs it unique: per account and region, per account
    (IAM, budgets), or everywhere (S3 buckets)."""
    problems = []
    claimed: dict[tuple[str, str, str], Block] = {}
    for root in sorted(build.roots.values(), key=lambda r: r.name):
        for block in root.blocks.values():
            rule = NAME_RULES.get(block.kind)
            if rule is None or block.address.startswith("data."):
                continue
            name = attr(block.body, rule.attribute)
            if not isinstance(name, str) or "${" in name:
                continue
            problems += _name_shape(block, rule, name)
            scope = SCOPES[rule.scope].format(region=root.region_of(block))
            other = claimed.setdefault((scope, block.kind, name), block)
            if other is not block:
                problems.append(
                    f"{block.where}: {rule.attribute} {name!r} is also {other.where}'s, "
                    f"and must be unique {scope}"
                )
    return problems


def _name_shape(block: Block, rule: NameRule, name: str) -> list[str]:
    problems = []
    if len(name) > rule.limit:
        problems.append(f"{block.where}: {rule.attribute} {name!r} is over {rule.limit}")
    if not re.fullmatch(rule.pattern, name):
        problems.append(f"{block.where}: {rule.attribute} {name!r} is not a valid name")
    return problems


# --- 5. remote state -------------------------------------------------------------------------


def backend_of(root: Root) -> tuple[str, Body] | None:
    for file, terraform in root.top("terraform"):
        for backend in nested(terraform, "backend"):
            if isinstance(backend.get("s3"), dict):
                return file, backend["s3"]
    return None


def state_problems(build: Build) -> list[str]:
    """Each environment keeps its state, under its own key, in the bucket the bootstrap root
    creates and in that bucket's region."""
    bootstrap = build.roots.get("bootstrap")
    if bootstrap is None:
        return ["bootstrap: no bootstrap root creates the state bucket"]
    buckets = {
        str(attr(b.body, "bucket")): bootstrap.region_of(b)
        for b in bootstrap.of_kind("aws_s3_bucket")
    }
    problems = []
    keys: dict[str, str] = {}
    for root in build.environments:
        found = backend_of(root)
        if found is None:
            problems.append(f"{root.name}: no S3 backend: its state stays on one machine")
            continue
        file, s3 = found
        bucket, region, key = (str(attr(s3, k)) for k in ("bucket", "region", "key"))
        if bucket not in buckets:
            problems.append(
                f"{file}: state bucket {bucket!r} is not the bootstrap's ({sorted(buckets)})"
            )
        elif region != buckets[bucket]:
            problems.append(
                f"{file}: state region {region!r}, but the bootstrap creates {bucket!r} in "
                f"{buckets[bucket]!r}"
            )
        if keys.setdefault(f"{bucket}/{key}", file) != file:
            problems.append(f"{file}: state key {key!r} is also {keys[f'{bucket}/{key}']}'s")
    return problems


# --- 6. more wiring: references, load balancing, service discovery, other roles --------------


def reference_problems(build: Build) -> list[str]:
    """Every block, variable and local an expression refers to is declared in its root."""
    problems = []
    for root in build.roots.values():
        declared = set(root.blocks)
        for file, text in sorted(root.texts.items()):
            if not file.endswith(".tf"):
                continue
            code = code_text(text.replace("}", " }"))  # keeps adjacent ${...} apart
            missing = {a for a in _ADDRESS.findall(code) if a not in declared}
            missing |= {
                f"{kind}.{name}"
                for kind, name in _VARIABLE.findall(code)
                if name not in (root.variables if kind == "var" else root.locals)
            }
            problems += [
                f"{root.name}/{file}: refers to {a}, which is not declared" for a in sorted(missing)
            ]
    return problems


def _forwarded(root: Root) -> set[str]:
    found: set[str] = set()
    for listener in root.of_kind("aws_lb_listener"):
        found.update(addresses_in(nested(listener.body, "default_action"), "aws_lb_target_group"))
    for rule in root.of_kind("aws_lb_listener_rule"):
        if root.get(ref_address(attr(rule.body, "listener_arn"))):
            found.update(addresses_in(nested(rule.body, "action"), "aws_lb_target_group"))
    return found


def load_balancer_problems(build: Build) -> list[str]:
    """Each target group gets traffic from a listener and targets from a service, whose
    container listens on the port the service registers."""
    problems = []
    for root in build.environments:
        forwarded, registered = _forwarded(root), set()
        for service in root.of_kind("aws_ecs_service"):
            task = root.get(ref_address(attr(service.body, "task_definition")))
            for balancer in nested(service.body, "load_balancer"):
                group = ref_address(attr(balancer, "target_group_arn"))
                registered.add(group)
                problems += _target_problems(root, service, task, balancer, group)
        for target in root.of_kind("aws_lb_target_group"):
            if target.address not in forwarded:
                problems.append(f"{target.where}: no listener forwards to it")
            if target.address not in registered:
                problems.append(f"{target.where}: no service registers targets in it")
    return problems


def _target_problems(
    root: Root, service: Block, task: Block | None, balancer: Body, group: str | None
) -> list[str]:
    name, port = attr(balancer, "container_name"), attr(balancer, "container_port")
    target = root.get(group)
    if target is None:
        return [f"{service.where}: registers in {group}, which is not declared"]
    problems = []
    if attr(target.body, "target_type") != "ip":
        problems.append(f"{target.where}: target_type must be ip for tasks on awsvpc")
    ports = {
        (c.get("name"), m.get("containerPort"))
        for c in (containers(task) if task else None) or []
        for m in as_list(c.get("portMappings"))
    }
    if (name, port) not in ports:
        problems.append(
            f"{service.where}: registers container {name} port {port} in {group}, but its "
            f"task definition maps {sorted(ports, key=str)}"
        )
    return problems


_SERVICE_URL = re.compile(r"https?://([a-z0-9-]+):(\d+)/?")


def _aliases(service: Block) -> tuple[str | None, set[tuple[str, int]]]:
    """A service's Service Connect namespace (when enabled) and the names and ports it
    publishes."""
    namespace, published = None, set()
    for connect in nested(service.body, "service_connect_configuration"):
        if attr(connect, "enabled") is True:
            namespace = reference(attr(connect, "namespace"))
        for server in nested(connect, "service"):
            for alias in nested(server, "client_alias"):
                published.add((str(attr(alias, "dns_name")), _port(attr(alias, "port"))))
    return namespace, published


def service_connect_problems(build: Build) -> list[str]:
    """A service given another's URL (`http://name:port`) can resolve it: both are in one
    Service Connect namespace, and the other publishes that name and port."""
    problems = []
    for root in build.environments:
        services = {str(attr(s.body, "name")): s for s in root.of_kind("aws_ecs_service")}
        for caller in services.values():
            task = root.get(ref_address(attr(caller.body, "task_definition")))
            for container in (containers(task) if task else None) or []:
                for variable in as_list(container.get("environment")):
                    match = _SERVICE_URL.fullmatch(str(variable.get("value")))
                    if match and match.group(1) in services:
                        problems += _call_problems(caller, services[match.group(1)], match)
    return problems


def _call_problems(caller: Block, callee: Block, match: re.Match[str]) -> list[str]:
    name, port = match.group(1), int(match.group(2))
    space, _ = _aliases(caller)
    callee_space, published = _aliases(callee)
    if space is None:
        return [f"{caller.where}: calls {match.group(0)} without Service Connect enabled"]
    if callee_space != space or (name, port) not in published:
        return [
            f"{caller.where}: calls {match.group(0)}, which {callee.address} does not "
            f"publish in {space}"
        ]
    return []


def _trusted(root: Root, role: str) -> list[str]:
    """The services a role's trust policy lets assume it."""
    block = root.get(role)
    if block is None:
        return []
    document = root.get(ref_address(attr(block.body, "assume_role_policy")))
    identifiers: list[str] = []
    for statement in nested(document.body, "statement") if document else []:
        for principal in nested(statement, "principals"):
            identifiers += map(str, as_list(attr(principal, "identifiers")))
    data = decoded(attr(block.body, "assume_role_policy"))
    for statement in as_list(data.get("Statement")) if isinstance(data, dict) else []:
        identifiers += map(str, as_list((statement.get("Principal") or {}).get("Service")))
    return identifiers


def _role_users(root: Root) -> Iterator[tuple[Block, str, str]]:
    """(what uses a role, the role, the service that must be trusted to assume it)."""
    for task in root.of_kind("aws_ecs_task_definition"):
        for key in ("execution_role_arn", "task_role_arn"):
            role = ref_address(attr(task.body, key))
            if role:
                yield task, role, "ecs-tasks.amazonaws.com"
    for schedule in root.of_kind("aws_scheduler_schedule"):
        for target in nested(schedule.body, "target"):
            role = ref_address(attr(target, "role_arn"))
            if role:
                yield schedule, role, "scheduler.amazonaws.com"
    for host in root.of_kind("aws_instance"):
        role = _host_role(root, host)
        if role:
            yield host, role, "ec2.amazonaws.com"


def trust_problems(build: Build) -> list[str]:
    """Each role trusts the service that assumes it."""
    return [
        f"{user.where}: runs with {role}, which does not trust {service}"
        for root in build.environments
        for user, role, service in _role_users(root)
        if service not in _trusted(root, role)
    ]


def scheduler_problems(build: Build) -> list[str]:
    """Each schedule's role may run its task definition and pass the task's roles."""
    problems = []
    for root in build.environments:
        grants = role_grants(root)
        for schedule in root.of_kind("aws_scheduler_schedule"):
            for target in nested(schedule.body, "target"):
                role = ref_address(attr(target, "role_arn")) or "?"
                for ecs in nested(target, "ecs_parameters"):
                    problems += _unmet(
                        role, grants[role], _schedule_needs(root, schedule, ecs), "scheduler role"
                    )
    return problems


def _schedule_needs(root: Root, schedule: Block, ecs: Body) -> list[Need]:
    arn = canonical(str(attr(ecs, "task_definition_arn")))
    needs = [Need("ecs:RunTask", arn, f"it runs {arn}", schedule.where)]
    task = root.get(address_of(arn))
    for key in ("execution_role_arn", "task_role_arn"):
        role = canonical(str(attr(task.body, key))) if task else ""
        if role:
            needs.append(
                Need("iam:PassRole", role, f"it passes {role} to the task", schedule.where)
            )
    return needs


# What an app must be allowed to do with a resource it is pointed at (by an environment
# setting that names it).
API_NEEDS: dict[str, tuple[tuple[str, str], ...]] = {
    "aws_s3_bucket": (("s3:GetObject", "/*"), ("s3:PutObject", "/*"), ("s3:ListBucket", "")),
    "aws_sqs_queue": (
        ("sqs:SendMessage", ""),
        ("sqs:ReceiveMessage", ""),
        ("sqs:DeleteMessage", ""),
    ),
    "aws_opensearch_domain": (("es:ESHttpGet", "/*"), ("es:ESHttpPost", "/*")),
}


def _api_needs(settings: Any, where: str, who: str) -> list[Need]:
    needs = []
    for kind, calls in API_NEEDS.items():
        for address in addresses_in(settings, kind):
            why = f"{who} is given {address}"
            needs += [Need(action, f"{address}.arn{tail}", why, where) for action, tail in calls]
    return needs


def access_problems(build: Build) -> list[str]:
    """Each bucket, queue and search domain an app is pointed at, its role lets it use."""
    problems = []
    for root in build.environments:
        grants = role_grants(root)
        for task in root.of_kind("aws_ecs_task_definition"):
            role = ref_address(attr(task.body, "task_role_arn")) or "?"
            for container in containers(task) or []:
                settings = as_list(container.get("environment"))
                needs = _api_needs(settings, task.where, f"container {container.get('name')}")
                problems += _unmet(role, grants[role], needs, "task role")
        for host in root.of_kind("aws_instance"):
            role = _host_role(root, host) or "?"
            needs = _api_needs(attr(host.body, "user_data"), host.where, "the host")
            problems += _unmet(role, grants[role], needs, "host role")
    return problems


def host_file_problems(build: Build) -> list[str]:
    """The host's Compose project pulls images from repositories the root creates and logs to
    log groups it creates."""
    problems = []
    for root in build.environments:
        where = f"{root.name}/host/compose.yaml"
        repositories = {attr(b.body, "name") for b in root.of_kind("aws_ecr_repository")}
        groups = {attr(b.body, "name") for b in root.of_kind("aws_cloudwatch_log_group")}
        for name, service in compose_services(root).items():
            image = str(service.get("image", ""))
            match = re.fullmatch(r"\$\{REGISTRY\}/(.+):\$\{TAG\}", image)
            if match and match.group(1) not in repositories:
                problems.append(
                    f"{where}: {name} pulls {match.group(1)}, which no aws_ecr_repository creates"
                )
            logging = service.get("logging") or {}
            group = (logging.get("options") or {}).get("awslogs-group")
            if logging.get("driver") == "awslogs" and group not in groups:
                problems.append(f"{where}: {name} logs to {group}, which no log group creates")
    return problems


# --- all of it --------------------------------------------------------------------------------

Check = Callable[[Build, Mapping[str, Plan]], list[str]]


def _build_only(check: Callable[[Build], list[str]]) -> Check:
    return lambda build, plans: check(build)


CHECKS: dict[str, Check] = {
    "secrets": _build_only(secret_problems),
    "flows": flow_problems,
    "routes": _build_only(route_problems),
    "names": _build_only(name_problems),
    "state": _build_only(state_problems),
    "references": _build_only(reference_problems),
    "load-balancing": _build_only(load_balancer_problems),
    "service-connect": _build_only(service_connect_problems),
    "trust": _build_only(trust_problems),
    "scheduler": _build_only(scheduler_problems),
    "access": _build_only(access_problems),
    "host-files": _build_only(host_file_problems),
}


def wiring_problems(build: Build, plans: Mapping[str, Plan]) -> list[str]:
    return [problem for check in CHECKS.values() for problem in check(build, plans)]
