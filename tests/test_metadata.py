"""Metadata lines: dates, bylines, emoji info lines, counts, tags and site suffixes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from articlekit import metadata
from articlekit.metadata import (
    merge_metadata,
    read_date,
    read_metadata_line,
    split_site_suffix,
    split_tags,
)
from linearity import module_patterns, ratio, regex_work
from regex_tree import literal_starts, sre_parse


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-07-09", dt.date(2021, 7, 9)),
        ("2021/07/09", dt.date(2021, 7, 9)),
        ("2021-07-09T14:03:00Z", dt.date(2021, 7, 9)),
        ("July 9, 2021", dt.date(2021, 7, 9)),
        ("Jul. 9, 2021", dt.date(2021, 7, 9)),
        ("Sept 30 2019", dt.date(2019, 9, 30)),
        ("9 July 2021", dt.date(2021, 7, 9)),
        ("9th July, 2021", dt.date(2021, 7, 9)),
        ("Friday 9 July 2021", dt.date(2021, 7, 9)),
        ("Fri, July 9, 2021", dt.date(2021, 7, 9)),
        ("9. Juli 2021", dt.date(2021, 7, 9)),
        ("9 juillet 2021", dt.date(2021, 7, 9)),
        ("9 de julho de 2021", dt.date(2021, 7, 9)),
        ("9. července 2021", dt.date(2021, 7, 9)),
        ("2021年7月9日", dt.date(2021, 7, 9)),
        ("25/12/2020", dt.date(2020, 12, 25)),
        ("12/25/2020", dt.date(2020, 12, 25)),
        ("09.07.2021", dt.date(2021, 7, 9)),
        ("3/14/2015 9:26 AM PST", dt.date(2015, 3, 14)),
        ("June 1, 2020 at 10:15 am", dt.date(2020, 6, 1)),
    ],
)
def test_read_date_formats(text: str, expected: dt.date) -> None:
    assert read_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "07/04/2021",  # ambiguous: April 7 or July 4
        "2021-02-30",  # no such day
        "Smarch 3, 2021",
        "3 apples 2021",
        "the 9th of July was hot",
        "",
        "2021",
    ],
)
def test_read_date_refuses(text: str) -> None:
    assert read_date(text) is None


def test_emoji_info_line_with_every_field() -> None:
    line = read_metadata_line("📅 2022-11-02 · 📁 Gardening · 👁 3,512 views · ⏱️ 9 min read")
    assert line is not None
    assert line.published == dt.date(2022, 11, 2)
    assert line.category == "Gardening"
    assert line.views == 3512
    assert line.stated_reading_minutes == 9
    assert line.lines == ("📅 2022-11-02 · 📁 Gardening · 👁 3,512 views · ⏱️ 9 min read",)


def test_emoji_info_line_with_empty_fields() -> None:
    line = read_metadata_line("📅 · 📁 Travel · 👁 7 views · ⏱️ 2 min read")
    assert line is not None
    assert line.published is None
    assert (line.category, line.views, line.stated_reading_minutes) == ("Travel", 7, 2)


def test_emoji_line_without_separators() -> None:
    line = read_metadata_line("🕒 2019-04-30 👤 editor 💬 8 Comments")
    assert line is not None
    assert (line.published, line.author, line.comments) == (dt.date(2019, 4, 30), "editor", 8)


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("Posted on May 4, 2018 by webmaster", "published", dt.date(2018, 5, 4)),
        ("Posted on May 4, 2018 by webmaster", "author", "webmaster"),
        ("Posted by webmaster on 2018-05-04", "author", "webmaster"),
        ("Posted by webmaster on 2018-05-04", "published", dt.date(2018, 5, 4)),
        ("Last updated: June 2, 2020", "updated", dt.date(2020, 6, 2)),
        ("Last updated June 2, 2020", "updated", dt.date(2020, 6, 2)),
        ("Updated 2020-06-02", "updated", dt.date(2020, 6, 2)),
        ("Published: 2 June 2020", "published", dt.date(2020, 6, 2)),
        ("By Ada Quill | March 3, 2024", "author", "Ada Quill"),
        ("By Ada Quill | March 3, 2024", "published", dt.date(2024, 3, 3)),
        ("By Ada Quill", "author", "Ada Quill"),
        ("By Ada Quill and Tomás de la Vega", "author", "Ada Quill and Tomás de la Vega"),
        ("By Rosa Ng, MD Staff Writer", "author", "Rosa Ng, MD Staff Writer"),
        ("By 林小雨", "author", "林小雨"),
        ("Written by Ada Quill Edited by Ben Osei", "author", "Ada Quill"),
        ("Monday 4 May 2020 by Ada Quill", "author", "Ada Quill"),
        ("⏱️ 1 min read", "stated_reading_minutes", 1),
        ("Reading time: 7 minutes", "stated_reading_minutes", 7),
        ("12 min read", "stated_reading_minutes", 12),
        ("1.2k views", "views", 1200),
        ("Category: Science", "category", "Science"),
        ("Von Anna Schmidt", "author", "Anna Schmidt"),
        ("Par Jeanne Martin | 3 mars 2021", "published", dt.date(2021, 3, 3)),
    ],
)
def test_metadata_line_shapes(text: str, field: str, value: object) -> None:
    line = read_metadata_line(text)
    assert line is not None, text
    assert getattr(line, field) == value


@pytest.mark.parametrize(
    ("text", "extra"),
    [
        ("🕒 2 days ago 👤 admin", {"published": "2 days ago"}),
        ("Updated 3 hours ago", {"updated": "3 hours ago"}),
        ("Posted yesterday by editor", {"published": "yesterday"}),
    ],
)
def test_relative_dates_are_kept_as_said(text: str, extra: dict[str, str]) -> None:
    line = read_metadata_line(text)
    assert line is not None
    assert line.published is None
    assert dict(line.extra) == extra


def test_author_emoji_with_by() -> None:
    line = read_metadata_line("👤 By Ada Quill · 📅 2020-01-01")
    assert line is not None
    assert line.author == "Ada Quill"


def test_written_by_edited_by_records_the_editor() -> None:
    line = read_metadata_line("Written by Ada Quill Edited by Ben Osei")
    assert line is not None
    assert dict(line.extra) == {"editor": "Ben Osei"}


@pytest.mark.parametrize(
    "text",
    [
        "By the end of the week, the river had risen by a metre.",
        "By contrast, the northern towns stayed dry.",
        "By Monday the water had gone.",
        "By Design we mean the studio, not the method",
        "By now everyone knows the story",
        "Posted by three volunteers, all of them tired, on a Sunday after the storm.",
        "Updated figures show the opposite trend.",
        "12 people came.",
        "The minutes of the meeting were read aloud.",
        "5 min",  # a bare duration is not a stated reading time
        "Tags are useful when they are few, and harmful when there are dozens of them.",
        "Comments",
        "2021",
        "A Title Line",
        "📅 next week, probably",
        "🎉 We are thrilled to announce the winners of this year's photo contest.",
    ],
)
def test_prose_is_not_metadata(text: str) -> None:
    assert read_metadata_line(text) is None


def test_split_tags() -> None:
    assert split_tags("Science, Space travel, Opinion") == ("Science", "Space travel", "Opinion")
    assert split_tags("#rivers #spring") == ("rivers", "spring")
    assert split_tags("we talked about it for a long time, and then went home.") == ()


@pytest.mark.parametrize(
    ("title", "site"),
    [
        ("How to Repot a Fern | Greenleaf", "Greenleaf"),
        ("How to Repot a Fern - Greenleaf Magazine", "Greenleaf Magazine"),
        ("How to Repot a Fern — Greenleaf", "Greenleaf"),
        ("城市河流的春天_新闻频道_河畔网", "河畔网"),
        ("A Plain Title", None),
        ("Risk - and Reward - in the Long Run of a Very Long Title With Many Words", None),
    ],
)
def test_site_suffix(title: str, site: str | None) -> None:
    assert split_site_suffix(title) == site


def test_merge_first_line_wins_and_lines_kept_in_order() -> None:
    first = read_metadata_line("By Ada Quill | 2021-07-09")
    second = read_metadata_line("Last updated: 2021-08-01")
    third = read_metadata_line("📅 2020-01-01 · ⏱️ 3 min read")
    assert first is not None
    assert second is not None
    assert third is not None
    merged = merge_metadata([first, second, third], tags=("Rivers",), site_name="Lakeside")
    assert merged.published == dt.date(2021, 7, 9)
    assert merged.updated == dt.date(2021, 8, 1)
    assert merged.stated_reading_minutes == 3
    assert merged.tags == ("Rivers",)
    assert merged.site_name == "Lakeside"
    assert merged.lines == (
        "By Ada Quill | 2021-07-09",
        "Last updated: 2021-08-01",
        "📅 2020-01-01 · ⏱️ 3 min read",
    )


def _adversarial(n: int) -> list[str]:
    return [
        "a" * n,
        " " * n + "x",
        "a " * n,
        "By " * n,
        "by a " * n,
        "1" * n,
        "1/" * n,
        "12 " * n,
        "📅 " * n,
        "📅 1 · " * n,
        "March " * n,
        "| " * n + "x",
        "- a " * n,
        "_a" * n,
        ", " * n,
        "Posted on " * n,
    ]


def test_every_regex_is_linear_on_long_adversarial_lines() -> None:
    patterns = module_patterns(metadata)
    assert len(patterns) > 10

    def run(n: int) -> Callable[[], object]:
        return regex_work(patterns, _adversarial(n))

    assert ratio(run(2000), run(20000)) < 15


def test_public_functions_are_linear_on_long_lines() -> None:
    def run(n: int) -> Callable[[], object]:
        lines = _adversarial(n)
        return lambda: [
            (read_metadata_line(s), read_date(s), split_tags(s), split_site_suffix(s))
            for s in lines
        ]

    assert ratio(run(2000), run(20000)) < 15


def _starts(pattern: regex.Pattern[str]) -> set[str]:
    # A digit stands for every digit; a month, for every name ``read_date`` knows.
    text = pattern.pattern.replace("(?P<count>\\d+|no)", "(?:0|no)")
    text = text.replace("\\p{L}{3,10}", "(?:" + "|".join(metadata._MONTHS) + ")")
    return literal_starts(sre_parse.parse(text.replace("\\d", "0")).data)


_LABELS = [
    metadata._DATE_LABEL,
    metadata._BY_LABEL,
    metadata._CATEGORY_LABEL,
    metadata._TAGS_LABEL,
    metadata._COMMENTS,
]
_DATES = [
    metadata._DATE_ISO,
    metadata._DATE_NUMERIC,
    metadata._DATE_MONTH_FIRST,
    metadata._DATE_DAY_FIRST,
    metadata._DATE_CJK,
]
_PIECES = [*_DATES, metadata._READING, metadata._VIEWS, *_LABELS]


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [(p, metadata._LABEL_STARTS) for p in _LABELS]
    + [(p, metadata._PIECE_STARTS) for p in _PIECES]
    + [(p, metadata._DATE_STARTS) for p in _DATES],
)
def test_start_lists_cover_every_pattern_they_stand_for(
    pattern: regex.Pattern[str], starts: tuple[str, ...]
) -> None:
    # A line is tried against these patterns only if it starts with one of ``starts``.
    for start in _starts(pattern):
        assert start.startswith(starts) or start[:1] == "0", start


_DATE_TEXT = st.lists(
    st.sampled_from(
        ["Tuesday", "tue.", "15", "2019", "Sept", "März", "AUGUſT", "İ", "3.", "/", "-", " ", ","]
        + ["de", "2024年3月3日", "\u0663", "\U00010d40", "th", "at 10:30", "pm", "12", "07"]
    ),
    max_size=8,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=30) | _DATE_TEXT)
def test_texts_the_date_pre_check_rejects_state_no_date(text: str) -> None:
    stripped = text.strip()
    if stripped and not metadata._may_be_date(stripped):
        assert metadata._read_stripped_date(stripped) is None


def test_only_the_listed_character_matches_a_start_letter_but_folds_to_another() -> None:
    letters = set("".join(metadata._PIECE_STARTS + metadata._DATE_STARTS))
    letter = regex.compile("[" + regex.escape("".join(sorted(letters))) + "]", regex.IGNORECASE)
    apart = {
        chr(code)
        for code in range(0x110000)
        if letter.match(chr(code)) and chr(code).casefold() not in letters
    }
    assert apart == set(metadata._FOLDED_APART)
    assert all(chr(code).lower() in letters for code in range(128) if letter.match(chr(code)))


def test_the_separator_never_matches_at_the_start_of_a_stripped_line() -> None:
    # Every character ``\s`` matches is one ``str.strip`` removes: the first piece of a line
    # starts with the line.
    space = regex.compile(r"\s")
    assert all(chr(code).isspace() for code in range(0x110000) if space.match(chr(code)))


def test_ascii_has_no_field_emoji() -> None:
    assert not any(metadata._EMOJI_PIECE.search(chr(code)) for code in range(128))


_METADATA_TEXT = st.lists(
    st.sampled_from(
        ["By", "by", "Posted", "on", "Ada", "Quill", "no", "No comments", "Tags:", "Category:"]
        + ["Last updated:", "Written by", "Section:", "admin", "views", "min read", " | ", " · "]
        + [" ", ",", ":", "2021-07-09", "3", "May", "the", "river", "📅", "é", "ſ", "K", "İ"]
        + ["Publié le", "Veröffentlicht:", "Mots-clés :", "’", "😀", "\U00010d40", "Ü"]
        + ["Tuesday", "15", "Sept", "März", "AUGUſT", "3.", "/", "views", "Reading time:"]
        + ["min", "ago", "2 hours", "Edited by", "—", "年", "\u0663"]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=40) | _METADATA_TEXT)
def test_lines_the_pre_check_rejects_are_not_metadata(text: str) -> None:
    stripped = text.strip()
    if stripped and metadata._cannot_be_metadata(stripped):
        assert metadata._read_line(stripped) is None
