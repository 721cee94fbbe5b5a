"""Every `resource` and `data` block the examples write fits the hashicorp/aws 6.x schema (the
trimmed copy in tests/schema/aws-6.x.json, see tests/schema/README.md) and the 5.x provider in
the local mirror: the type exists and is not deprecated; every argument and nested block written
exists, is not deprecated and can be set (not computed-only); required arguments and blocks are
there; no block is written more often than allowed.

`terraform validate` covers the mirrored 5.x provider; the 6.x provider cannot be downloaded
here, so its schema is read from public data instead. A type listed under "unavailable" in the
trimmed copy is checked against the 5.x provider only.
"""

from __future__ import annotations

import json
import re

import pytest

from stackwright.emit.terraform.context import AWS_PROVIDER_VERSION
from tests.schema.emitted import (
    KINDS,
    Body,
    TopBlock,
    body_of,
    emitter_type_patterns,
    example_terraform,
    top_blocks,
    types_written,
)
from tests.schema.provider import (
    PROVIDER,
    ProviderSchema,
    check,
    from_providers_schema,
    load_trimmed,
)
from tests.terraform_cli import terraform

REFRESH = "python -m tests.schema.refresh_aws_schema --repo PATH/TO/terraform-aws-schema"


@pytest.fixture(scope="module")
def written() -> list[TopBlock]:
    return top_blocks(example_terraform())


def problems(blocks: list[TopBlock], schema: ProviderSchema) -> list[str]:
    """One line per problem, with the example roots it shows up in."""
    places: dict[str, list[str]] = {}
    for block in blocks:
        for problem in check(block, schema):
            places.setdefault(f"{block.file}: {block.address}: {problem}", []).append(block.place)
    return [f"{text} (in {_some(where)})" for text, where in sorted(places.items())]


def _some(places: list[str]) -> str:
    unique = sorted(set(places))
    more = f" and {len(unique) - 3} more" if len(unique) > 3 else ""
    return ", ".join(unique[:3]) + more


def test_the_trimmed_schema_says_where_it_comes_from() -> None:
    schema, source = load_trimmed()
    assert source["provider"] == PROVIDER
    assert source["provider_version"].startswith("6."), source
    assert re.fullmatch(r"[0-9a-f]{40}", source.get("commit", "")) or source.get("from"), source
    assert schema.name == f"aws {source['provider_version']}"
    for kind in KINDS:
        assert all(schema.unavailable[kind].values()), "every missing type says why"


def test_the_trimmed_schema_covers_every_type_the_emitters_write(written: list[TopBlock]) -> None:
    schema, _ = load_trimmed()
    covered = {kind: set(schema.types[kind]) | set(schema.unavailable[kind]) for kind in KINDS}
    patterns = emitter_type_patterns()
    missing = [
        f"{kind} {name}"
        for kind, names in types_written(written).items()
        for name in sorted(names - covered[kind])
    ]
    missing += [
        f"{kind} matching {pattern}"
        for kind in KINDS
        for pattern in patterns[kind]
        if not any(re.fullmatch(pattern, name) for name in covered[kind])
    ]
    assert not missing, (
        "types written with no aws 6.x schema in tests/schema/aws-6.x.json: "
        + ", ".join(sorted(missing))
        + f"; refresh it: {REFRESH}"
    )


def test_every_block_written_fits_the_aws_6x_schema(written: list[TopBlock]) -> None:
    schema, _ = load_trimmed()
    found = problems(written, schema)
    assert not found, f"{len(found)} problem(s) with {schema.name}:\n" + "\n".join(found)


@pytest.fixture(scope="module")
def local_schema(
    written: list[TopBlock], tmp_path_factory: pytest.TempPathFactory
) -> ProviderSchema:
    """The mirrored provider's schema (`terraform providers schema -json`), for the types the
    examples write."""
    folder = tmp_path_factory.mktemp("aws-schema")
    (folder / "versions.tf").write_text(
        "terraform {\n  required_providers {\n"
        f'    aws = {{ source = "hashicorp/aws", version = "{AWS_PROVIDER_VERSION}" }}\n'
        "  }\n}\n",
        encoding="utf-8",
    )
    cli = terraform()
    init = cli.run(folder, "init", "-backend=false", "-input=false", "-no-color")
    assert init.returncode == 0, init.stderr
    result = cli.run(folder, "providers", "schema", "-json")
    assert result.returncode == 0, result.stderr
    lock = (folder / ".terraform.lock.hcl").read_text(encoding="utf-8")
    version = re.search(r'version\s*=\s*"([^"]+)"', lock)
    assert version is not None, lock
    return from_providers_schema(json.loads(result.stdout), version[1], types_written(written))


def test_every_block_written_fits_the_mirrored_aws_schema(
    written: list[TopBlock], local_schema: ProviderSchema
) -> None:
    found = problems(written, local_schema)
    assert not found, f"{len(found)} problem(s) with {local_schema.name}:\n" + "\n".join(found)


TOY = ProviderSchema(
    "aws 9.9.9",
    {
        "resource": {
            "aws_toy": {
                "attributes": {
                    "name": {"required": True, "type": "string"},
                    "size": {"optional": True, "type": "number"},
                    "old": {"optional": True, "deprecated": True, "type": "string"},
                    "arn": {"computed": True, "type": "string"},
                    "route": {"optional": True, "type": ["set", ["object", {"cidr": "string"}]]},
                },
                "block_types": {
                    "part": {
                        "nesting_mode": "list",
                        "min_items": 1,
                        "max_items": 1,
                        "block": {
                            "attributes": {"kind": {"required": True, "type": "string"}},
                            "block_types": {},
                        },
                    },
                },
            },
            "aws_old_toy": {"attributes": {}, "block_types": {}, "deprecated": True},
        },
        "data": {},
    },
    {"resource": {"aws_huge_toy": "not held"}, "data": {}},
)


def toy(type_: str, body: Body) -> TopBlock:
    return TopBlock("example/prod", "toy.tf", "resource", type_, "main", body)


def part(*arguments: str) -> Body:
    return Body(frozenset(arguments))


def test_a_block_that_fits_has_no_problem() -> None:
    body = Body(
        frozenset({"name", "size", "count", "depends_on"}),
        {"part": (part("kind"),), "lifecycle": (part("prevent_destroy"),), "route": (part(),)},
    )
    assert check(toy("aws_toy", body), TOY) == []
    assert check(toy("aws_huge_toy", Body()), TOY) == []
    twice = Body(
        frozenset({"name"}), {"part": (part("kind"), part("kind"))}, dynamic=frozenset({"part"})
    )
    assert check(toy("aws_toy", twice), TOY) == []


def test_the_check_names_each_thing_the_schema_refuses() -> None:
    body = Body(
        frozenset({"old", "arn", "colour", "part"}),
        {"size": (part(),), "extra": (part(),)},
        {"part": (part("shape"), part("kind"))},
    )
    assert check(toy("aws_toy", body), TOY) == [
        "`part` is a block in aws 9.9.9, written as an argument",
        "`size` is an argument in aws 9.9.9, written as a block",
        "argument `arn` is computed-only in aws 9.9.9: it cannot be set",
        "argument `colour` is not in aws 9.9.9",
        "argument `old` is deprecated in aws 9.9.9",
        "argument `part.shape` is not in aws 9.9.9",
        "at most 1 `part` block(s) in aws 9.9.9, 2 written",
        "block `extra` is not in aws 9.9.9",
        "required argument `name` is missing (aws 9.9.9)",
        "required argument `part.kind` is missing (aws 9.9.9)",
    ]
    assert check(toy("aws_toy", part("name")), TOY) == [
        "aws 9.9.9 needs at least 1 `part` block(s), 0 written"
    ]
    assert check(toy("aws_old_toy", Body()), TOY) == [
        "resource type `aws_old_toy` is deprecated in aws 9.9.9"
    ]
    assert check(toy("aws_gone", Body()), TOY) == ["resource type `aws_gone` is not in aws 9.9.9"]


def test_both_shapes_of_python_hcl2_output_read_alike() -> None:
    older = {"name": ["x"], "tags": [{"a": "b"}], "part": [{"kind": ["y"]}], "__start_line__": 1}
    newer = {
        "name": '"x"',
        "tags": {"a": '"b"'},
        "part": [{"kind": '"y"', "__is_block__": True}],
        "__is_block__": True,
    }
    assert body_of(older, marked=False) == Body(
        frozenset({"name"}), {}, {"tags": (Body(frozenset({"a"})),), "part": (part("kind"),)}
    )
    assert body_of(newer, marked=True) == Body(
        frozenset({"name", "tags"}), {"part": (part("kind"),)}
    )
