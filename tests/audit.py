"""Checks over a `stackwright build` output folder that hold for any stack, used on the
examples and on every stack the fuzz suite builds. Each returns a list of problems (empty: ok).

Stack text in the fuzz suite carries the marker `canary`; none of it may become Terraform
syntax (an attribute, a label, a live `${...}` or `%{...}`), a Compose substitution, nginx
syntax or a secrets.tsv field of its own.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import hcl2
import yaml

from stackwright.aws.names import NAME_LIMITS

MARKER = "canary"
# The attribute that holds the AWS name of each resource type whose name has a limit.
NAME_ATTRIBUTES = {
    "aws_lb": "name",
    "aws_opensearch_domain": "domain_name",
    "aws_xray_sampling_rule": "rule_name",
    "aws_elasticache_replication_group": "replication_group_id",
    "aws_db_instance": "identifier",
    "aws_s3_bucket": "bucket",
    "aws_iam_role": "name",
    "aws_scheduler_schedule": "name",
    "aws_sqs_queue": "name",
    "aws_budgets_budget": "name",
    "aws_security_group": "name_prefix",
    "aws_db_parameter_group": "name_prefix",
    "aws_iam_instance_profile": "name",
    "aws_wafv2_web_acl": "name",
}
_COMPOSE_ALLOWED = {"REGISTRY", "TAG", "AWS_REGION"}


def parse_all(out: Path) -> dict[Path, dict[str, Any]]:
    documents = {}
    for path in sorted(out.rglob("*.tf")):
        if ".terraform" not in path.parts:
            documents[path] = hcl2.loads(path.read_text(encoding="utf-8"))
    return documents


def code_text(source: str) -> str:
    """What Terraform reads as code in `source`: everything outside string literals and
    comments, including the inside of live `${...}` and `%{...}` in strings (whose own string
    literals are left out again). Escaped `$${` and `%%{` stay text."""
    code: list[str] = []
    stack = ["code"]  # code | string | template (code inside a string's ${...})
    depth: list[int] = []  # brace depth of each open template
    index = 0
    while index < len(source):
        char, state = source[index], stack[-1]
        if state == "string":
            if char == "\\":
                index += 2
                continue
            if source.startswith(("$${", "%%{"), index):
                index += 3
                continue
            if source.startswith(("${", "%{"), index):
                stack.append("template")
                depth.append(0)
                index += 2
                continue
            if char == '"':
                stack.pop()
            index += 1
            continue
        if char == '"':
            stack.append("string")
        elif char == "#" or source.startswith("//", index):
            index = source.find("\n", index)
            index = len(source) if index < 0 else index
            continue
        elif state == "template" and char == "{":
            depth[-1] += 1
        elif state == "template" and char == "}":
            if depth[-1] == 0:
                stack.pop()
                depth.pop()
                index += 1
                continue
            depth[-1] -= 1
        code.append(char)
        index += 1
    return "".join(code)


def hcl_injection(out: Path) -> list[str]:
    """Stack text (carrying the marker) that Terraform would read as code."""
    return [
        f"{path}: stack text became Terraform code"
        for path in sorted(out.rglob("*.tf"))
        if ".terraform" not in path.parts and MARKER in code_text(path.read_text("utf-8"))
    ]


def _resources(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    found = []
    for block in document.get("resource", []):
        for kind, instances in block.items():
            for label, body in instances.items():
                found.append((kind, label, body))
    return found


def label_problems(documents: dict[Path, dict[str, Any]]) -> list[str]:
    """No two blocks of one type share a label in one root (Terraform refuses the root)."""
    problems = []
    seen: dict[tuple[Path, str, str, str], Path] = {}
    for path, document in documents.items():
        for block_kind in ("resource", "data"):
            for block in document.get(block_kind, []):
                for kind, instances in block.items():
                    for label in instances:
                        key = (path.parent, block_kind, kind, label)
                        if key in seen:
                            problems.append(
                                f"{path}: {block_kind} {kind}.{label} is declared twice"
                            )
                        seen[key] = path
    return problems


def name_problems(documents: dict[Path, dict[str, Any]]) -> list[str]:
    """Every AWS name within its limit, and no two resources of a type share one."""
    problems = []
    seen: dict[tuple[str, str], Path] = {}
    for path, document in documents.items():
        for kind, label, body in _resources(document):
            attribute = NAME_ATTRIBUTES.get(kind)
            name = body.get(attribute) if attribute else None
            if not isinstance(name, str) or "${" in name:
                continue
            limit = NAME_LIMITS[kind]
            if len(name) > limit:
                problems.append(f"{path}: {kind}.{label} name {name!r} is over {limit}")
            other = seen.setdefault((kind, name), path)
            if other != path:
                problems.append(f"{path}: {kind} name {name!r} is also used in {other}")
    return problems


def compose_substitutions(text: str) -> set[str]:
    """The variables Compose would substitute into `text` (`$$` is a literal dollar)."""
    found = set()
    index = 0
    while index < len(text):
        if text.startswith("$$", index):
            index += 2
            continue
        if text[index] == "$":
            match = re.match(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", text[index:])
            found.add(match.group(1) if match else text[index : index + 2])
        index += 1
    return found


def host_problems(host: Path) -> list[str]:
    problems = []
    compose = (host / "compose.yaml").read_text(encoding="utf-8")
    yaml.safe_load(compose)
    extra = compose_substitutions(compose) - _COMPOSE_ALLOWED
    if extra:
        problems.append(f"{host}/compose.yaml: Compose would substitute {sorted(extra)}")
    nginx = (host / "nginx.conf").read_text(encoding="utf-8")
    outside_quotes = re.sub(r'"[^"\\\n]*"', '""', nginx)
    if MARKER in outside_quotes or outside_quotes.count("{") != outside_quotes.count("}"):
        problems.append(f"{host}/nginx.conf: stack text outside a quoted value")
    for line in (host / "secrets.tsv").read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) != 4 or not re.fullmatch(r"[a-z][a-z0-9-]*", fields[0]):
            problems.append(f"{host}/secrets.tsv: a line that is not four fields: {line!r}")
    return problems


def secret_problems(out: Path, secret_variables: set[str]) -> list[str]:
    """No variable the stack declares as a secret is given a value in any emitted file."""
    problems = []
    for path in sorted(out.rglob("compute.tf")):
        text = path.read_text(encoding="utf-8")
        for variable in secret_variables:
            if re.search(rf'name\s*=\s*"{variable}"\s*\n\s*value\s*=', text):
                problems.append(f"{path}: the secret {variable} is set to a value")
    for path in sorted(out.rglob("compose.yaml")):
        for name, service in (yaml.safe_load(path.read_text()) or {}).get("services", {}).items():
            shown = set(service.get("environment") or {})
            for variable in shown & secret_variables:
                problems.append(f"{path}: {name} sets the secret {variable} to a value")
    return problems


def audit(out: Path, secret_variables: set[str]) -> list[str]:
    documents = parse_all(out)
    problems = hcl_injection(out) + label_problems(documents) + name_problems(documents)
    for host in sorted(out.glob("terraform/*/host")):
        problems += host_problems(host)
    return problems + secret_problems(out, secret_variables)
