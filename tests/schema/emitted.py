"""What stackwright writes: the `resource` and `data` blocks of every example's Terraform, and
the block types its emitters can write (read from their source).

python-hcl2 is read in either of its output shapes: the older one wraps every attribute value in
a list and cannot tell `name = {...}` from a nested block `name {...}` (such a name is kept as
`either`); the newer one marks each block with `__is_block__` and quotes block labels.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import hcl2

from stackwright.emit.build import terraform_files
from stackwright.stack import load_stack
from tests.conftest import EXAMPLES, ROOT

EMITTERS = ROOT / "src" / "stackwright" / "emit" / "terraform"
KINDS = ("resource", "data")
_NAME_PART = "[a-z0-9_]+"  # what an f-string's `{...}` can stand for in a type name
_MARK = "__is_block__"


@dataclass(frozen=True, slots=True)
class Body:
    """A block's body as written: argument names, nested blocks by type, and names the parser
    cannot place (`name = {...}` or `name {...}`)."""

    arguments: frozenset[str] = frozenset()
    blocks: dict[str, tuple[Body, ...]] = field(default_factory=dict)
    either: dict[str, tuple[Body, ...]] = field(default_factory=dict)
    dynamic: frozenset[str] = frozenset()  # block types written (also) as `dynamic` blocks

    def names(self) -> set[str]:
        return set(self.arguments) | set(self.blocks) | set(self.either)


@dataclass(frozen=True, slots=True)
class TopBlock:
    """One `resource` or `data` block: where it is, what it is, what it says."""

    place: str  # example/root, e.g. "mind-the-wait/prod"
    file: str  # e.g. "compute.tf"
    kind: str  # "resource" or "data"
    type: str
    label: str
    body: Body

    @property
    def address(self) -> str:
        prefix = "data." if self.kind == "data" else ""
        return f"{prefix}{self.type}.{self.label}"


def example_terraform() -> dict[str, str]:
    """Every example's .tf files, as example/terraform/root/file → text."""
    files: dict[str, str] = {}
    for example in EXAMPLES:
        for relative, text in terraform_files(load_stack(example / "stack.yaml")).items():
            if relative.endswith(".tf"):
                files[f"{example.name}/{relative}"] = text
    return files


def top_blocks(files: dict[str, str]) -> list[TopBlock]:
    """The `resource` and `data` blocks of the given .tf files (path → text)."""
    found: list[TopBlock] = []
    for path, text in sorted(files.items()):
        example, _, root, file = path.rsplit("/", 3)
        found.extend(_blocks_of(f"{example}/{root}", file, hcl2.loads(text)))
    return found


def _blocks_of(place: str, file: str, document: dict[str, Any]) -> Iterator[TopBlock]:
    for kind in KINDS:
        for entry in document.get(kind, []):
            for type_, labelled in entry.items():
                for label, body in labelled.items():
                    marked = _MARK in body
                    yield TopBlock(
                        place, file, kind, _unquote(type_), _unquote(label), body_of(body, marked)
                    )


def _unquote(label: str) -> str:
    return label[1:-1] if len(label) >= 2 and label[0] == label[-1] == '"' else label


def body_of(raw: dict[str, Any], marked: bool) -> Body:
    """A parsed block body; `marked`: the parser marks blocks with `__is_block__`."""
    arguments: set[str] = set()
    blocks: dict[str, list[Body]] = {}
    either: dict[str, list[Body]] = {}
    dynamic: set[str] = set()
    for name, value in raw.items():
        if name.startswith("__"):
            continue
        if name == "dynamic":
            for block_type, content in _dynamic_contents(value, marked):
                blocks.setdefault(block_type, []).append(content)
                dynamic.add(block_type)
        elif _is_blocks(value, marked):
            blocks.setdefault(name, []).extend(body_of(b, marked) for b in value)
        elif not marked and _is_dict_list(value):
            either.setdefault(name, []).extend(body_of(b, marked) for b in value)
        else:
            arguments.add(name)
    return Body(
        frozenset(arguments),
        {k: tuple(v) for k, v in blocks.items()},
        {k: tuple(v) for k, v in either.items()},
        frozenset(dynamic),
    )


def _is_dict_list(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _is_blocks(value: object, marked: bool) -> bool:
    return (
        marked
        and isinstance(value, list)
        and _is_dict_list(value)
        and all(_MARK in v for v in value)
    )


def _dynamic_contents(value: object, marked: bool) -> Iterator[tuple[str, Body]]:
    """`dynamic "x" { content {...} }` as (x, the content's body)."""
    for entry in value if isinstance(value, list) else []:
        for block_type, spec in entry.items():
            for content in spec.get("content", []):
                yield _unquote(block_type), body_of(content, marked)


def types_written(blocks: list[TopBlock]) -> dict[str, set[str]]:
    """kind → the types of the given blocks."""
    found: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for block in blocks:
        found[block.kind].add(block.type)
    return found


def emitter_type_patterns(folder: Path = EMITTERS) -> dict[str, set[str]]:
    """kind → regular expressions for the types the emitters' `.resource(file, type, name)` and
    `.data(file, type, name)` calls can write: a literal type matches itself, an f-string one
    (`f"aws_vpc_security_group_{direction}_rule"`) every type its fields can make, a variable
    the values assigned to it in the module. A type passed in from elsewhere is not seen here
    (the examples still show it if they write it)."""
    found: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        assigned = _assignments(tree)
        for node in ast.walk(tree):
            call = _emitting_call(node)
            if call is not None:
                kind, argument = call
                found[kind].update(_type_patterns(argument, assigned))
    return found


def _emitting_call(node: ast.AST) -> tuple[str, ast.expr] | None:
    """(kind, the type argument) of a `<root>.resource(...)` / `<root>.data(...)` call."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return None
    if node.func.attr not in KINDS or len(node.args) != 3:
        return None
    return node.func.attr, node.args[1]


def _assignments(tree: ast.AST) -> dict[str, list[ast.expr]]:
    """name → the values assigned to it anywhere in the module."""
    found: dict[str, list[ast.expr]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, []).append(node.value)
    return found


def _type_patterns(node: ast.expr, assigned: dict[str, list[ast.expr]]) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [re.escape(node.value)]
    if isinstance(node, ast.JoinedStr):
        return [
            "".join(
                re.escape(part.value)
                if isinstance(part, ast.Constant) and isinstance(part.value, str)
                else _NAME_PART
                for part in node.values
            )
        ]
    if isinstance(node, ast.Name):
        return [p for value in assigned.get(node.id, []) for p in _type_patterns(value, {})]
    return []
