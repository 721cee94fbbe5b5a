"""A small HCL writer whose output is already `terraform fmt` clean.

Values: str (a literal: quoted and escaped here, so no text can start an interpolation or end
the string), bool, int, float, Interpolation (a quoted string of literal parts and expressions),
Raw (an expression written as is: only the emitters' own references and calls, never stack
text), list, dict (an object). Consecutive one-line attributes have their `=` aligned, as
`terraform fmt` does; a multi-line value, a nested block, a comment or a blank line ends the run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

INDENT = "  "
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
MAX_INLINE_LIST = 90


@dataclass(frozen=True, slots=True)
class Raw:
    """An HCL expression: a reference, a function call, a template string."""

    text: str


@dataclass(frozen=True, slots=True)
class Interpolation:
    """A quoted string made of literal text and `${...}` expressions, e.g.
    `Interpolation((Raw("aws_s3_bucket.files.arn"), "/*"))`; literal parts are escaped."""

    parts: tuple[str | Raw, ...]


@dataclass(frozen=True, slots=True)
class Call:
    """A function applied to one value, e.g. jsonencode({...}) written as HCL."""

    function: str
    value: Value
    leading: tuple[str, ...] = ()  # arguments before the value, written as is


Value: TypeAlias = (
    str
    | bool
    | int
    | float
    | Raw
    | Interpolation
    | Call
    | Sequence["Value"]
    | Mapping[str, "Value"]
    | None
)


@dataclass(frozen=True, slots=True)
class Comment:
    text: str


@dataclass(frozen=True, slots=True)
class Blank:
    pass


@dataclass(slots=True)
class Block:
    kind: str
    labels: tuple[str, ...] = ()
    body: list[Item] = field(default_factory=list)

    def attr(self, name: str, value: Value) -> Block:
        """Add an attribute; None means leave it out."""
        if value is not None:
            self.body.append(Attr(name, value))
        return self

    def attrs(self, **values: Value) -> Block:
        for name, value in values.items():
            self.attr(name, value)
        return self

    def block(self, kind: str, *labels: str) -> Block:
        child = Block(kind, labels)
        self.body.append(child)
        return child

    def comment(self, text: str) -> Block:
        self.body.append(Comment(text))
        return self

    def blank(self) -> Block:
        self.body.append(Blank())
        return self


@dataclass(frozen=True, slots=True)
class Attr:
    name: str
    value: Value


Item = Attr | Block | Comment | Blank


def ref(text: str) -> Raw:
    return Raw(text)


def interpolate(*parts: str | Raw) -> Interpolation:
    return Interpolation(parts)


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if not char.isprintable() and char != " ":
        code = ord(char)
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    return char


def _literal(text: str) -> str:
    """Text as the inside of an HCL string: escapes for quotes, backslashes and control
    characters (HCL knows \\n \\r \\t \\" \\\\ \\uNNNN \\UNNNNNNNN), and `$${` / `%%{` so
    that nothing in it is read as an interpolation or a directive."""
    if text.isprintable() and '"' not in text and "\\" not in text:
        escaped = text  # the common case, checked in C
    else:
        escaped = "".join(_escape_char(c) for c in text)
    return escaped.replace("${", "$${").replace("%{", "%%{")


def quote(text: str) -> str:
    return f'"{_literal(text)}"'


def _interpolation(value: Interpolation) -> str:
    inside = "".join(
        f"${{{part.text}}}" if isinstance(part, Raw) else _literal(part) for part in value.parts
    )
    return f'"{inside}"'


def _key(name: str) -> str:
    return name if IDENTIFIER.fullmatch(name) else quote(name)


def render_value(value: Value, indent: str) -> list[str]:
    """The value's lines; the first continues the line of its attribute."""
    if isinstance(value, Raw):
        return value.text.split("\n")
    if isinstance(value, Interpolation):
        return [_interpolation(value)]
    if isinstance(value, Call):
        inner: list[str] = render_value(value.value, indent)
        head = value.function + "(" + "".join(f"{arg}, " for arg in value.leading)
        if len(inner) == 1:
            return [f"{head}{inner[0]})"]
        return [f"{head}{inner[0]}", *inner[1:-1], inner[-1] + ")"]
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, int | float):
        return [repr(value)]
    if isinstance(value, str):
        return [quote(value)]
    if isinstance(value, Mapping):
        if not value:
            return ["{}"]
        lines = ["{"]
        lines += _render_attrs([Attr(_key(k), v) for k, v in value.items()], indent + INDENT)
        lines.append(indent + "}")
        return lines
    if isinstance(value, Sequence):
        items = [render_value(v, indent + INDENT) for v in value]
        if all(len(i) == 1 for i in items):
            inline = "[" + ", ".join(i[0] for i in items) + "]"
            if len(inline) <= MAX_INLINE_LIST:
                return [inline]
        lines = ["["]
        for item in items:
            lines.append(indent + INDENT + item[0])
            lines.extend(item[1:])
            lines[-1] += ","
        lines.append(indent + "]")
        return lines
    raise TypeError(f"cannot write {value!r} as HCL")


def _render_attrs(attrs: Iterable[Attr], indent: str) -> list[str]:
    return _render_body(list(attrs), indent)


def _render_body(items: list[Item], indent: str) -> list[str]:
    lines: list[str] = []
    run: list[tuple[str, str]] = []  # one-line attributes waiting to be aligned

    def flush() -> None:
        width = max((len(name) for name, _ in run), default=0)
        lines.extend(f"{indent}{name.ljust(width)} = {text}" for name, text in run)
        run.clear()

    for item in items:
        if isinstance(item, Attr):
            rendered = render_value(item.value, indent)
            one_line = len(rendered) == 1 and not (
                isinstance(item.value, Raw) and _opens_bracket(rendered[0])
            )
            if one_line:
                run.append((item.name, rendered[0]))
                continue
            flush()
            lines.append(f"{indent}{item.name} = {rendered[0]}")
            lines.extend(rendered[1:])
        elif isinstance(item, Block):
            flush()
            lines.extend(_render_block(item, indent))
        elif isinstance(item, Comment):
            flush()
            lines.extend(_comment(item, indent))
        else:
            flush()
            lines.append("")
    flush()
    return lines


def _opens_bracket(text: str) -> bool:
    """A one-line value that leaves brackets open is written over several lines."""
    depth = 0
    in_string = False
    escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
    return depth != 0


def _comment(comment: Comment, indent: str) -> list[str]:
    """`# ` before each line; a control character inside a line is written as an escape, so
    a comment can never end early."""
    return [
        f"{indent}# {''.join(c if c.isprintable() else repr(c)[1:-1] for c in line)}".rstrip()
        for line in comment.text.split("\n")
    ]


def _render_block(block: Block, indent: str) -> list[str]:
    head = " ".join([block.kind, *(quote(label) for label in block.labels)])
    if not block.body:
        return [f"{indent}{head} {{", f"{indent}}}"]
    return [f"{indent}{head} {{", *_render_body(block.body, indent + INDENT), f"{indent}}}"]


def render_file(items: Sequence[Item]) -> str:
    """Top-level blocks separated by one blank line."""
    chunks: list[str] = []
    for item in items:
        if isinstance(item, Block):
            chunks.append("\n".join(_render_block(item, "")))
        elif isinstance(item, Comment):
            chunks.append("\n".join(_comment(item, "")))
    return "\n\n".join(chunks) + "\n"
