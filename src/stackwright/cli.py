"""The `stackwright` command.

Exit codes: 0 success; 1 the command failed for another reason; 2 the stack file or the
arguments are wrong; 3 over budget (only with `plan --fail-over-budget`); 4 `build` refused to
overwrite files edited by hand; 5 `check` found something at or above `--fail-on`.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TextIO, cast

import typer

from stackwright import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from stackwright.checks.model import Finding
    from stackwright.cost import EnvironmentCost
    from stackwright.cost.catalog import Catalog
    from stackwright.plan import Plan
    from stackwright.report.check_view import Located
    from stackwright.stack import StackFile
    from stackwright.stack.errors import Problem

EXIT_USAGE = 2
EXIT_OVER_BUDGET = 3
EXIT_HAND_EDITS = 4
EXIT_FINDINGS = 5

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Turn one stack file into an AWS plan with its monthly cost, and its Terraform.",
)


def _emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, sort_keys=False) + "\n")


def _say(text: str, *, err: bool = False) -> None:
    """One line of plain text: no markup, no emoji codes, no control characters."""
    from stackwright.stack.errors import printable

    (sys.stderr if err else sys.stdout).write(printable(text) + "\n")


def _printable_lines(text: str) -> str:
    """Multi-line text (a diff) with every line made printable."""
    from stackwright.stack.errors import printable

    return "\n".join(printable(line) for line in text.split("\n"))


def _fail(problems: list[Problem], as_json: bool) -> NoReturn:
    if as_json:
        _emit_json({"errors": [p.to_json() for p in problems]})
    else:
        for problem in problems:
            sys.stderr.write(str(problem) + "\n")
    raise typer.Exit(EXIT_USAGE)


# What the tables print beyond ASCII, for a terminal whose encoding lacks it.
_ASCII_GLYPHS = str.maketrans({"×": "x", "·": "-", "→": "->", "…": "...", "≤": "<=", "≥": ">="})


class _AsciiGlyphs:
    """A text stream that writes ×, · and the like as ASCII (rich then draws ASCII boxes)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.encoding = stream.encoding  # read by rich

    def write(self, text: str) -> int:
        return self._stream.write(text.translate(_ASCII_GLYPHS))

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()


def _console(*, stderr: bool = False, width: int | None = None) -> Console:
    """A rich console that prints text as written (no markup, no emoji codes), in whatever
    encoding the locale gives."""
    from rich.console import Console

    stream: TextIO = sys.stderr if stderr else sys.stdout
    try:
        "×·→".encode(stream.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        stream = cast(TextIO, _AsciiGlyphs(stream))
    return Console(
        file=stream, highlight=False, emoji=False, markup=False, soft_wrap=True, width=width
    )


class PricingChoice(StrEnum):
    on_demand = "on-demand"
    reserved = "reserved"


StackArg = Annotated[Path, typer.Argument(help="the stack file (YAML)", show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="print JSON instead of a table")]


def _version(value: bool) -> None:
    if value:
        _say(f"stackwright {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="print the version")
    ] = False,
) -> None:
    """Turn one stack file into an AWS plan with its monthly cost, and its Terraform."""


EnvOpt = Annotated[
    list[str] | None, typer.Option("--env", "-e", help="only this environment (repeatable)")
]
PhaseOpt = Annotated[
    int | None, typer.Option("--phase", "-p", min=1, max=4, help="preview another growth phase")
]
PricingOpt = Annotated[
    PricingChoice | None,
    typer.Option(
        "--pricing",
        help="on-demand, or reserved (1-year, no upfront, where AWS sells it); "
        "default: reserved at phase 4, on-demand before. Both totals are shown either way.",
        show_default=False,
    ),
]
CatalogOpt = Annotated[
    Path | None,
    typer.Option(
        "--catalog",
        help="price from this catalog file (`stackwright prices refresh` writes one) "
        "instead of the one shipped with stackwright",
        show_default=False,
    ),
]


@app.command()
def plan(
    stack: StackArg,
    env: EnvOpt = None,
    phase: PhaseOpt = None,
    as_json: JsonOpt = False,
    fail_over_budget: Annotated[
        bool, typer.Option(help="exit 3 when an environment is over its budget")
    ] = False,
    pricing: PricingOpt = None,
    catalog_file: CatalogOpt = None,
) -> None:
    """Every AWS resource each environment needs, and what each costs per month."""
    from stackwright.cost.catalog import CatalogError

    stack_file, catalog, names = _priced_stack(stack, env, catalog_file, as_json)
    over_budget = False

    def results() -> Iterator[tuple[Plan, EnvironmentCost]]:
        nonlocal over_budget
        for environment_plan, cost in _costs(stack_file, names, phase, pricing, catalog):
            over_budget |= cost.budget is not None and cost.budget.status == "over"
            yield environment_plan, cost

    try:
        _print_plans(results(), stack_file.stack.name, catalog, as_json)
    except CatalogError as exc:  # an item a catalog file lacks: said once, after what was printed
        _fail_plainly(str(exc), as_json)
    if fail_over_budget and over_budget:
        raise typer.Exit(EXIT_OVER_BUDGET)


@app.command()
def bill(
    stack: StackArg,
    env: EnvOpt = None,
    phase: PhaseOpt = None,
    as_json: JsonOpt = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="print Markdown tables")] = False,
    pricing: PricingOpt = None,
    catalog_file: CatalogOpt = None,
) -> None:
    """Each environment's monthly cost as AWS bills it: service, usage type, quantity, rate."""
    from stackwright.cost.bill import environment_bill
    from stackwright.cost.catalog import CatalogError
    from stackwright.report.bill_view import PREFIX_NOTE, bill_json, bill_markdown, render_bill

    stack_file, catalog, names = _priced_stack(stack, env, catalog_file, as_json)
    try:
        triples = [
            (environment_plan, cost, environment_bill(cost))
            for environment_plan, cost in _costs(stack_file, names, phase, pricing, catalog)
        ]
    except CatalogError as exc:
        _fail_plainly(str(exc), as_json)
    if as_json:
        _emit_json(bill_json(stack_file.stack.name, triples, catalog.as_of))
    elif markdown:
        sys.stdout.write(bill_markdown(triples, catalog.as_of))
    else:
        console = _console()
        if not console.is_terminal:
            console = _console(width=120)
        for environment_plan, cost, environment in triples:
            render_bill(console, environment_plan, cost, environment)
        console.print(PREFIX_NOTE, style="dim")
        console.print(f"Prices: {catalog.origin} as of {catalog.as_of}.", style="dim")


def _priced_stack(
    stack: Path, env: list[str] | None, catalog_file: Path | None, as_json: bool
) -> tuple[StackFile, Catalog, list[str]]:
    """The stack, the catalog and the environments asked for, or exit 2 saying what is wrong."""
    from stackwright.stack import StackError, load_stack
    from stackwright.suggest import did_you_mean

    try:
        stack_file = load_stack(stack)
    except StackError as exc:
        _fail(exc.problems, as_json)
    catalog = _catalog(catalog_file, as_json)
    names = list(stack_file.environments)
    for wanted in env or []:
        if wanted not in stack_file.environments:
            _fail(
                [
                    stack_file.problem(
                        ("environments",),
                        f"no environment '{wanted}'{did_you_mean(wanted, names)}",
                        f"environments: {', '.join(names)}",
                    )
                ],
                as_json,
            )
    _check_priced(catalog, stack_file, env or names, as_json)
    return stack_file, catalog, env or names


def _costs(
    stack_file: StackFile,
    names: list[str],
    phase: int | None,
    pricing: PricingChoice | None,
    catalog: Catalog,
) -> Iterator[tuple[Plan, EnvironmentCost]]:
    """One environment at a time, so a stack of many holds one plan in memory."""
    from stackwright.cost import cost_plan
    from stackwright.cost.engine import default_pricing
    from stackwright.plan import plan_environment

    for name in names:
        environment_plan = plan_environment(stack_file, name, phase)
        way = pricing.value if pricing else default_pricing(environment_plan)
        yield environment_plan, cost_plan(environment_plan, catalog, way)


def _print_plans(
    results: Iterator[tuple[Plan, EnvironmentCost]], stack: str, catalog: Catalog, as_json: bool
) -> None:
    from stackwright.report.plan_json import write_plan_json
    from stackwright.report.plan_table import render_environment

    if as_json:
        write_plan_json(sys.stdout, stack, results, catalog.as_of)
    else:
        console = _console()
        if not console.is_terminal:
            console = _console(width=120)
        for environment_plan, cost in results:
            render_environment(console, environment_plan, cost)
        console.print(
            f"Prices: {catalog.origin} as of {catalog.as_of} (the date of its oldest source); "
            "a month is 730 hours.",
            style="dim",
        )


def _catalog(path: Path | None, as_json: bool) -> Catalog:
    from stackwright.cost import default_catalog
    from stackwright.cost.catalog import CatalogError, load_catalog

    if path is None:
        return default_catalog()
    try:
        return load_catalog(path)
    except CatalogError as exc:
        _fail_plainly(str(exc), as_json)


def _check_priced(
    catalog: Catalog, stack_file: StackFile, environments: list[str], as_json: bool
) -> None:
    """Every region an environment runs in has prices, or exit 2 at the line that names it."""
    from stackwright.cost.catalog import UnpricedRegion

    for name in environments:
        environment = stack_file.environments[name]
        if environment.region not in catalog.regions:
            where = ("environments", name, "region") if environment.settings.region else ("region",)
            message = str(UnpricedRegion(environment.region, catalog.regions, catalog.origin))
            _fail([stack_file.problem(where, message)], as_json)


def _fail_plainly(message: str, as_json: bool) -> NoReturn:
    from stackwright.stack.errors import printable

    if as_json:
        _emit_json({"errors": [{"message": printable(message)}]})
    else:
        _say(f"stackwright: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


@app.command()
def build(
    stack: StackArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="folder to write into")],
    force: Annotated[bool, typer.Option(help="overwrite files edited by hand")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Write Terraform for every environment and for its state bucket; keeps hand edits."""
    from stackwright.emit.build import terraform_files
    from stackwright.emit.files import HandEditsError, write_files
    from stackwright.stack import StackError, load_stack

    try:
        stack_file = load_stack(stack)
    except StackError as exc:
        _fail(exc.problems, as_json)
    files = terraform_files(stack_file)
    try:
        report = write_files(out, files, force=force)
    except (OSError, ValueError) as exc:
        _say(f"{out}: cannot write: {exc}", err=True)
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
            err = _console(stderr=True)
            for conflict in exc.conflicts:
                _say(f"{out / conflict.path}: {conflict.reason}; not overwritten", err=True)
                err.print(_printable_lines(conflict.diff), style="dim")
            _say(
                "Nothing was written. Keep your edits in the stack file, or run again "
                "with --force to replace them.",
                err=True,
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
    _say(f"{out}: {len(report.written)} written, {len(report.unchanged)} unchanged.")
    for path in report.overwritten_edits:
        _say(f"  replaced hand edits in {path} (--force)")
    for path in report.stale:
        _say(f"  {path} is no longer produced; left in place, delete it if unused")


prices_app = typer.Typer(
    no_args_is_help=True, help="The price catalog: rebuild it from AWS's own Price List."
)
app.add_typer(prices_app, name="prices")


@prices_app.command("refresh")
def prices_refresh(
    out: Annotated[Path, typer.Option("--out", "-o", help="the catalog file to write")],
    offers: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="a folder of Price List offer files (JSON or CSV, as AWS publishes them)",
            show_default=False,
        ),
    ] = None,
    api: Annotated[
        bool, typer.Option("--api", help="ask the Price List Query API (your AWS credentials)")
    ] = False,
    region: Annotated[
        list[str] | None,
        typer.Option("--region", "-r", help="a region to price (repeatable)", show_default=False),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Build a catalog from AWS's Price List for any regions; use it with `plan --catalog`."""
    from stackwright.aws.instances import REGIONS
    from stackwright.cost import default_catalog
    from stackwright.cost.pricelist import catalog_text, refresh_from_api, refresh_from_files
    from stackwright.cost.pricelist.offers import OfferFileError

    if (offers is None) == (not api):
        _fail_plainly("give either --from DIR (offer files) or --api", as_json)
    regions = region or list(REGIONS)
    if offers is not None:
        if not offers.is_dir():
            _fail_plainly(f"{offers}: not a folder of offer files", as_json)
        try:
            found = refresh_from_files(offers, regions)
        except (OfferFileError, OSError) as exc:
            _fail_plainly(str(exc), as_json)
    else:
        found = refresh_from_api(_pricing_client(as_json), regions)
    text = catalog_text(found, default_catalog())
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        _say(f"{out}: cannot write: {exc.strerror or exc}", err=True)
        raise typer.Exit(1) from None
    priced = sum(len(r) for r in found.prices.values())
    unmatched = found.unmatched()
    if as_json:
        _emit_json(
            {
                "out": str(out),
                "regions": list(found.regions),
                "offers": [
                    {"source": k, "offer": o.offer_code, "published": o.publication_date}
                    for k, o in sorted(found.sources.items())
                ],
                "prices": priced,
                "unmatched": [{"item": k, "region": r, "why": w} for k, r, w in unmatched],
                "ignored_files": found.ignored_files,
            }
        )
    else:
        _say(
            f"{out}: {priced} prices for {', '.join(found.regions)} from "
            f"{len(found.sources)} offer(s); {len(unmatched)} item-region(s) unpriced."
        )
        for key, where, why in unmatched:
            _say(f"  {key} ({where}): {why}")
        for line in found.ignored_files:
            _say(f"  skipped {line}")
    if priced == 0:
        raise typer.Exit(1)


def _pricing_client(as_json: bool) -> Any:
    try:
        import boto3  # type: ignore[import-untyped]
    except ImportError:
        _fail_plainly("--api needs boto3: pip install 'stackwright[api]'", as_json)
    return boto3.client("pricing", region_name="us-east-1")


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    note = "note"
    never = "never"


@app.command()
def check(
    stack: Annotated[
        Path | None,
        typer.Argument(help="the stack file (YAML)", show_default=False),
    ] = None,
    env: EnvOpt = None,
    phase: PhaseOpt = None,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text, json, or sarif (GitHub)")
    ] = CheckFormat.text,
    as_json: Annotated[bool, typer.Option("--json", help="the same as --format json")] = False,
    fail_on: Annotated[
        FailOn,
        typer.Option(help="exit 5 when a finding this severe or worse is not suppressed"),
    ] = FailOn.error,
    list_rules: Annotated[
        bool, typer.Option("--list-rules", help="list the rules instead of checking")
    ] = False,
) -> None:
    """Security and reliability checks on the plan, each finding at its stack-file line."""
    from stackwright.checks.registry import RULES
    from stackwright.plan import plan_environment
    from stackwright.report import check_view

    wants_json = as_json or output_format is CheckFormat.json
    if list_rules:
        if wants_json:
            _emit_json({"rules": [check_view.rule_json(rule) for rule in RULES]})
        else:
            check_view.render_rules(_console(), RULES)
        return
    if stack is None:
        _fail_plainly("give a stack file, or --list-rules", wants_json)
    stack_file, catalog, names = _priced_stack(stack, env, None, wants_json)
    _check_suppressions(stack_file, wants_json)
    plans = [plan_environment(stack_file, name, phase) for name in names]
    located = check_view.locate(stack_file, _findings(plans, catalog))
    if output_format is CheckFormat.sarif:
        from stackwright.report.sarif import sarif_log

        _emit_json(sarif_log(RULES, located, _repository_path(stack)))
        _exit_on_findings(located, fail_on)
        return
    from stackwright.availability import analyse
    from stackwright.report import availability_view

    analyses = [(plan, analyse(plan)) for plan in plans]
    if wants_json:
        report = check_view.findings_json(stack_file.stack.name, located, fail_on.value)
        report["availability"] = [availability_view.availability_json(*pair) for pair in analyses]
        _emit_json(report)
    else:
        console = _console()
        if not console.is_terminal:
            console = _console(width=120)
        for pair in analyses:
            availability_view.render_availability(console, *pair)
        check_view.render_findings(console, stack_file.stack.name, located)
    _exit_on_findings(located, fail_on)


def _exit_on_findings(located: list[Located], fail_on: FailOn) -> None:
    if fail_on is not FailOn.never and any(
        item.finding.suppressed is None and item.finding.at_least(fail_on.value) for item in located
    ):
        raise typer.Exit(EXIT_FINDINGS)


def _findings(plans: list[Plan], catalog: Catalog) -> Iterator[Finding]:
    from stackwright.checks.engine import run_checks

    for plan in plans:
        yield from run_checks(plan, catalog=catalog)


def _check_suppressions(stack_file: StackFile, as_json: bool) -> None:
    """Each suppression names a rule that exists, or exit 2 at its line."""
    from stackwright.checks.registry import RULES_BY_ID
    from stackwright.suggest import did_you_mean

    problems = [
        stack_file.problem(
            ("checks", "suppress", index, "id"),
            f"no rule {s.id}{did_you_mean(s.id, RULES_BY_ID)}",
            "`stackwright check --list-rules` lists them",
        )
        for index, s in enumerate(stack_file.stack.checks.suppress)
        if s.id not in RULES_BY_ID
    ]
    if problems:
        _fail(problems, as_json)


def _repository_path(stack: Path) -> str:
    """The stack file's path from the root of the git repository holding it (else from the
    working directory), with forward slashes, as code scanning expects."""
    path = stack.resolve()
    for folder in path.parents:
        if (folder / ".git").exists():
            return path.relative_to(folder).as_posix()
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@app.command()
def schema() -> None:
    """Print the stack file's JSON Schema (for editor completion and checking)."""
    from stackwright.stack.schema import stack_schema

    _emit_json(stack_schema())


@app.command()
def validate(stack: StackArg, as_json: JsonOpt = False) -> None:
    """Check a stack file; exit 2 with file:line:column for each problem."""
    from stackwright.stack import StackError, load_stack

    try:
        stack_file = load_stack(stack)
    except StackError as exc:
        _fail(exc.problems, as_json)
    if as_json:
        _emit_json({"valid": True, "environments": list(stack_file.environments)})
    else:
        _say(f"{stack}: valid ({', '.join(stack_file.environments)})")


def _usage_error(error: Exception, args: list[str]) -> int:
    """A mistake on the command line, as one line (or JSON with --json), exit 2.

    Typer carries click inside it and exports only the base of click's exceptions, so their
    parts are read by name."""
    from stackwright.stack.errors import printable

    message: str = getattr(error, "format_message", lambda: str(error))()
    context: Any = getattr(error, "ctx", None)
    if not message and context is not None:  # no arguments at all: show the help
        _say(context.get_help())
        return 0
    hint = None
    if "No such option" in message and any(a.startswith("-") and "." in a for a in args):
        hint = "a file whose name starts with '-' is written as ./-name.yaml"
    elif context is not None:
        hint = f"see `{context.command_path} --help`"
    if "--json" in args:
        _emit_json({"errors": [{"message": printable(message), "hint": hint}]})
    else:
        _say(f"stackwright: {message}" + (f" ({hint})" if hint else ""), err=True)
    return EXIT_USAGE


def _never_fail_to_print() -> None:
    """Whatever the locale's encoding, print what it cannot show as escapes, never crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def main() -> None:
    _never_fail_to_print()
    args = sys.argv[1:]
    try:
        code = app(args=args, prog_name="stackwright", standalone_mode=False)
    except typer.TyperException as exc:
        code = _usage_error(exc, args)
    except (typer.Abort, KeyboardInterrupt):
        code = 130
    except Exception as exc:  # a bug, not a user mistake: say so briefly, keep the details
        if os.environ.get("STACKWRIGHT_DEBUG"):
            raise
        _say(f"stackwright: internal error: {type(exc).__name__}: {exc}", err=True)
        _say(
            "This is a bug in stackwright. Run again with STACKWRIGHT_DEBUG=1 for the "
            "traceback, and please report it.",
            err=True,
        )
        code = 1
    sys.exit(code if isinstance(code, int) else 0)
