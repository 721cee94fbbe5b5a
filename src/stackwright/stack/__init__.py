"""The stack file: models, loading with line-accurate errors, and JSON Schema export.

The names below load on first use, so that `stackwright.stack.errors` (which the command line
needs for every message) does not bring in the models."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stackwright.stack.errors import Problem, StackError
    from stackwright.stack.load import EnvironmentStack, StackFile, load_stack, load_text
    from stackwright.stack.model import Stack

_WHERE = {
    "Problem": "stackwright.stack.errors",
    "StackError": "stackwright.stack.errors",
    "EnvironmentStack": "stackwright.stack.load",
    "StackFile": "stackwright.stack.load",
    "load_stack": "stackwright.stack.load",
    "load_text": "stackwright.stack.load",
    "Stack": "stackwright.stack.model",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'stackwright.stack' has no attribute {name!r}")
    return getattr(import_module(_WHERE[name]), name)


__all__ = [
    "EnvironmentStack",
    "Problem",
    "Stack",
    "StackError",
    "StackFile",
    "load_stack",
    "load_text",
]
