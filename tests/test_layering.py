"""`stack` and `plan` import nothing from the layers built on them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "stackwright"
FORBIDDEN = {
    "stack": (
        "stackwright.plan",
        "stackwright.cost",
        "stackwright.report",
        "stackwright.cli",
        "stackwright.emit",
        "stackwright.render",
    ),
    "plan": (
        "stackwright.cost",
        "stackwright.report",
        "stackwright.cli",
        "stackwright.emit",
        "stackwright.render",
    ),
    "cost": ("stackwright.report", "stackwright.cli", "stackwright.emit", "stackwright.render"),
    "emit": ("stackwright.cost", "stackwright.report", "stackwright.cli"),
    "checks": ("stackwright.report", "stackwright.cli", "stackwright.emit", "stackwright.render"),
    "availability": (
        "stackwright.report",
        "stackwright.cli",
        "stackwright.emit",
        "stackwright.render",
        "stackwright.checks",
    ),
}


def imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_does_not_import_upward(layer: str) -> None:
    for path in (PACKAGE / layer).rglob("*.py"):
        bad = {m for m in imports(path) if m.startswith(FORBIDDEN[layer])}
        assert not bad, f"{path.relative_to(PACKAGE)} imports {sorted(bad)}"


def test_the_command_line_loads_only_what_a_command_uses() -> None:
    """`stackwright --version` and the help start fast: importing the command line brings in
    no model, plan, price or report module (each command imports what it uses)."""
    import subprocess
    import sys

    probe = (
        "import sys, stackwright.cli\n"
        "heavy = ('pydantic', 'rich', 'yaml', 'stackwright.stack.model', 'stackwright.plan',"
        " 'stackwright.cost', 'stackwright.checks', 'stackwright.emit', 'stackwright.report')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert loaded.strip() == "[]", loaded
