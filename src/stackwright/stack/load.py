"""Load a stack file: YAML → validated Stack per environment, or a StackError that points at lines.

Each environment's overrides are merged into the stack before validation, so a mistake inside
`environments.<env>.overrides` is reported where it was written.
"""

from __future__ import annotations

import contextlib
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from stackwright.stack import text
from stackwright.stack.errors import Problem, StackError
from stackwright.stack.model import Environment, Stack
from stackwright.stack.source import (
    Document,
    KeyPath,
    Location,
    SourceMap,
    parse_text,
    read_file,
)
from stackwright.stack.text import env_variable, literal_secret
from stackwright.stack.wiring import wired_variables
from stackwright.suggest import did_you_mean


@dataclass(frozen=True, slots=True)
class EnvironmentStack:
    """One environment: its settings and the stack with its overrides applied."""

    name: str
    settings: Environment
    stack: Stack
    domain: str | None  # its own, or `<name>.<domain>` for all but the first environment

    @property
    def region(self) -> str:
        return self.settings.region or self.stack.region


@dataclass(frozen=True, slots=True)
class StackFile:
    path: str
    stack: Stack
    environments: dict[str, EnvironmentStack]
    source: SourceMap

    def problem(self, path: KeyPath, message: str, hint: str | None = None) -> Problem:
        """A problem about this file, at the line of `path` (or the nearest line known)."""
        where = self.source.locate(path, at_key=True)
        return Problem(self.path, where.line, where.column, path, message, hint)

    def where(self, environment: str, path: KeyPath) -> tuple[KeyPath, Location]:
        """The key that made something in `environment`'s plan, as written in this file.

        An environment's override of the key (or of a mapping above it) wins over the stack's
        own; a key written nowhere stands for the nearest mapping above it that is written, and
        a `topology` choice written nowhere for the environment's phase, which made it.
        """
        keys = self.source.keys
        override: KeyPath = ("environments", environment, "overrides")
        for depth in range(len(path), 0, -1):
            if path[0] == "topology" and depth < len(path):
                break
            for candidate in ((*override, *path[:depth]), path[:depth]):
                if candidate in keys:
                    return candidate, keys[candidate]
        for fallback in (("environments", environment, "phase"), ("environments", environment)):
            if fallback in keys:
                return fallback, keys[fallback]
        return (), Location(1, 1)


def load_stack(path: str | Path) -> StackFile:
    return _load(read_file(Path(path)))


def load_text(text: str, file: str = "stack.yaml") -> StackFile:
    return _load(parse_text(text, file))


def _load(document: Document) -> StackFile:
    data, source = document.data, document.source
    if not isinstance(data, dict):
        raise StackError(
            [
                Problem(
                    source.file,
                    1,
                    1,
                    (),
                    "a stack file is a mapping of keys",
                    "start with `name: my-app`",
                )
            ]
        )
    stack = _validate(data, source, {})
    problems = _references(stack, source, {}) + _suppressions(stack, source)
    environments: dict[str, EnvironmentStack] = {}
    for name, settings in stack.environments.items():
        if not settings.overrides:
            env_stack = stack
        else:
            prefix: KeyPath = ("environments", name, "overrides")
            for fixed, why in _SHARED.items():
                if fixed in settings.overrides:
                    loc = source.locate((*prefix, fixed), at_key=True)
                    raise StackError(
                        [
                            Problem(
                                source.file,
                                loc.line,
                                loc.column,
                                (*prefix, fixed),
                                f"an environment cannot override `{fixed}`",
                                why,
                            )
                        ]
                    )
            merged, origin = _merge(data, settings.overrides, prefix)
            merged.pop("environments", None)
            env_stack = _validate(merged, source, origin)
            if settings.overrides.keys() & _REFERENCED:  # else the same as the stack's own
                problems += _references(env_stack, source, origin)
        domain = settings.domain or env_stack.domain
        if domain and settings.domain is None and environments:  # not the first environment
            domain = f"{name}.{domain}"
            try:
                text.domain(domain)
            except ValueError as exc:
                where = source.locate(("environments", name), at_key=True)
                problems.append(
                    Problem(
                        source.file,
                        where.line,
                        where.column,
                        ("environments", name),
                        f"this environment's domain would be {domain}: {exc}",
                        "give it a `domain:` of its own",
                    )
                )
        environments[name] = EnvironmentStack(name, settings, env_stack, domain)
    if problems:
        raise StackError(_unique(problems))
    return StackFile(source.file, stack, environments, source)


def _merge(
    base: dict[str, Any], override: dict[str, Any], prefix: KeyPath
) -> tuple[dict[str, Any], dict[KeyPath, KeyPath]]:
    """Deep-merge `override` into `base`; `origin` maps merged paths to where they were written."""
    origin: dict[KeyPath, KeyPath] = {}

    def merge(into: dict[str, Any], over: dict[str, Any], path: KeyPath) -> dict[str, Any]:
        result = dict(into)
        for key, value in over.items():
            here = (*path, key)
            if isinstance(value, dict) and isinstance(result.get(key), dict):
                result[key] = merge(result[key], value, here)
            else:
                result[key] = value
                origin[here] = (*prefix, *here)
        return result

    return merge(base, override, ()), origin


def _display(path: KeyPath, origin: dict[KeyPath, KeyPath]) -> KeyPath:
    for depth in range(len(path), 0, -1):
        written = origin.get(path[:depth])
        if written is not None:
            return (*written, *path[depth:])
    return path


def _validate(data: dict[str, Any], source: SourceMap, origin: dict[KeyPath, KeyPath]) -> Stack:
    try:
        return Stack.model_validate(data)
    except ValidationError as exc:
        problems = [_problem(error, source, origin) for error in exc.errors()]
        raise StackError(_unique(problems)) from None


def _problem(error: Any, source: SourceMap, origin: dict[KeyPath, KeyPath]) -> Problem:
    loc: KeyPath = tuple(part for part in error["loc"] if part != "[key]")
    at_key = "[key]" in error["loc"] or error["type"] == "extra_forbidden"
    shown = _display(loc, origin)
    where = source.locate(shown, at_key=at_key)
    kind, message, hint = error["type"], str(error["msg"]), None
    if kind == "extra_forbidden":
        allowed = _fields_at(loc[:-1])
        message = f"unknown key '{loc[-1]}'{did_you_mean(str(loc[-1]), allowed)}"
        if allowed and "did you mean" not in message:
            hint = "allowed here: " + ", ".join(allowed)
    elif kind == "missing":
        message = f"missing required key '{loc[-1]}'"
        where = source.locate(shown[:-1])
        shown = shown[:-1] if shown else shown
        return Problem(source.file, where.line, where.column, (*shown, str(loc[-1])), message)
    elif message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    else:
        got = error.get("input")
        shown_input = (
            "a mapping"
            if isinstance(got, dict)
            else "a list"
            if isinstance(got, list)
            else repr(got)
        )
        message = f"{message[0].lower()}{message[1:]}, got {shown_input}"
        if kind == "list_type" and isinstance(got, str):
            hint = f"write [{got}]"
    return Problem(source.file, where.line, where.column, shown, message, hint)


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional down to the model/dict/list inside."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def _fields_at(path: KeyPath) -> list[str]:
    """The keys the model at `path` accepts (for did-you-mean)."""
    current: Any = Stack
    for part in path:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return []
            current = field.annotation
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        elif typing.get_origin(current) is list:
            current = typing.get_args(current)[0]
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


MAX_PROBLEMS = 50  # past this, the first ones are worth fixing before anything else
_REFERENCED = {"services", "buckets", "queues", "secrets", "postgres", "redis", "search"}


class _Enough(Exception):
    pass


def _references(stack: Stack, source: SourceMap, origin: dict[KeyPath, KeyPath]) -> list[Problem]:
    """Checks across the file: `uses:` targets exist, names and routes do not collide."""
    problems: list[Problem] = []

    def add(path: KeyPath, message: str, hint: str | None = None, at_key: bool = False) -> None:
        if len(problems) > MAX_PROBLEMS:
            raise _Enough
        shown = _display(path, origin)
        where = source.locate(shown, at_key=at_key)
        problems.append(Problem(source.file, where.line, where.column, shown, message, hint))

    with contextlib.suppress(_Enough):
        _check_references(stack, add)
    return problems


def _suppressions(stack: Stack, source: SourceMap) -> list[Problem]:
    """Each suppression's environments exist (checked once, on the stack as written)."""
    problems = []
    for index, suppression in enumerate(stack.checks.suppress):
        for position, name in enumerate(suppression.environments or ()):
            if name not in stack.environments:
                path: KeyPath = ("checks", "suppress", index, "environments", position)
                where = source.locate(path)
                problems.append(
                    Problem(
                        source.file,
                        where.line,
                        where.column,
                        path,
                        f"no environment '{name}'{did_you_mean(name, stack.environments)}",
                        f"the environments are {', '.join(stack.environments)}",
                    )
                )
    return problems


def _check_references(stack: Stack, add: Callable[..., None]) -> None:
    targets = stack.targets()
    for name in stack.environments:
        shorter = next((o for o in stack.environments if name.startswith(f"{o}-")), None)
        if shorter is not None:
            add(
                ("environments", name),
                f"'{name}' starts with '{shorter}-': AWS names join the environment and the "
                f"resource with '-', so '{shorter}' with a service '{name[len(shorter) + 1 :]}-x' "
                f"and '{name}' with a service 'x' would share names",
                "rename one of the two environments",
                at_key=True,
            )
    variables: dict[str, str] = {}
    for name in stack.secrets:
        other = variables.setdefault(env_variable(name), name)
        if other != name:
            add(
                ("secrets", name),
                f"'{name}' and '{other}' both reach services as {env_variable(name)}",
                "rename one of them",
            )
    seen: dict[str, str] = {}
    for kind, names in (
        ("bucket", stack.buckets),
        ("queue", stack.queues),
        ("secret", stack.secrets),
    ):
        for name in names:
            if name in seen or name in stack.services or name in ("postgres", "redis", "search"):
                add(
                    (f"{kind}s", name),
                    f"the name '{name}' is already used by another "
                    f"{seen.get(name, 'part of the stack')}",
                    "names are shared by `uses:` links",
                )
            seen[name] = kind
    for service_name, service in stack.services.items():
        secrets_used = {env_variable(t): t for t in service.uses if t in stack.secrets}
        wired = {
            variable: target
            for target in service.uses
            for variable in wired_variables(targets.get(target, ""), target)
        }
        for variable, secret in secrets_used.items():
            if variable in wired:
                add(
                    ("services", service_name, "uses", service.uses.index(secret)),
                    f"the secret '{secret}' reaches the service as {variable}, which "
                    f"'{wired[variable]}' already gives it",
                    f"remove '{secret}' from `uses:`, and from `secrets:` if nothing else uses it",
                )
        for variable, value in service.environment.items():
            setting: KeyPath = ("services", service_name, "environment", variable)
            why = literal_secret(variable, value)
            if why:
                add(
                    setting,
                    f"{why}; a secret's value never goes in the stack file",
                    f"declare it under `secrets:`, list it in this service's `uses:`, and set "
                    f"its value in the secret store; the service still reads "
                    f"{env_variable(variable)}",
                    at_key=True,
                )
            elif variable in wired:
                add(
                    setting,
                    f"{variable} is set by '{wired[variable]}', which this service uses",
                    "remove the setting, or rename it",
                    at_key=True,
                )
            elif variable in secrets_used:
                add(
                    setting,
                    f"{variable} is also the secret '{secrets_used[variable]}' this service uses",
                    "remove one of the two",
                    at_key=True,
                )
        for i, target in enumerate(service.uses):
            path: KeyPath = ("services", service_name, "uses", i)
            if target == service_name:
                add(path, "a service does not need to `use` itself")
            elif target not in targets:
                add(
                    path,
                    f"'{target}' is not defined{did_you_mean(target, targets)}",
                    "uses: names a service, postgres, redis, search, a bucket, queue or secret",
                )
            elif targets[target] == "service" and stack.services[target].port is None:
                add(path, f"service '{target}' has no port to talk to")
    routes: dict[tuple[str | None, str | None], str] = {}
    for name, service in stack.services.items():
        if service.resolved_kind != "web":
            continue
        route = None if service.path in (None, "/*") else service.path  # /* is everything
        taken = routes.setdefault((route, service.host), name)
        if taken == name:
            continue
        if route is None and service.host is None:
            add(
                ("services", name),
                f"'{taken}' already takes the load balancer's default route",
                "give this service a `path:` (e.g. /api/*) or a `host:`",
            )
        else:
            add(
                ("services", name, "path" if service.path else "host"),
                f"'{taken}' already takes this route",
                "give one of the two another `path:` or `host:`",
            )
    for name, queue in stack.queues.items():
        if queue.dead_letter and f"{name}-dead-letter" in stack.queues:
            add(
                ("queues", f"{name}-dead-letter"),
                f"this is the name of the dead-letter queue of '{name}'",
                "rename this queue",
                at_key=True,
            )


# What every environment shares, and why it must.
_SHARED = {
    "environments": None,
    "name": "every environment shares the stack's name and its state bucket",
    "state": "every environment keeps its state in the one bucket the bootstrap root creates",
    "account_id": "every environment's state is in one account's bucket; use one stack file "
    "per account",
    "checks": "a suppression names its environments: checks.suppress[].environments",
}


def _unique(problems: list[Problem]) -> list[Problem]:
    """Each problem once, in line order, at most MAX_PROBLEMS of them."""
    seen: set[tuple[int, int, str]] = set()
    result = []
    for problem in sorted(problems, key=lambda p: (p.line, p.column)):
        key = (problem.line, problem.column, problem.message)
        if key not in seen:
            seen.add(key)
            result.append(problem)
    if len(result) > MAX_PROBLEMS:
        last = result[MAX_PROBLEMS - 1]
        more = Problem(
            last.file,
            last.line,
            last.column,
            (),
            f"stopped after {MAX_PROBLEMS} problems",
            "fix these and run again",
        )
        result = [*result[:MAX_PROBLEMS], more]
    return result
