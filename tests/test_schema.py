"""``Article.to_dict()`` matches the JSON Schema published in ``docs/article.schema.json``.

A small validator for the subset of JSON Schema the file uses (type, enum, const, required,
additionalProperties, properties, items, $ref, minimum), so no extra dependency is needed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import articlekit

ROOT = Path(__file__).parent.parent
SCHEMA: dict[str, Any] = json.loads((ROOT / "docs" / "article.schema.json").read_text())
TYPES = {
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "object": dict,
    "array": list,
    "null": type(None),
}


def _check(value: Any, schema: dict[str, Any], path: str) -> list[str]:
    if "$ref" in schema:
        schema = SCHEMA["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    errors: list[str] = []
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        ok = any(
            isinstance(value, TYPES[n])
            and not (n in ("integer", "number") and isinstance(value, bool))
            for n in names
        )
        if not ok:
            return [f"{path}: {value!r} is not {names}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: {value!r} != {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if "minimum" in schema and isinstance(value, (int, float)) and value < schema["minimum"]:
        errors.append(f"{path}: {value!r} < {schema['minimum']}")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        errors += [f"{path}: missing {k}" for k in schema.get("required", []) if k not in value]
        for key, item in value.items():
            if key in props:
                errors += _check(item, props[key], f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: unexpected key {key}")
            elif isinstance(schema.get("additionalProperties"), dict):
                errors += _check(item, schema["additionalProperties"], f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            errors += _check(item, schema["items"], f"{path}[{i}]")
    return errors


TEXTS = {
    "seed": (ROOT / "fixtures" / "seed" / "partnership.txt").read_text(encoding="utf-8"),
    "small": "A Field Guide to Tidal Pools\n\nBy Ana Ruiz | March 3, 2024\n\n"
    "Tide pools hold life &amp; wonder.\n\nWhat lives there\n\nAnemones and crabs.\n",
    "lists": "Packing List\n\nBring these:\n\n- a tent\n- a stove\n  - fuel\n\n1. Drive\n2. Hike\n",
}


@pytest.mark.parametrize("name", sorted(TEXTS))
@pytest.mark.parametrize("explain", [False, True])
def test_to_dict_matches_published_schema(name: str, explain: bool) -> None:
    data = json.loads(articlekit.parse(TEXTS[name], explain=explain).to_json())
    assert _check(data, SCHEMA, "$") == []


def test_validator_rejects_a_wrong_document() -> None:
    data = json.loads(articlekit.parse(TEXTS["small"]).to_json())
    data["blocks"][0]["kind"] = "sidebar"
    data["surprise"] = 1
    assert len(_check(data, SCHEMA, "$")) == 2


def test_schema_enums_match_the_model() -> None:
    defs = SCHEMA["$defs"]
    assert defs["block"]["properties"]["kind"]["enum"] == [str(k) for k in articlekit.BlockKind]
    assert defs["repair"]["properties"]["kind"]["enum"] == [str(k) for k in articlekit.RepairKind]
    assert defs["removed"]["properties"]["reason"]["enum"] == [
        str(k) for k in articlekit.RemovalReason
    ]
    assert defs["note"]["properties"]["code"]["enum"] == [str(k) for k in articlekit.NoteCode]
