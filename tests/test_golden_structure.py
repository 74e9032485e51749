"""Golden structure fixtures: ``fixtures/structure/<case>/`` holds ``input.txt``, the blocks and
table of contents expected from it (``expected.json``), and ``note.md`` saying where the shape
comes from. Each case must come out the same when the text has CRLF line breaks or trailing
spaces, so that the result does not hang on how the lines were ended.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import articlekit
from articlekit import Article

CASES = Path(__file__).parent.parent / "fixtures" / "structure"
NAMES = sorted(p.name for p in CASES.iterdir() if (p / "input.txt").is_file())


def _block(block: articlekit.Block) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": str(block.kind), "text": block.text}
    if block.level is not None:
        out["level"] = block.level
    for name in ("marker", "depth", "ordered", "attribution"):
        value = getattr(block, name)
        if value is not None:
            out[name] = value
    return out


def _toc(entries: Any) -> list[dict[str, Any]]:
    return [{"title": e.title, "level": e.level, "children": _toc(e.children)} for e in entries]


def _load(name: str) -> tuple[str, dict[str, Any]]:
    text = (CASES / name / "input.txt").read_text(encoding="utf-8")
    expected = json.loads((CASES / name / "expected.json").read_text(encoding="utf-8"))
    return text, expected


def test_every_shape_has_a_case() -> None:
    assert {
        "numbered-headings",
        "markdown",
        "cjk-article",
        "hard-wrapped",
        "nested-lists",
        "compact-lines",
    } <= set(NAMES)
    for name in NAMES:
        assert (CASES / name / "note.md").read_text(encoding="utf-8").strip()


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    "rendering",
    [
        lambda text: text,
        lambda text: text.replace("\n", "\r\n"),
        lambda text: "\n".join(line + "  " for line in text.split("\n")),
    ],
    ids=["as-written", "crlf", "trailing-spaces"],
)
def test_case(name: str, rendering: Any) -> None:
    text, expected = _load(name)
    article: Article = articlekit.parse(rendering(text))
    assert article.title == expected["title"]
    assert [_block(b) for b in article.blocks] == expected["blocks"]
    assert _toc(article.toc) == expected["toc"]


def test_code_lines_reach_the_reader_unchanged() -> None:
    text, _ = _load("quotes-and-code")
    article = articlekit.parse(text)
    code = [b for b in article.blocks if b.kind is articlekit.BlockKind.CODE]
    assert '<script src="frost.js"\n        data-region="north"></script>' in code[0].text
    assert code[1].text.startswith("<!DOCTYPE html>\n<html>")
    # The stray inline tag in the prose sentence was repaired, the tags in the code were not.
    assert {r.before for r in article.repairs} == {"<strong>", "</strong>"}
