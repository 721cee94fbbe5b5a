"""Errors in a stack file, each pinned to file, line and column.

StackError            raised by loading; carries one or more Problems
  └─ .problems[i]     file:line:column, the key path, what is wrong, and a suggestion
"""

from __future__ import annotations

from dataclasses import dataclass


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
        return ".".join(str(part) for part in self.path)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        key = f" {self.dotted_path}:" if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}:{key} {self.message}{hint}"

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.dotted_path,
            "message": self.message,
            "hint": self.hint,
        }


class StackError(Exception):
    """A stack file that cannot be used; `problems` says every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
