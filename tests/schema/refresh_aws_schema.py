"""Regenerate tests/schema/aws-6.x.json: the hashicorp/aws 6.x schema trimmed to the resource and
data-source types stackwright writes (every example's Terraform, and every literal or f-string
type in the emitters' `.resource(...)` / `.data(...)` calls).

From a git copy of github.com/lonegunmanb/terraform-aws-schema (MIT; one Go file per type under
generated/resource and generated/data, each holding that type's `terraform providers schema
-json` entry; a tag per provider release):

    python -m tests.schema.refresh_aws_schema --repo PATH/TO/terraform-aws-schema [--ref v6.47.0]

or from `terraform providers schema -json` output for a root that uses the provider:

    python -m tests.schema.refresh_aws_schema --schema-json schema.json --provider-version 6.47.0

A type whose file the git copy does not hold (a partial clone leaves out the largest ones) is
listed under "unavailable" with the reason, and the script says so.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tests.schema.emitted import (
    KINDS,
    emitter_type_patterns,
    example_terraform,
    top_blocks,
    types_written,
)
from tests.schema.provider import (
    PROVIDER,
    SCHEMA_KEYS,
    TRIMMED_6X,
    Block,
    from_providers_schema,
    trim_block,
)

REPOSITORY = "https://github.com/lonegunmanb/terraform-aws-schema"
REGISTER = "generated/register.go"
# resources["aws_vpc"] = resource.AwsVpcSchema()
_REGISTERED = re.compile(
    r'(resources|dataSources)\["([a-z0-9_]+)"\] = (resource|data)\.(\w+)Schema\(\)'
)
_GO_BACKTICK = '` + "`" + `'  # how the generator writes a backtick inside the raw string
_PACKAGE_KIND = {"resource": "resource", "data": "data"}


@dataclass
class Trimmed:
    source: dict[str, Any]
    types: dict[str, dict[str, Block]] = field(default_factory=dict)
    unavailable: dict[str, dict[str, str]] = field(default_factory=dict)

    def document(self) -> dict[str, Any]:
        document: dict[str, Any] = {"source": self.source}
        if any(self.unavailable.values()):
            document["unavailable"] = {k: v for k, v in self.unavailable.items() if v}
        document.update({kind: self.types.get(kind, {}) for kind in KINDS})
        return document


def wanted_types(available: dict[str, set[str]]) -> dict[str, set[str]]:
    """kind → the types stackwright writes, among those `available`."""
    written = types_written(top_blocks(example_terraform()))
    patterns = emitter_type_patterns()
    return {
        kind: written[kind]
        | {name for name in available[kind] for p in patterns[kind] if re.fullmatch(p, name)}
        for kind in KINDS
    }


def _git(repo: Path, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(
        ["git", f"--git-dir={_git_dir(repo)}", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def _git_dir(repo: Path) -> Path:
    return repo / ".git" if (repo / ".git").exists() else repo


def _registered(repo: Path, ref: str) -> dict[str, dict[str, str]]:
    """kind → type → the path of its Go file, from generated/register.go."""
    found: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}
    for _, name, package, function in _REGISTERED.findall(_git(repo, "show", f"{ref}:{REGISTER}")):
        go_name = function[0].lower() + function[1:]
        found[_PACKAGE_KIND[package]][name] = f"generated/{package}/{go_name}.go"
    return found


def _read_blobs(repo: Path, ref: str, paths: list[str]) -> dict[str, str | None]:
    """path → the file's text at `ref`, or None where the copy does not hold it."""
    listing = _git(repo, "cat-file", "--batch-check", stdin="".join(f"{ref}:{p}\n" for p in paths))
    present = [p for p, line in zip(paths, listing.splitlines(), strict=True) if " blob " in line]
    texts: dict[str, str | None] = dict.fromkeys(paths)
    for path in present:
        texts[path] = _git(repo, "show", f"{ref}:{path}")
    return texts


def schema_of_go_file(text: str) -> dict[str, Any]:
    """The schema JSON a generated Go file holds in its raw string constant."""
    start = text.index("= `") + len("= `")
    end = text.rindex("`\n", start, text.index("\nfunc "))
    return dict(json.loads(text[start:end].replace(_GO_BACKTICK, "`")))


def _provider_version(repo: Path, ref: str) -> str:
    tags = [t.removeprefix("v") for t in _git(repo, "tag", "--points-at", ref).split()]
    if tags:
        return sorted(tags)[-1]
    subject = _git(repo, "log", "-1", "--format=%s", ref)
    match = re.search(r"version (\d+\.\d+\.\d+)", subject)
    if match is None:
        raise SystemExit(f"cannot tell the provider version of {ref} ({subject.strip()!r})")
    return match.group(1)


def from_repository(repo: Path, ref: str) -> Trimmed:
    registered = _registered(repo, ref)
    wanted = wanted_types({kind: set(registered[kind]) for kind in KINDS})
    trimmed = Trimmed(_repository_source(repo, ref))
    for kind in KINDS:
        paths = {
            name: registered[kind][name]
            for name in sorted(wanted[kind])
            if name in registered[kind]
        }
        texts = _read_blobs(repo, ref, list(paths.values()))
        trimmed.types[kind] = {}
        trimmed.unavailable[kind] = {}
        for name, path in paths.items():
            text = texts[path]
            if text is None:
                trimmed.unavailable[kind][name] = f"{path} is not held by the git copy read"
            else:
                trimmed.types[kind][name] = trim_block(schema_of_go_file(text)["block"])
    return trimmed


def _repository_source(repo: Path, ref: str) -> dict[str, Any]:
    commit = _git(repo, "rev-parse", f"{ref}^{{commit}}").strip()
    return {
        "provider": PROVIDER,
        "provider_version": _provider_version(repo, ref),
        "repository": REPOSITORY,
        "license": "MIT",
        "commit": commit,
        "commit_date": _git(repo, "log", "-1", "--format=%cI", commit).strip(),
        "paths": "generated/resource/<type>.go, generated/data/<type>.go (lowerCamelCase names)",
        "refreshed": date.today().isoformat(),
        "refresh": "python -m tests.schema.refresh_aws_schema --repo PATH [--ref REF]",
    }


def from_schema_json(path: Path, version: str) -> Trimmed:
    document = json.loads(path.read_text(encoding="utf-8"))
    schemas = document["provider_schemas"][PROVIDER]
    available = {kind: set(schemas.get(SCHEMA_KEYS[kind], {})) for kind in KINDS}
    schema = from_providers_schema(document, version, wanted_types(available))
    source = {
        "provider": PROVIDER,
        "provider_version": version,
        "from": "terraform providers schema -json",
        "refreshed": date.today().isoformat(),
        "refresh": (
            "python -m tests.schema.refresh_aws_schema --schema-json FILE --provider-version V"
        ),
    }
    return Trimmed(source, schema.types, {kind: {} for kind in KINDS})


def render(value: Any, indent: str = "") -> str:
    """Sorted JSON, one line per object that holds objects (an attribute's flags and type, which
    hold none, on one line)."""
    if not isinstance(value, dict) or not any(isinstance(v, dict) for v in value.values()):
        return json.dumps(value, separators=(", ", ": "), sort_keys=True)
    inner = indent + " "
    items = [f"{inner}{json.dumps(k)}: {render(v, inner)}" for k, v in sorted(value.items())]
    return "{\n" + ",\n".join(items) + f"\n{indent}}}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    given = parser.add_mutually_exclusive_group(required=True)
    given.add_argument("--repo", type=Path, help="a git copy of terraform-aws-schema")
    given.add_argument("--schema-json", type=Path, help="`terraform providers schema -json` output")
    parser.add_argument("--ref", default="HEAD", help="the tag or commit to read (with --repo)")
    parser.add_argument("--provider-version", help="the provider version (with --schema-json)")
    parser.add_argument("--out", type=Path, default=TRIMMED_6X)
    args = parser.parse_args(argv)
    if args.repo is not None:
        trimmed = from_repository(args.repo, args.ref)
    elif args.provider_version:
        trimmed = from_schema_json(args.schema_json, args.provider_version)
    else:
        parser.error("--schema-json needs --provider-version")
    args.out.write_text(render(trimmed.document()) + "\n", "utf-8")
    counts = ", ".join(f"{len(trimmed.types[kind])} {kind}" for kind in KINDS)
    print(f"wrote {args.out} (aws {trimmed.source['provider_version']}: {counts})")
    for kind in KINDS:
        for name, why in sorted(trimmed.unavailable.get(kind, {}).items()):
            print(f"unavailable: {kind} {name}: {why}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
