"""The stack file: models, loading with line-accurate errors, and JSON Schema export."""

from stackwright.stack.errors import Problem, StackError
from stackwright.stack.load import EnvironmentStack, StackFile, load_stack, load_text
from stackwright.stack.model import Stack

__all__ = [
    "EnvironmentStack",
    "Problem",
    "Stack",
    "StackError",
    "StackFile",
    "load_stack",
    "load_text",
]
