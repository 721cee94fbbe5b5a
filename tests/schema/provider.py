"""The hashicorp/aws provider schema, trimmed, and the check of written blocks against it.

A trimmed schema keeps, per resource and data-source type, its block: attributes (type and the
required/optional/computed/deprecated flags) and nested block types, recursively (nesting mode,
min/max items). Descriptions and everything else are dropped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.schema.emitted import KINDS, Body, TopBlock

PROVIDER = "registry.terraform.io/hashicorp/aws"
TRIMMED_6X = Path(__file__).parent / "aws-6.x.json"
FLAGS = ("required", "optional", "computed", "deprecated")
SCHEMA_KEYS = {"resource": "resource_schemas", "data": "data_source_schemas"}
# Terraform's own arguments and blocks in a resource or data block, not the provider's.
META_ARGUMENTS = frozenset(
    {"count", "for_each", "provider", "depends_on", "lifecycle", "connection", "provisioner"}
)
Block = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ProviderSchema:
    name: str  # how problems name it, e.g. "aws 6.47.0"
    types: dict[str, dict[str, Block]]  # kind → type → trimmed block
    unavailable: dict[str, dict[str, str]]  # kind → type → why its schema is missing


def trim_block(block: Mapping[str, Any]) -> Block:
    trimmed: Block = {
        "attributes": {
            name: _trim_attribute(attribute)
            for name, attribute in sorted(block.get("attributes", {}).items())
        },
        "block_types": {
            name: _trim_block_type(block_type)
            for name, block_type in sorted(block.get("block_types", {}).items())
        },
    }
    if block.get("deprecated"):
        trimmed["deprecated"] = True
    return trimmed


def _trim_attribute(attribute: Mapping[str, Any]) -> Block:
    trimmed: Block = {flag: True for flag in FLAGS if attribute.get(flag)}
    if "type" in attribute:
        trimmed["type"] = attribute["type"]
    if "nested_type" in attribute:
        nested = attribute["nested_type"]
        trimmed["nested_type"] = {
            "nesting_mode": nested.get("nesting_mode"),
            "attributes": {
                name: _trim_attribute(inner)
                for name, inner in sorted(nested.get("attributes", {}).items())
            },
        }
    return trimmed


def _trim_block_type(block_type: Mapping[str, Any]) -> Block:
    trimmed: Block = {"nesting_mode": block_type.get("nesting_mode", "list")}
    for limit in ("min_items", "max_items"):
        if block_type.get(limit):
            trimmed[limit] = block_type[limit]
    trimmed["block"] = trim_block(block_type.get("block", {}))
    return trimmed


def from_providers_schema(
    document: Mapping[str, Any], version: str, wanted: Mapping[str, Iterable[str]] | None = None
) -> ProviderSchema:
    """The trimmed schema from `terraform providers schema -json` output: the `wanted` types
    (kind → type names), or all of them."""
    schemas = document["provider_schemas"][PROVIDER]
    types: dict[str, dict[str, Block]] = {}
    for kind in KINDS:
        available = schemas.get(SCHEMA_KEYS[kind], {})
        names = sorted(available) if wanted is None else sorted(set(wanted.get(kind, ())))
        types[kind] = {
            name: trim_block(available[name]["block"]) for name in names if name in available
        }
    return ProviderSchema(f"aws {version}", types, {kind: {} for kind in KINDS})


def load_trimmed(path: Path = TRIMMED_6X) -> tuple[ProviderSchema, dict[str, Any]]:
    """The trimmed schema committed at `path`, and the record of its source."""
    document = json.loads(path.read_text(encoding="utf-8"))
    source = document["source"]
    schema = ProviderSchema(
        f"aws {source['provider_version']}",
        {kind: document[kind] for kind in KINDS},
        {kind: document.get("unavailable", {}).get(kind, {}) for kind in KINDS},
    )
    return schema, source


def check(block: TopBlock, schema: ProviderSchema) -> list[str]:
    """What in one written `resource` or `data` block the schema does not accept; nothing for a
    type the schema could not be had for (see `unavailable`)."""
    if block.type in schema.unavailable[block.kind]:
        return []
    spec = schema.types[block.kind].get(block.type)
    if spec is None:
        return [f"{block.kind} type `{block.type}` is not in {schema.name}"]
    found: list[str] = []
    if spec.get("deprecated"):
        found.append(f"{block.kind} type `{block.type}` is deprecated in {schema.name}")
    return found + _check_body(block.body, spec, "", schema.name, META_ARGUMENTS)


def _check_body(
    body: Body, spec: Block, path: str, name: str, ignored: frozenset[str]
) -> list[str]:
    attributes: dict[str, Block] = spec["attributes"]
    block_types: dict[str, Block] = spec["block_types"]
    found: list[str] = []
    for argument in sorted(body.arguments - ignored):
        found += _check_argument(argument, attributes, block_types, _join(path, argument), name)
    for block_type, instances in sorted((body.blocks | body.either).items()):
        if block_type in ignored:
            continue
        where = _join(path, block_type)
        if block_type in body.either and block_type not in block_types:
            found += _check_argument(block_type, attributes, {}, where, name)
        else:
            found += _check_blocks(block_type, instances, body, spec, where, name)
    return sorted(set(found + _missing(body, spec, path, name)))


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _check_argument(
    argument: str, attributes: dict[str, Block], block_types: dict[str, Block], path: str, name: str
) -> list[str]:
    attribute = attributes.get(argument)
    if attribute is None:
        if argument in block_types:
            return [f"`{path}` is a block in {name}, written as an argument"]
        return [f"argument `{path}` is not in {name}"]
    if attribute.get("deprecated"):
        return [f"argument `{path}` is deprecated in {name}"]
    if attribute.get("computed") and not (attribute.get("optional") or attribute.get("required")):
        return [f"argument `{path}` is computed-only in {name}: it cannot be set"]
    return []


def _check_blocks(
    block_type: str, instances: tuple[Body, ...], body: Body, spec: Block, path: str, name: str
) -> list[str]:
    nested = spec["block_types"].get(block_type)
    if nested is None:
        attribute = spec["attributes"].get(block_type)
        if attribute is not None and _takes_blocks(attribute):
            return _check_argument(block_type, spec["attributes"], {}, path, name)
        if attribute is not None:
            return [f"`{path}` is an argument in {name}, written as a block"]
        return [f"block `{path}` is not in {name}"]
    found = [f"block `{path}` is deprecated in {name}"] if nested["block"].get("deprecated") else []
    limit = 1 if nested["nesting_mode"] in ("single", "group") else nested.get("max_items", 0)
    if limit and block_type not in body.dynamic and len(instances) > limit:
        found.append(f"at most {limit} `{path}` block(s) in {name}, {len(instances)} written")
    for instance in instances:
        found += _check_body(instance, nested["block"], path, name, frozenset())
    return found


def _takes_blocks(attribute: Block) -> bool:
    """Terraform accepts block syntax for an attribute that is a list or set of objects."""
    kind = attribute.get("type")
    return (
        isinstance(kind, list)
        and kind[0] in ("list", "set")
        and isinstance(kind[1], list)
        and kind[1][0] == "object"
    )


def _missing(body: Body, spec: Block, path: str, name: str) -> list[str]:
    written = body.names()
    found = [
        f"required argument `{_join(path, argument)}` is missing ({name})"
        for argument, attribute in spec["attributes"].items()
        if attribute.get("required") and argument not in written
    ]
    for block_type, nested in spec["block_types"].items():
        count = len(body.blocks.get(block_type, ())) + len(body.either.get(block_type, ()))
        least = nested.get("min_items", 0)
        if count < least and block_type not in body.dynamic:
            where = _join(path, block_type)
            found.append(f"{name} needs at least {least} `{where}` block(s), {count} written")
    return found
