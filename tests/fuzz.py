"""The fuzz suite's parts: mutations of stack files, and the oracle every command must satisfy.

A mutated stack goes through `validate`, `plan`, `plan --json` and `build`, as the console
script runs them. Each must exit 0, or exit 2 with one clean `file:line:column: ...` line per
problem; never a traceback, never past `SECONDS` seconds. A build that succeeds is audited
(tests/audit.py): no stack text became code in any file it wrote.
"""

from __future__ import annotations

import copy
import json
import re
import resource
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from stackwright.stack import load_stack
from stackwright.stack.text import env_variable
from tests.audit import audit
from tests.cli_run import Run, run
from tests.conftest import EXAMPLES

SECONDS = 10
MEGABYTES = 500
PROBLEM_LINE = re.compile(r"^[^\x00-\x1f\x7f]+:\d+:\d+: [^\x00-\x1f\x7f]+$")

# Seeds: every example, and small stacks that reach the phase-1 host and its secrets.
HOST_SEED = """\
name: shop
domain: shop.example.com
services:
  web: {port: 8080, health_check: /health, command: bin/web, uses: [postgres, redis, api_key]}
  api: {port: 9000, path: /api/*, environment: {MODE: fast}, uses: [api_key]}
  worker: {command: bin/work, uses: [postgres, jobs]}
postgres: {}
redis: {}
queues: {jobs: {}}
buckets: {files: {cors: {origins: ['https://shop.example.com']}}}
secrets: {api_key: {description: the payment provider's key}}
alarms: {email: ops@example.com}
environments: {prod: {phase: 1}, staging: {phase: 2}}
"""
SEEDS = [(e / "stack.yaml").read_text(encoding="utf-8") for e in EXAMPLES] + [HOST_SEED]

CANARY_FILE = "/tmp/stackwright-canary"
# Text an attacker or a careless user might put anywhere; every one carries the marker.
PAYLOADS = [
    f"x$(touch {CANARY_FILE}).example.com",
    f"canary; touch {CANARY_FILE}; ",
    f"`touch {CANARY_FILE}`canary",
    f"canary\nNGINX\ntouch {CANARY_FILE}\ncat > /dev/null <<'NGINX'",
    f"/canary/*\nCOMPOSE\ntouch {CANARY_FILE}",
    '${file("/etc/hostname")}canary',
    "%{ if true }canary%{ endif }",
    'canary", canary_attr = "1',
    "canary' ; touch /tmp/stackwright-canary; '",
    "/api { proxy_pass http://169.254.169.254/; } location /canary",
    "canary.example.com; } server { listen 8080; } #",
    "$CANARY ${CANARY} $$canary",
    "canary\x1b[2J\x07",
    "canary\u202eevil",
    "canary\t\r\n",
    "../../canary",
    "CANARY_PASSWORD",
    "postgres://user:canary@db/app",
]
TWINS = [
    "{}-dead-letter",
    "{}-execution",
    "{}-task",
    "{}-access",
    "{}-secrets",
    "x-to-ecs-service-{}",
    "{}-to-ecs-service-x",
    "{}-1",
    "cache-auth",
    "nginx",
    "main",
]
NUMBERS: list[Any] = [0, -1, 1, 7, 65536, 10**15, 10**16, 2**63, 1e308, "1e999", ".inf", ".nan"]
ODD: list[Any] = [None, True, [], {}, "", "a" * 300, ["x"], {"x": 1}, "ünï", 3.5]


def values() -> st.SearchStrategy[Any]:
    pools = st.one_of(st.sampled_from(PAYLOADS), st.sampled_from(NUMBERS), st.sampled_from(ODD))
    return pools.map(copy.deepcopy)  # a fresh list or mapping each time, never a shared one


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield (*prefix, i)
            yield from _paths(value, (*prefix, i))


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated_stacks(draw: st.DrawFn) -> str:
    """A seed stack with a few mutations of its data, then perhaps of its text."""
    data = yaml.safe_load(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        paths = list(_paths(data))
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, key = _parent(data, path), path[-1]
        action = draw(st.sampled_from(["set", "set", "set", "delete", "add", "rename", "twin"]))
        if action == "set":
            parent[key] = draw(values())
        elif action == "delete" and isinstance(parent, dict):
            del parent[key]
        elif action == "add" and isinstance(parent[key], dict):
            parent[key][draw(st.sampled_from([*PAYLOADS[:3], "image", "port", "x"]))] = draw(
                values()
            )
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(st.sampled_from([*PAYLOADS, "name", "web"]))] = parent.pop(key)
        elif action == "twin" and isinstance(parent, dict) and isinstance(key, str):
            # a look-alike of a name beside it: what the Terraform derives from one may be
            # what it derives from the other
            twin = draw(st.sampled_from(TWINS)).format(key)
            parent[twin] = copy.deepcopy(parent[key])
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    if draw(st.integers(0, 3)) == 0:  # and sometimes the text itself
        lines = text.splitlines(keepends=True)
        at = draw(st.integers(0, len(lines)))
        edit = draw(st.sampled_from(["insert", "cut", "indent", "truncate"]))
        if edit == "insert":
            lines.insert(at, draw(st.sampled_from(["- x\n", "  : y\n", "\tz: 1\n", "&a *a\n"])))
        elif edit == "cut" and lines:
            del lines[min(at, len(lines) - 1)]
        elif edit == "indent" and lines:
            lines[min(at, len(lines) - 1)] = "   " + lines[min(at, len(lines) - 1)]
        elif edit == "truncate":
            lines = lines[:at]
        text = "".join(lines)
    return text


# Fields that take free text and reach the Terraform or the host; payloads that are valid
# there, so that builds succeed and their consumers are tried.
FREE_TEXT = [
    'run "$HOME" $$ ${file("/etc/hostname")} %{ if true }canary%{ endif } `id`; echo canary',
    "echo canary'\"\\ && touch /tmp/stackwright-canary",
    "canary\nNGINX\nCOMPOSE\ntouch /tmp/stackwright-canary",
    'canary", canary_attr = "1',
]


@st.composite
def valid_tricky_stacks(draw: st.DrawFn) -> str:
    """A seed stack whose free-text fields (commands, settings, descriptions) hold payloads."""
    data = yaml.safe_load(draw(st.sampled_from(SEEDS)))
    for service in data["services"].values():
        if draw(st.booleans()):
            service["command"] = draw(st.sampled_from(FREE_TEXT))
        if draw(st.booleans()):
            service["environment"] = {"CANARY_MODE": draw(st.sampled_from(FREE_TEXT))}
    secrets = data.get("secrets")
    if isinstance(secrets, dict):
        for secret in secrets.values():
            if isinstance(secret, dict) and draw(st.booleans()):
                secret["description"] = draw(st.sampled_from(FREE_TEXT)).replace("\n", " ")
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def alarm(signum: int, frame: object) -> None:
        raise Hang(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def peak_megabytes() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass(frozen=True)
class Outcome:
    runs: dict[str, Run]
    out: Path | None  # the build's folder, when it succeeded


def check_run(command: str, result: Run, as_json: bool) -> None:
    """The oracle for one command: exit 0, or exit 2 with clean problems; nothing else."""
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert result.code in (0, 2), f"{command}: exit {result.code}: {result.stderr[-2000:]}"
    if result.code == 2:
        if as_json:
            errors = json.loads(result.stdout)["errors"]
            assert errors and all(e["line"] >= 1 and e["column"] >= 1 for e in errors)
            assert all("\n" not in e["message"] for e in errors)
        else:
            lines = result.stderr.splitlines()
            assert lines, f"{command}: exit 2 with nothing said"
            for line in lines:
                assert PROBLEM_LINE.match(line), f"{command}: not one clean line: {line!r}"


def exercise(text: str, folder: Path) -> Outcome:
    stack = folder / "stack.yaml"
    stack.write_text(text, encoding="utf-8")
    runs: dict[str, Run] = {}
    for name, args, as_json in (
        ("validate", ("validate", str(stack)), False),
        ("plan", ("plan", str(stack)), False),
        ("plan --json", ("plan", str(stack), "--json"), True),
        ("build", ("build", str(stack), "-o", str(folder / "out")), False),
    ):
        with time_limit(SECONDS):
            runs[name] = run(*args)
        check_run(name, runs[name], as_json)
    codes = {r.code for r in runs.values()}
    assert len(codes) == 1, f"commands disagree on the stack: {codes}"
    if runs["build"].code != 0:
        return Outcome(runs, None)
    stack_file = load_stack(stack)
    secret_variables = {env_variable(name) for name in stack_file.stack.secrets}
    problems = audit(folder / "out", secret_variables)
    assert not problems, "\n".join(problems)
    return Outcome(runs, folder / "out")


def scratch() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="stackwright-fuzz-")
