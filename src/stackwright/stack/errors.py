"""Errors in a stack file, each pinned to file, line and column.

StackError            raised by loading; carries one or more Problems
  └─ .problems[i]     file:line:column, the key path, what is wrong, and a suggestion

A Problem quotes the user's text (keys, values, the file's own name), which may hold newlines
or terminal escape sequences; every text it shows goes through `printable`, so one problem is
always one line and nothing in a stack file can drive the terminal.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Control and format characters (C0, C1, DEL, bidirectional overrides, line separators).
_UNSAFE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}


def _escape(char: str) -> str:
    code = ord(char)
    if char in "\n\r\t":
        return repr(char)[1:-1]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with control and format characters written as escapes (`\\n`, `\\x1b`)."""
    if text.isprintable():
        return text
    return "".join(_escape(c) if unicodedata.category(c) in _UNSAFE_CATEGORIES else c for c in text)


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    column: int
    path: tuple[str | int, ...]
    message: str
    hint: str | None = None

    @property
    def dotted_path(self) -> str:
        return printable(".".join(str(part) for part in self.path))

    def __str__(self) -> str:
        key = f" {self.dotted_path}:" if self.path else ""
        hint = f" ({printable(self.hint)})" if self.hint else ""
        where = f"{printable(self.file)}:{self.line}:{self.column}:"
        return f"{where}{key} {printable(self.message)}{hint}"

    def to_json(self) -> dict[str, object]:
        return {
            "file": printable(self.file),
            "line": self.line,
            "column": self.column,
            "path": self.dotted_path,
            "message": printable(self.message),
            "hint": printable(self.hint) if self.hint else None,
        }


class StackError(Exception):
    """A stack file that cannot be used; `problems` says every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
