"""Markdown and plain-text renderings."""

from __future__ import annotations

import articlekit
from articlekit import Article, Block, BlockKind, Metadata, Options
from articlekit.metrics import estimate_reading_time
from articlekit.outline import build_sections, build_toc


def _article(*blocks: Block, title: str = "Title", summary: str | None = None) -> Article:
    return Article(
        title=title,
        summary=summary,
        metadata=Metadata(),
        blocks=blocks,
        sections=build_sections(blocks),
        toc=build_toc(blocks),
        reading_time=estimate_reading_time(blocks, Options()),
    )


def test_markdown_of_every_block_kind() -> None:
    article = _article(
        Block(BlockKind.HEADING, "Setup", level=2),
        Block(BlockKind.PARAGRAPH, "Install it."),
        Block(BlockKind.LIST_ITEM, "first", ordered=True, marker="1.", depth=0),
        Block(BlockKind.LIST_ITEM, "nested", ordered=False, marker="-", depth=1),
        Block(BlockKind.QUOTE, "Simple is better.", attribution="— Tim"),
        Block(BlockKind.CODE, "pip install x"),
        Block(BlockKind.HEADING, "Details", level=3),
        summary="A dek.",
    )
    assert article.to_markdown() == (
        "# Title\n\n*A dek.*\n\n## Setup\n\nInstall it.\n\n1. first\n  - nested\n\n"
        "> Simple is better.\n>\n> — Tim\n\n```\npip install x\n```\n\n### Details\n"
    )


def test_text_property_joins_blocks() -> None:
    article = _article(Block(BlockKind.PARAGRAPH, "One."), Block(BlockKind.PARAGRAPH, "Two."))
    assert article.text == "One.\n\nTwo."


def test_parse_then_markdown_starts_with_title() -> None:
    article = articlekit.parse("Crop Rotation Basics\n\nRotate beans and corn.\n")
    assert article.to_markdown().startswith("# Crop Rotation Basics\n\n")


def test_code_fence_keeps_its_info_string() -> None:
    article = _article(Block(BlockKind.CODE, "print(1)", marker="~~~~python"))
    assert article.to_markdown() == "# Title\n\n~~~~python\nprint(1)\n~~~~\n"


def test_fenced_code_round_trips_through_markdown() -> None:
    article = articlekit.parse("Title\n\nIntro text here.\n\n```js\nlet x = 1;\n```\n")
    assert "```js\nlet x = 1;\n```" in article.to_markdown()
