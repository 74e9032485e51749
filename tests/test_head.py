"""The head reader: title, summary (dek), metadata lines; plus the golden cases in fixtures/head."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import articlekit
from articlekit import head as head_module
from articlekit.accounting import account
from articlekit.blocks import split_spans
from articlekit.boilerplate import remove_boilerplate
from articlekit.head import Head, read_head, read_summary
from articlekit.lines import split_lines
from articlekit.model import NoteCode, RemovalReason
from articlekit.options import Options
from linearity import module_patterns, ratio, regex_work

FIXTURES = Path(__file__).parent.parent / "fixtures" / "head"
CASES = sorted(path.name for path in FIXTURES.iterdir() if path.is_dir())


def _head(text: str, options: Options | None = None) -> Head:
    opts = options or Options()
    cleanup = remove_boilerplate(split_spans(split_lines(text)), opts)
    return read_head(cleanup.spans, opts, removed=cleanup.removed)


def _body(head: Head) -> list[str]:
    return [line.text.strip() for span in head.body for line in span.lines]


def _run_case(case: Path) -> dict[str, Any]:
    text = (case / "input.txt").read_text(encoding="utf-8")
    options_file = case / "options.json"
    opts = Options(**json.loads(options_file.read_text())) if options_file.exists() else Options()
    cleanup = remove_boilerplate(split_spans(split_lines(text)), opts)
    head = read_head(cleanup.spans, opts, removed=cleanup.removed)
    return {
        "title": head.title,
        "summary": head.summary,
        "metadata": head.metadata.to_dict(),
        "removed": [item.to_dict() for item in cleanup.removed + head.removed],
        "heading_lines": sorted(index + 1 for index in cleanup.heading_lines),
        "body": _body(head),
        "notes": [str(note.code) for note in head.notes],
    }


@pytest.mark.parametrize("name", CASES)
def test_golden_case(name: str) -> None:
    case = FIXTURES / name
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    assert (case / "note.md").is_file()
    assert _run_case(case) == expected


@pytest.mark.parametrize("name", CASES)
def test_golden_case_accounts_for_every_word(name: str) -> None:
    text = (FIXTURES / name / "input.txt").read_text(encoding="utf-8")
    result = account(text, articlekit.parse(text))
    assert result.ok, result.missing


def test_golden_cases_exist() -> None:
    assert len(CASES) >= 5


@pytest.mark.parametrize("name", CASES)
def test_golden_case_same_with_crlf_and_trailing_spaces(name: str) -> None:
    case = FIXTURES / name
    text = (case / "input.txt").read_text(encoding="utf-8")
    variant = "\r\n".join(line + "  " for line in text.split("\n"))
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    options_file = case / "options.json"
    opts = Options(**json.loads(options_file.read_text())) if options_file.exists() else Options()
    head = _head(variant, opts)
    assert head.title == expected["title"]
    assert head.summary == expected["summary"]
    assert _body(head) == expected["body"]


def test_title_is_first_line() -> None:
    head = _head("A Plain Title\n\nSome text of the article.")
    assert head.title == "A Plain Title"
    assert head.title_line == 0
    assert _body(head) == ["Some text of the article."]
    assert head.notes == ()


def test_title_after_boilerplate_and_metadata_lines() -> None:
    text = "Advertisement\n\n📅 2020-05-01\n\nThe Real Title\n\nBody text here."
    head = _head(text)
    assert head.title == "The Real Title"
    assert head.metadata.published == dt.date(2020, 5, 1)
    assert head.metadata.lines == ("📅 2020-05-01",)
    assert _body(head) == ["Body text here."]


def test_byline_shaped_title_is_not_taken_as_metadata_above_the_title() -> None:
    head = _head("Written by Ghosts\n\nBy Ada Quill\n\nThe story begins on a dark night.")
    assert head.title == "Written by Ghosts"
    assert head.metadata.author == "Ada Quill"


def test_metadata_line_alone_is_the_title_when_nothing_follows() -> None:
    head = _head("By Ada Quill")
    assert head.title == "By Ada Quill"


def test_site_suffix_kept_in_title_and_recorded() -> None:
    head = _head("Rivers in Spring | Lakeside\n\nText.")
    assert head.title == "Rivers in Spring | Lakeside"
    assert head.metadata.site_name == "Lakeside"
    assert [note.code for note in head.notes] == [NoteCode.SITE_SUFFIX]


def test_prose_first_line_gives_no_title_and_a_note() -> None:
    paragraph = (
        "The river rose all night and by morning the lower town was under water. "
        "Nobody had expected it so early in the year, and the boats were still on land. "
        "By noon the mayor had called for help from the neighbouring towns."
    )
    head = _head(paragraph + "\n\nSecond paragraph.")
    assert head.title is None
    assert [note.code for note in head.notes] == [NoteCode.NO_TITLE]
    assert _body(head)[0] == paragraph


def test_sentence_like_title_is_noted_as_guessed() -> None:
    head = _head("This is a line that reads much more like a sentence than a title does.\n\nBody.")
    assert head.title is not None
    assert [note.code for note in head.notes] == [NoteCode.TITLE_GUESSED]


def test_mojibake_left_in_title_is_noted() -> None:
    head = _head("CafÃ© Society\n\nBody.", Options())
    assert NoteCode.MOJIBAKE_IN_TITLE in [note.code for note in head.notes]


def test_summary_from_marked_line_with_emoji_stripped() -> None:
    text = "Title\nBy Ada Quill\n💡 A short standfirst that says what the piece is about.\nBody."
    head = _head(text)
    assert head.summary == "A short standfirst that says what the piece is about."
    assert head.metadata.author == "Ada Quill"
    assert _body(head) == ["Body."]


def test_summary_from_tldr_label() -> None:
    head = _head("Title\n\nTL;DR: Seal gaps first, insulate the loft next, walls last.\n\nBody.")
    assert head.summary == "Seal gaps first, insulate the loft next, walls last."
    assert dict(head.metadata.extra) == {"summary_label": "TL;DR"}


def test_plain_first_paragraph_is_not_a_summary() -> None:
    head = _head("Title\n\nA plain first paragraph that could be a dek but is not marked.\n\nMore.")
    assert head.summary is None
    assert _body(head)[0].startswith("A plain first paragraph")


def test_summary_must_follow_the_head_directly() -> None:
    head = _head("Title\n\nBody paragraph.\n\n💡 A marked line later in the article body.")
    assert head.summary is None


@pytest.mark.parametrize(
    "text",
    [
        "💡 Tip",  # too short for a dek
        "The lamp 💡 was on.",
        "Summary of the findings is below.",
    ],
)
def test_read_summary_refuses(text: str) -> None:
    assert read_summary(text) is None


def test_byline_like_sentence_after_title_stays_in_body() -> None:
    head = _head("Title\n\nBy the time we arrived, the ferry had left.\n\nMore.")
    assert head.metadata.lines == ()
    assert _body(head)[0] == "By the time we arrived, the ferry had left."


def test_metadata_lines_in_the_middle_of_the_body_stay() -> None:
    head = _head("Title\n\nBody one.\n\nBy Ada Quill\n\nBody two.")
    assert head.metadata.author is None
    assert "By Ada Quill" in _body(head)


def test_tags_come_from_the_removed_tag_line() -> None:
    head = _head("Title\n\nBody.\n\nTags: Rivers, Spring Floods")
    assert head.metadata.tags == ("Rivers", "Spring Floods")
    assert head.metadata.lines == ()


def test_parse_metadata_off_keeps_lines_in_body() -> None:
    head = _head("Title | Site\nBy Ada Quill\nBody.", Options(parse_metadata=False))
    assert head.metadata == articlekit.Metadata()
    assert _body(head) == ["By Ada Quill", "Body."]


def test_empty_input() -> None:
    head = read_head((), Options())
    assert (head.title, head.summary, head.body) == (None, None, ())


def test_parse_end_to_end_head_fields() -> None:
    text = (
        "📌 In this article\n\nWhy Lighthouses Went Dark\n\n"
        "📅 2018-10-02 · 📁 History · 👁 77 views · ⏱️ 5 min read\n"
        "💡 Automation ended a profession that had lasted two thousand years.\n\n"
        "The last keepers left in the nineties, and most towers now run themselves.\n\n"
        "Tweet\n\nShare on Facebook\n"
    )
    article = articlekit.parse(text)
    assert article.title == "Why Lighthouses Went Dark"
    assert article.summary == "Automation ended a profession that had lasted two thousand years."
    meta = article.metadata
    assert (meta.published, meta.category, meta.views) == (dt.date(2018, 10, 2), "History", 77)
    assert meta.stated_reading_minutes == 5
    assert [(r.text, r.reason) for r in article.removed] == [
        ("📌 In this article", RemovalReason.TABLE_OF_CONTENTS),
        ("Tweet", RemovalReason.SHARE),
        ("Share on Facebook", RemovalReason.SHARE),
    ]
    body_words = " ".join(block.text for block in article.blocks)
    assert "views" not in body_words
    assert "Tweet" not in body_words


def test_every_regex_is_linear_on_long_adversarial_lines() -> None:
    patterns = module_patterns(head_module)
    assert patterns

    def run(n: int) -> Callable[[], object]:
        lines = ["💡 " * n, "a " * n, ". " * n, "Summary: " * n, "Ã" * n, "tl;dr " * n]
        return regex_work(patterns, lines)

    assert ratio(run(30000), run(300000)) < 15


def test_read_head_is_linear_on_a_long_first_line_and_long_body() -> None:
    def run(n: int) -> Callable[[], object]:
        spans = split_spans(split_lines("By " * n + "\n" + "📅 2020-01-01\n" + "Body line.\n" * n))
        return lambda: read_head(spans, Options())

    assert ratio(run(5000), run(50000)) < 15
