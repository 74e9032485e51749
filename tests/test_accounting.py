"""``articlekit.account``: every word of the input is in the article, or in a logged repair.

The unit tests build articles by hand, so they test the accounting itself; the property tests
run the whole pipeline over generated text and over every record of the development set, so
they test that no stage drops text without saying so.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import articlekit
from articlekit import (
    Accounting,
    Article,
    ArticleKitError,
    Block,
    BlockKind,
    Metadata,
    ReadingTime,
    RemovalReason,
    Removed,
    Repair,
    RepairKind,
)

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
DEV_FILES = sorted(DEV.glob("*.jsonl")) if DEV.is_dir() else []


def _article(source: str, *texts: str, **fields: Any) -> Article:
    blocks = tuple(Block(BlockKind.PARAGRAPH, text) for text in texts)
    base: dict[str, Any] = {
        "title": None,
        "summary": None,
        "metadata": Metadata(),
        "blocks": blocks,
        "sections": (),
        "toc": (),
        "reading_time": ReadingTime(0, 0.0, 238),
        "source_length": len(source),
    }
    base.update(fields)
    return Article(**base)


def test_everything_kept_is_ok() -> None:
    source = "Title\n\nOne paragraph here.\n"
    result = articlekit.account(source, _article(source, "One paragraph here.", title="Title"))
    assert result == Accounting(words_in=4, words_repaired=0, words_out=4)
    assert result.ok
    assert str(result) == "4 words in, 4 out, 0 repaired, none lost"


def test_a_dropped_word_is_reported_with_its_place() -> None:
    source = "Title\n\nOne paragraph here.\nAnd another line.\n"
    article = _article(source, "One paragraph here.", "And line.", title="Title")
    result = articlekit.account(source, article)
    assert not result.ok
    assert result.missing == ("another (line 4, column 4)",)
    assert "1 lost: another (line 4, column 4)" in str(result)


def test_a_repeated_word_dropped_once_is_reported_once() -> None:
    source = "Title\n\nyes yes yes\n"
    result = articlekit.account(source, _article(source, "yes yes", title="Title"))
    assert len(result.missing) == 1
    assert result.missing[0].startswith("yes (line 3")


def test_the_missing_occurrence_outside_every_block_is_blamed() -> None:
    source = "word one\nword two\n"
    block = Block(BlockKind.PARAGRAPH, "word one", line=1, end_line=1, start=0, end=8)
    result = articlekit.account(source, _article(source, title="two", blocks=(block,)))
    assert result.missing == ("word (line 2, column 0)",)


def test_words_changed_by_a_logged_repair_are_accounted_as_repaired() -> None:
    source = 'See Page Title">Anchor here and caf&eacute;.'
    residue = Repair(RepairKind.LINK_MARKUP_RESIDUE, 1, 4, 4, 16, 'Page Title">', "")
    entity = Repair(RepairKind.HTML_ENTITY, 1, 35, 35, 43, "&eacute;", "é")
    article = _article(source, "See Anchor here and café.", repairs=(residue, entity))
    result = articlekit.account(source, article)
    assert result.ok, result
    assert result.words_repaired == 3  # Page, Title, eacute


def test_a_repair_log_that_does_not_replay_is_an_error() -> None:
    source = "one two three"
    wrong = Repair(RepairKind.STRAY_TAG, 1, 0, 0, 3, "xyz", "")
    result = articlekit.account(source, _article(source, "two three", repairs=(wrong,)))
    assert not result.ok
    assert "does not replay" in result.errors[0]


def test_an_article_from_another_input_is_an_error() -> None:
    result = articlekit.account("one two", _article("one two three", "one two"))
    assert "source_length" in result.errors[0]


def test_every_part_of_the_article_holds_words() -> None:
    source = (
        "Title\n\nThe dek line\n\nBy Ann Lee\n\n2. Item text\n\n"
        "A quote\n— Someone Famous\n\nShare this\n"
    )
    item = Block(BlockKind.LIST_ITEM, "Item text", marker="2.", ordered=True)
    quote = Block(BlockKind.QUOTE, "A quote", attribution="— Someone Famous")
    article = _article(
        source,
        title="Title",
        summary="The dek line",
        metadata=Metadata(author="Ann Lee", lines=("By Ann Lee",)),
        blocks=(item, quote),
        removed=(Removed("Share this", RemovalReason.SHARE, 11),),
    )
    assert articlekit.account(source, article).ok


def test_a_hyphenated_line_break_joined_counts_as_kept() -> None:
    source = "An exam-\nple of wrapping.\n"
    assert articlekit.account(source, _article(source, "An example of wrapping.")).ok


def test_case_and_normalisation_changes_are_not_losses() -> None:
    source = "SHOUTED HEADING\n\nCafe\u0301 text\n"
    article = _article(source, "Shouted Heading", "Caf\u00e9 text")
    assert articlekit.account(source, article).ok


def test_cjk_characters_are_words_one_by_one() -> None:
    source = "漢字かな and more"
    result = articlekit.account(source, _article(source, "漢字 and more"))
    assert [m.split()[0] for m in result.missing] == ["か", "な"]


def test_bytes_input_is_decoded_as_parse_decodes_it() -> None:
    source = "Caf\u00e9 \u2014 na\u00efve\n".encode("cp1252")
    article = _article("Café — naïve\n", "Café — naïve")
    assert articlekit.account(source, article).ok


def test_accounting_scales_linearly() -> None:
    # Built from distinct words, so the glued-word check has the most work to do.
    import gc
    import time

    def run(n: int) -> float:
        words = " ".join(f"w{i}" for i in range(n))
        article = _article(words, " ".join(f"x{i}" for i in range(n)))
        best = float("inf")
        for _ in range(3):
            gc.collect()
            gc.disable()
            try:
                start = time.process_time()
                result = articlekit.account(words, article)
                best = min(best, time.process_time() - start)
            finally:
                gc.enable()
        assert len(result.missing) == n
        return best

    assert run(100_000) / run(10_000) < 15


# --- the whole pipeline ---------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "alpha",
        "Beta",
        "gamma.",
        "delta,",
        "Epsilon:",
        "2024",
        "3.5",
        "don't",
        "café",
        "naïve",
        "漢字",
        "かな",
        "한국어",
        "שלום",
        "مرحبا",
        "e-mail",
        "x_y",
        "🙂",
    ]
)
ARTIFACTS = st.sampled_from(
    [
        '">',
        '" target="_blank" rel="noopener">',
        '<a href="https://example.org/a">',
        "</a>",
        "<strong>",
        "</strong>",
        "<br>",
        "&amp;amp;",
        "&rsquo;",
        "&#8217;",
        "&nbsp;",
        "â€™",
        "Ã©",
        "\u200b",
        "\u00ad",
        "\ufeff",
    ]
)
LINE_STARTS = st.sampled_from(["", "", "", "- ", "• ", "1. ", "2.3 ", "> ", "By ", "Tags: "])
LINES = st.builds(
    lambda start, words: start + " ".join(words),
    LINE_STARTS,
    st.lists(st.one_of(WORDS, WORDS, WORDS, ARTIFACTS), min_size=1, max_size=14),
)
SEPARATORS = st.sampled_from(["\n", "\n\n", "\n\n", "\r\n\r\n", "\n\n\n"])
DOCUMENTS = st.builds(
    lambda lines, seps: "".join(line + sep for line, sep in zip(lines, seps)),
    st.lists(LINES, min_size=1, max_size=25),
    st.lists(SEPARATORS, min_size=25, max_size=25),
)


@settings(max_examples=150, deadline=None)
@given(DOCUMENTS)
def test_generated_articles_lose_no_word(text: str) -> None:
    try:
        article = articlekit.parse(text)
    except ArticleKitError:
        return
    result = articlekit.account(text, article)
    assert result.ok, str(result)


def _dev_cases() -> list[Any]:
    cases = []
    for path in DEV_FILES:
        # Records hold U+2028 inside strings: split on "\n" only, never str.splitlines.
        for line in path.read_text(encoding="utf-8").split("\n"):
            if line.strip():
                record = json.loads(line)
                for field in ("text", "text_compact"):
                    name = f"{path.stem}-{record['id']}-{field}"
                    cases.append(pytest.param(record[field], id=name))
    return cases


@pytest.mark.skipif(not DEV_FILES, reason="the development set is not beside the project")
@pytest.mark.parametrize("text", _dev_cases())
def test_dev_set_loses_no_word(text: str) -> None:
    article = articlekit.parse(text)
    result = articlekit.account(text, article)
    assert result.ok, str(result)
