"""Model types: frozen and slotted, JSON-ready, and round-tripping through from_dict."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

import articlekit
from articlekit import Article, Block, BlockKind, Metadata, RepairKind


def test_block_kind_is_a_str_enum() -> None:
    assert BlockKind.HEADING == "heading"
    assert str(BlockKind.LIST_ITEM) == "list_item"


def test_model_types_are_frozen_and_slotted() -> None:
    block = Block(BlockKind.PARAGRAPH, "text")
    with pytest.raises(dataclasses.FrozenInstanceError):
        block.text = "other"  # type: ignore[misc]
    assert not hasattr(block, "__dict__")


def test_to_dict_is_json_and_round_trips() -> None:
    text = (
        "A Field Guide to Tidal Pools\n\nBy Ana Ruiz | March 3, 2024\n\n"
        "Tide pools hold life &amp; wonder.\n\nWhat lives there\n\n"
        "Anemones, crabs and snails share the rocks.\n"
    )
    article = articlekit.parse(text)
    data = json.loads(article.to_json())
    assert data["schema_version"] == articlekit.SCHEMA_VERSION
    assert Article.from_dict(data) == article


def test_metadata_round_trips_dates() -> None:
    meta = Metadata(published=dt.date(2024, 3, 3), views=5, extra={"site": "x"})
    assert Metadata.from_dict(json.loads(json.dumps(meta.to_dict()))) == meta


def test_repair_kinds_are_a_closed_vocabulary() -> None:
    assert RepairKind("mojibake") is RepairKind.MOJIBAKE
    with pytest.raises(ValueError, match="not a valid"):
        RepairKind("anything_else")


def test_public_names_are_listed() -> None:
    for name in articlekit.__all__:
        assert hasattr(articlekit, name), name
