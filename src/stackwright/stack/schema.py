"""The stack file's JSON Schema, for editors (yaml-language-server) and CI checks."""

from __future__ import annotations

from typing import Any

from stackwright.stack.model import Stack

SCHEMA_ID = "https://stackwright.dev/schema/stack.json"


def stack_schema() -> dict[str, Any]:
    schema = Stack.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "stackwright stack file",
        **schema,
    }
