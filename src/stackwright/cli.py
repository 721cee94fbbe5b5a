"""The `stackwright` command.

Exit codes: 0 success; 1 the command failed for another reason; 2 the stack file or the
arguments are wrong; 3 over budget (only with `plan --fail-over-budget`); 4 `build` refused to
overwrite files edited by hand.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from stackwright import __version__
from stackwright.cost import cost_plan, default_catalog
from stackwright.emit.build import terraform_files
from stackwright.emit.files import HandEditsError, write_files
from stackwright.plan import plan_environment
from stackwright.report.plan_json import plan_json
from stackwright.report.plan_table import render_environment
from stackwright.stack import StackError, load_stack
from stackwright.stack.errors import Problem
from stackwright.stack.schema import stack_schema
from stackwright.suggest import did_you_mean

EXIT_USAGE = 2
EXIT_OVER_BUDGET = 3
EXIT_HAND_EDITS = 4

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Turn one stack file into an AWS plan with its monthly cost, and its Terraform.",
)


def _emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, sort_keys=False) + "\n")


def _fail(problems: list[Problem], as_json: bool) -> NoReturn:
    if as_json:
        _emit_json({"errors": [p.to_json() for p in problems]})
    else:
        err = Console(stderr=True, highlight=False, soft_wrap=True)
        for problem in problems:
            err.print(str(problem), markup=False)
    raise typer.Exit(EXIT_USAGE)


StackArg = Annotated[Path, typer.Argument(help="the stack file (YAML)", show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="print JSON instead of a table")]


def _version(value: bool) -> None:
    if value:
        Console(highlight=False).print(f"stackwright {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="print the version")
    ] = False,
) -> None:
    """Turn one stack file into an AWS plan with its monthly cost, and its Terraform."""


@app.command()
def plan(
    stack: StackArg,
    env: Annotated[
        list[str] | None, typer.Option("--env", "-e", help="only this environment (repeatable)")
    ] = None,
    phase: Annotated[
        int | None, typer.Option("--phase", "-p", min=1, max=4, help="preview another growth phase")
    ] = None,
    as_json: JsonOpt = False,
    fail_over_budget: Annotated[
        bool, typer.Option(help="exit 3 when an environment is over its budget")
    ] = False,
) -> None:
    """Every AWS resource each environment needs, and what each costs per month."""
    try:
        stack_file = load_stack(stack)
    except StackError as exc:
        _fail(exc.problems, as_json)
    names = list(stack_file.environments)
    for wanted in env or []:
        if wanted not in stack_file.environments:
            _fail(
                [
                    Problem(
                        str(stack),
                        0,
                        0,
                        ("environments",),
                        f"no environment '{wanted}'{did_you_mean(wanted, names)}",
                        f"environments: {', '.join(names)}",
                    )
                ],
                as_json,
            )
    catalog = default_catalog()
    results = []
    for name in env or names:
        environment_plan = plan_environment(stack_file, name, phase)
        results.append((environment_plan, cost_plan(environment_plan, catalog)))
    if as_json:
        _emit_json(plan_json(stack_file.stack.name, results, catalog.as_of))
    else:
        console = Console(highlight=False)
        if not console.is_terminal:
            console = Console(highlight=False, width=120)
        for environment_plan, cost in results:
            render_environment(console, environment_plan, cost)
        console.print(
            f"Prices: stackwright catalog as of {catalog.as_of}; a month is 730 hours.", style="dim"
        )
    if fail_over_budget and any(c.budget and c.budget.status == "over" for _, c in results):
        raise typer.Exit(EXIT_OVER_BUDGET)


@app.command()
def build(
    stack: StackArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="folder to write into")],
    force: Annotated[bool, typer.Option(help="overwrite files edited by hand")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Write Terraform for every environment and for its state bucket; keeps hand edits."""
    try:
        stack_file = load_stack(stack)
    except StackError as exc:
        _fail(exc.problems, as_json)
    files = terraform_files(stack_file)
    try:
        report = write_files(out, files, force=force)
    except (OSError, ValueError) as exc:
        Console(stderr=True, highlight=False, soft_wrap=True).print(
            f"{out}: cannot write: {exc}", markup=False
        )
        raise typer.Exit(1) from None
    except HandEditsError as exc:
        if as_json:
            _emit_json(
                {
                    "refused": [
                        {"path": c.path, "reason": c.reason, "diff": c.diff} for c in exc.conflicts
                    ]
                }
            )
        else:
            err = Console(stderr=True, highlight=False, soft_wrap=True)
            for conflict in exc.conflicts:
                err.print(
                    f"{out / conflict.path}: {conflict.reason}; not overwritten", markup=False
                )
                err.print(conflict.diff, markup=False, style="dim")
            err.print(
                "Nothing was written. Keep your edits in the stack file, or run again "
                "with --force to replace them.",
                markup=False,
            )
        raise typer.Exit(EXIT_HAND_EDITS) from None
    if as_json:
        _emit_json(
            {
                "out": str(out),
                "written": report.written,
                "unchanged": report.unchanged,
                "overwritten_edits": report.overwritten_edits,
                "stale": report.stale,
            }
        )
        return
    console = Console(highlight=False, soft_wrap=True)
    console.print(f"{out}: {len(report.written)} written, {len(report.unchanged)} unchanged.")
    for path in report.overwritten_edits:
        console.print(f"  replaced hand edits in {path} (--force)")
    for path in report.stale:
        console.print(f"  {path} is no longer produced; left in place, delete it if unused")


@app.command()
def schema() -> None:
    """Print the stack file's JSON Schema (for editor completion and checking)."""
    _emit_json(stack_schema())


@app.command()
def validate(stack: StackArg, as_json: JsonOpt = False) -> None:
    """Check a stack file; exit 2 with file:line:column for each problem."""
    try:
        stack_file = load_stack(stack)
    except StackError as exc:
        _fail(exc.problems, as_json)
    if as_json:
        _emit_json({"valid": True, "environments": list(stack_file.environments)})
    else:
        Console(highlight=False).print(f"{stack}: valid ({', '.join(stack_file.environments)})")


def main() -> None:
    try:
        app()
    except Exception as exc:  # a bug, not a user mistake: say so briefly, keep the details
        if os.environ.get("STACKWRIGHT_DEBUG"):
            raise
        Console(stderr=True).print(
            f"stackwright: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in stackwright. Run again with STACKWRIGHT_DEBUG=1 for the "
            "traceback, and please report it.",
            markup=False,
        )
        sys.exit(1)
