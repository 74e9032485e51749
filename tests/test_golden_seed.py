"""The seed article, in six renderings, must come out exactly as ``fixtures/seed/expected.json``.

The seed is the real scraped article the project was created from. The renderings prove the
result is not luck: blank-line or single-newline blocks, CRLF, trailing spaces, no table of
contents line, and punctuation turned into mojibake must all give the same blocks, levels and
link repair.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import articlekit
from articlekit import BlockKind, RepairKind

SEED = Path(__file__).parent.parent / "fixtures" / "seed"
TEXT = (SEED / "partnership.txt").read_text(encoding="utf-8")
EXPECTED: dict[str, Any] = json.loads((SEED / "expected.json").read_text(encoding="utf-8"))
TOC_LINE = EXPECTED["boilerplate_removed"][0]


def _single_newlines(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if line.strip())


def _crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def _trailing_spaces(text: str) -> str:
    return "\n".join(line + "  \t " for line in text.split("\n"))


def _without_toc(text: str) -> str:
    return text.replace(TOC_LINE + "\n\n", "", 1)


def _mojibake_punctuation(text: str) -> str:
    # UTF-8 bytes of each non-ASCII punctuation mark read back as Windows-1252, the way a
    # mis-declared page does it ("—" -> "â€”").
    return "".join(
        ch.encode("utf-8").decode("cp1252", errors="replace")
        if ord(ch) > 127 and unicodedata.category(ch).startswith("P")
        else ch
        for ch in text
    )


RENDERINGS: dict[str, Callable[[str], str]] = {
    "as_scraped": lambda text: text,
    "single_newlines": _single_newlines,
    "crlf": _crlf,
    "trailing_spaces": _trailing_spaces,
    "without_toc_line": _without_toc,
    "mojibake_punctuation": _mojibake_punctuation,
}


def _toc_shape(entries: Any) -> list[Any]:
    return [
        {"title": e.title, "level": e.level, "children": _toc_shape(e.children)} for e in entries
    ]


@pytest.fixture(params=sorted(RENDERINGS), name="rendering")
def _rendering(request: pytest.FixtureRequest) -> tuple[str, articlekit.Article]:
    name: str = request.param
    return name, articlekit.parse(RENDERINGS[name](TEXT))


def test_mojibake_rendering_really_has_mojibake() -> None:
    assert "â€”" in _mojibake_punctuation(TEXT)


def test_title_and_summary(rendering: tuple[str, articlekit.Article]) -> None:
    _, article = rendering
    assert article.title == EXPECTED["title"]
    assert article.summary == EXPECTED["summary"]


def test_metadata(rendering: tuple[str, articlekit.Article]) -> None:
    _, article = rendering
    meta = article.metadata
    assert meta.published is None
    assert meta.category == EXPECTED["metadata"]["category"]
    assert meta.views == EXPECTED["metadata"]["views"]
    assert meta.stated_reading_minutes == EXPECTED["metadata"]["stated_reading_minutes"]


def test_blocks_kinds_levels_and_text(rendering: tuple[str, articlekit.Article]) -> None:
    _, article = rendering
    got = [
        {"kind": str(b.kind), "level": b.level, "text": b.text}
        if b.kind is BlockKind.HEADING
        else {"kind": str(b.kind), "text": b.text}
        for b in article.blocks
    ]
    assert got == EXPECTED["blocks"]


def test_toc(rendering: tuple[str, articlekit.Article]) -> None:
    _, article = rendering
    assert _toc_shape(article.toc) == EXPECTED["toc"]
    assert [len(e.children) for e in article.toc] == [0, 3, 3, 0, 0]


def test_link_residue_repaired_and_logged(rendering: tuple[str, articlekit.Article]) -> None:
    _, article = rendering
    links = [
        {"kind": str(r.kind), "before": r.before, "after": r.after}
        for r in article.repairs
        if r.kind is RepairKind.LINK_MARKUP_RESIDUE
    ]
    assert links == EXPECTED["repairs"]


def test_only_expected_repair_kinds(rendering: tuple[str, articlekit.Article]) -> None:
    name, article = rendering
    kinds = {r.kind for r in article.repairs}
    allowed = {RepairKind.LINK_MARKUP_RESIDUE}
    if name == "mojibake_punctuation":
        allowed.add(RepairKind.MOJIBAKE)
    assert kinds <= allowed


def test_table_of_contents_line_removed(rendering: tuple[str, articlekit.Article]) -> None:
    name, article = rendering
    removed = [r.text for r in article.removed]
    expected = [] if name == "without_toc_line" else EXPECTED["boilerplate_removed"]
    assert removed == expected
    assert all(r.reason is articlekit.RemovalReason.TABLE_OF_CONTENTS for r in article.removed)


def test_repair_log_replays(rendering: tuple[str, articlekit.Article]) -> None:
    name, article = rendering
    source = RENDERINGS[name](TEXT)
    cleaned, log = articlekit.clean(source, explain=True)
    assert articlekit.apply_repairs(source, log) == cleaned
    assert log == article.repairs
