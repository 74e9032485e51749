"""Stage 4: layout, headings with their features, levels, lists, quotes, code, explanations."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import articlekit
from articlekit import BlockKind, Options
from articlekit.blocks import split_spans
from articlekit.classify import classify_spans, detect_layout
from articlekit.features import line_shape, match_list_marker, sentence_like
from articlekit.lines import split_lines

BODY = (
    "The committee met on a cold morning, and the discussion ran well past noon before anyone "
    "suggested a break."
)
BODY2 = "Nobody expected the vote to be close, yet it came down to a single ballot in the end."


def _classify(text: str, **kwargs: object) -> list[tuple[str, int | None, str]]:
    blocks = classify_spans(split_spans(split_lines(text)), Options(), **kwargs)  # type: ignore[arg-type]
    return [(str(b.kind), b.level, b.text) for b in blocks]


def _kinds(text: str) -> list[str]:
    return [kind for kind, _, _ in _classify(text)]


# --------------------------------------------------------------------------- layout


def test_layout_blank_line_text() -> None:
    layout = detect_layout(split_lines(f"{BODY}\n\n{BODY2}\n\n{BODY}\n"))
    assert (layout.compact, layout.wrap_width) == (False, 0)


def test_layout_one_block_per_line() -> None:
    layout = detect_layout(split_lines(f"{BODY}\n{BODY2}\nA heading\n{BODY}\n"))
    assert (layout.compact, layout.wrap_width) == (True, 0)


def test_removed_boilerplate_line_does_not_make_compact_text_blank_line_text() -> None:
    # Bug: the "Advertisement" line removed between two sentences left a blank line behind,
    # which voted for blank-line layout and joined the one-line blocks into paragraphs.
    text = f"A Title\n{BODY}\nAdvertisement\n{BODY2}\nTry it now\nLearn more\n"
    blocks = articlekit.parse(text).blocks
    assert [b.text for b in blocks] == [BODY, BODY2, "Try it now", "Learn more"]


@pytest.mark.parametrize("closing", ["See also", "References", "Conclusion", "Weblinks"])
def test_closing_section_returns_to_the_top_level(closing: str) -> None:
    # Same-shaped headings, the last one under the subsections: back matter is top level.
    text = (
        f"A Title\n\n{BODY2}\n\nOur Products¶\n\nWeb Browsers¶\n\n{BODY}\n\n"
        f"Mail Clients¶\n\n{BODY2}\n\n{closing}¶\n\n{BODY}\n"
    )
    levels = [(b.text, b.level) for b in articlekit.parse(text).blocks if b.level]
    assert levels == [
        ("Our Products¶", 2),
        ("Web Browsers¶", 3),
        ("Mail Clients¶", 3),
        (f"{closing}¶", 2),
    ]


def test_a_recurring_subsection_name_keeps_its_level_and_opens_its_parent() -> None:
    text = (
        f"A Title\n\n{BODY2}\n\nOne Developer¶\n\nPublic Repositories¶\n\n{BODY}\n\n"
        f"Setting up¶\n\n{BODY}\n\nMany Developers¶\n\n{BODY2}\n\nSetting up¶\n\n{BODY}\n"
    )
    levels = [(b.text, b.level) for b in articlekit.parse(text).blocks if b.level]
    assert levels == [
        ("One Developer¶", 2),
        ("Public Repositories¶", 3),
        ("Setting up¶", 3),
        ("Many Developers¶", 2),
        ("Setting up¶", 3),
    ]


@pytest.mark.parametrize("newline", ["\n\n", "\n"])
def test_article_titles_with_bylines_are_the_top_level(newline: str) -> None:
    # A page of several articles: each title has its byline under it; the other headings are
    # sections inside an article, in either rendering.
    parts = [
        "Weekly Edition for March 2024",
        BODY2,
        "A Battle Over Names",
        "By Jane Doe\nMarch 3, 2024" if newline == "\n\n" else "By Jane Doe",
        *([] if newline == "\n\n" else ["March 3, 2024"]),
        BODY,
        "The Early Years",
        BODY2,
        "Mapping With Free Tools",
        "By John Roe\nMarch 4, 2024" if newline == "\n\n" else "By John Roe",
        *([] if newline == "\n\n" else ["March 4, 2024"]),
        BODY,
        "What Changed",
        BODY2,
    ]
    blocks = articlekit.parse(newline.join(parts) + "\n").blocks
    assert [(b.text, b.level) for b in blocks if b.level] == [
        ("A Battle Over Names", 2),
        ("The Early Years", 3),
        ("Mapping With Free Tools", 2),
        ("What Changed", 3),
    ]
    assert "list_item" not in [str(b.kind) for b in blocks]


def test_layout_hard_wrapped() -> None:
    text = (
        "The chain is the part of an old bicycle that wears out first, and it is\n"
        "also the part that most riders forget about until it starts to skip under\n"
        "load. A worn chain stretches a little, and the stretch wears the teeth of\n"
        "the cassette until the two only work well together.\n\n"
        "Replace the chain before it reaches that point, and the cassette will\n"
        "last for three or four chains instead of one, which saves money too.\n"
    )
    layout = detect_layout(split_lines(text))
    assert layout.wrap_width in range(70, 76)
    assert _kinds(text) == ["paragraph", "paragraph"]


def test_blank_line_span_of_two_lines_is_one_paragraph() -> None:
    text = f"{BODY}\n\nBuy a ticket\nRead on\n\n{BODY2}\n"
    assert _classify(text)[1] == ("paragraph", None, "Buy a ticket Read on")


def test_heading_written_directly_above_its_paragraph() -> None:
    text = f"{BODY}\n\nWhat Happened Next\n{BODY2}\n"
    assert _classify(text)[1:] == [("heading", 2, "What Happened Next"), ("paragraph", None, BODY2)]


# --------------------------------------------------------------------------- headings


def test_question_and_colon_headings() -> None:
    text = f"Why It Matters?\n\n{BODY}\n\nBudget: Where the Money Goes\n\n{BODY2}\n"
    assert [k for k, _, _ in _classify(text)] == ["heading", "paragraph", "heading", "paragraph"]


def test_short_question_and_exclamation_headings() -> None:
    text = f"{BODY}\n\nWow! Does it fly?\n\n{BODY2}\n\nSo what is next?\n\n{BODY}\n"
    headings = [t for k, _, t in _classify(text) if k == "heading"]
    assert headings == ["Wow! Does it fly?", "So what is next?"]
    clause = "Our latency just shot up; what else happened around then?"
    assert "heading" not in _kinds(f"{BODY}\n\n{clause}\n\n{BODY2}\n")


def test_sentence_endings_and_intros_are_not_headings() -> None:
    text = f"{BODY}\n\nThat was the end of it.\n\n{BODY2}\n\nHere is what they said:\n\n{BODY}\n"
    assert "heading" not in _kinds(text)


def test_a_sentence_broken_over_two_lines_is_no_heading() -> None:
    rest = "were published on Monday, and they surprised everyone."
    text = f"{BODY}\nThe Results of the Survey\n{rest}\n"
    assert "heading" not in _kinds(text)


def test_a_heading_is_not_the_last_block() -> None:
    assert _kinds(f"{BODY}\n\nSee you next week\n") == ["paragraph", "paragraph"]


def test_run_of_short_lines_is_navigation_not_headings() -> None:
    text = f"{BODY}\n\nHome\n\nNews\n\nSport\n\nWeather\n\nContact\n\n{BODY2}\n"
    assert _kinds(text).count("heading") <= 1


def test_table_of_contents_evidence_makes_a_heading() -> None:
    text = f"{BODY}\n\nthe small print\n\n{BODY2}\n"
    assert _classify(text)[1][0] == "paragraph"
    assert _classify(text, heading_lines=frozenset({2}))[1] == ("heading", 2, "the small print")


def test_heading_repeating_the_title_is_kept_and_the_others_go_deeper() -> None:
    text = f"Night Trains\n\n{BODY}\n\nThe Routes\n\n{BODY2}\n"
    got = _classify(text, title="Night Trains")
    assert [(k, lvl) for k, lvl, _ in got] == [
        ("heading", 2),
        ("paragraph", None),
        ("heading", 3),
        ("paragraph", None),
    ]


def test_shared_suffix_mark_makes_headings() -> None:
    text = (
        f"History¶\n\n{BODY}\n\nValues¶\n\n{BODY2}\n\nlowercase start¶\n\n{BODY}\n\n"
        f"Not a heading here\n\n{BODY2}\n\nSoftware¶\n\n{BODY}\n"
    )
    headings = [t for k, _, t in _classify(text) if k == "heading"]
    # Four headings end with the mark, so the line without it is not one of them.
    assert headings == ["History¶", "Values¶", "lowercase start¶", "Software¶"]


def test_hash_line_that_is_no_heading_keeps_its_hash() -> None:
    line = (
        "# This comment explains why the link below fails. It will be fixed once the "
        "server moves to its new address next month."
    )
    assert _classify(f"{BODY}\n\n{line}\n\n{BODY2}\n")[1] == ("paragraph", None, line)


def test_details_line_under_a_title_is_not_the_heading() -> None:
    text = f"{BODY}\n\nFor a rainy evening\n\nThe Long Night (film, 1h34, streaming)\n\n{BODY2}\n"
    got = _classify(text)
    assert got[1] == ("heading", 2, "For a rainy evening")
    assert got[2][0] == "paragraph"


def test_cjk_heading() -> None:
    text = (
        "町家の歴史\n\n"
        "京都の町家は、江戸時代から続く伝統的な木造の住宅です。"
        "通りに面した細長い間取りが特徴です。\n"
    )
    assert _kinds(text) == ["heading", "paragraph"]


def test_line_shape_features() -> None:
    shape = line_shape("2.3 Why Measure?")
    assert (shape.numbering, shape.numbering_depth, shape.terminal) == ("2.3", 2, "question")
    assert line_shape("22 Dec, 2016").numbering == ""
    assert line_shape("Topic: The Subtitle").colon_lead
    assert line_shape("The end of a sentence, and").dangling
    assert line_shape("(Photo: Someone)").bracketed
    assert line_shape("Images/Getty/Agency").slashes == 2
    assert line_shape("ALL THE NEWS").all_caps
    assert sentence_like(BODY)
    assert not sentence_like("Why It Matters")


# --------------------------------------------------------------------------- levels


def test_heading_directly_followed_by_heading_opens_a_parent() -> None:
    text = (
        f"Changes Inside: A New Room\n\nFewer Shelves\n\n{BODY}\n\nStaff Who Teach\n\n{BODY2}\n\n"
        f"Money: Where It Comes From\n\n{BODY}\n"
    )
    assert [(t, lvl) for k, lvl, t in _classify(text) if k == "heading"] == [
        ("Changes Inside: A New Room", 2),
        ("Fewer Shelves", 3),
        ("Staff Who Teach", 3),
        ("Money: Where It Comes From", 2),
    ]


def test_a_heading_listing_its_subsections_is_their_parent() -> None:
    text = (
        f"Ways to Travel\n\n- Trains\n- Ferries\n\nTrains\n\n{BODY}\n\n"
        f"Ferries\n\n{BODY2}\n\nAnother Topic\n\n{BODY}\n"
    )
    assert [(t, lvl) for k, lvl, t in _classify(text) if k == "heading"] == [
        ("Ways to Travel", 2),
        ("Trains", 3),
        ("Ferries", 3),
        ("Another Topic", 2),
    ]


def test_a_caption_between_two_headings_does_not_separate_them() -> None:
    text = f"{BODY}\n\nSoftware: The Main Tools\n\nEditor logo\n\nThe Editor\n\n{BODY2}\n"
    assert [(t, lvl) for k, lvl, t in _classify(text) if k == "heading"] == [
        ("Software: The Main Tools", 2),
        ("The Editor", 3),
    ]


def test_markdown_levels_are_normalised_to_start_at_two() -> None:
    text = f"### Deep\n\n{BODY}\n\n#### Deeper\n\n{BODY2}\n\n### Back\n\n{BODY}\n"
    assert [lvl for k, lvl, _ in _classify(text) if k == "heading"] == [2, 3, 2]


def test_levels_never_jump_by_more_than_one() -> None:
    text = f"# One\n\n{BODY}\n\n#### Four\n\n{BODY2}\n"
    assert [lvl for k, lvl, _ in _classify(text) if k == "heading"] == [2, 3]


_LINES = st.sampled_from(
    [
        "Why It Matters",
        "1. Introduction",
        "1.1 Scope",
        "2.3.1 Deep Detail",
        "## Setup",
        "#### Deep Setup",
        "Budget: Where It Goes",
        "ALL CAPS HEADING",
        "- a list item",
        "  - a nested item",
        BODY,
        BODY2,
        "A short line",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=25), st.booleans())
def test_levels_start_at_two_and_never_jump(lines: list[str], compact: bool) -> None:
    text = ("\n" if compact else "\n\n").join(lines) + "\n"
    blocks = classify_spans(split_spans(split_lines(text)), Options())
    levels = [b.level for b in blocks if b.kind is BlockKind.HEADING]
    assert all(level is not None and 2 <= level <= 6 for level in levels)
    if levels:
        assert levels[0] == 2
    for previous, level in zip(levels, levels[1:]):
        assert level is not None
        assert previous is not None
        assert level <= previous + 1
    # Blocks are in input order, inside the input, and never empty.
    offsets = [(b.start, b.end) for b in blocks]
    assert offsets == sorted(offsets)
    assert all(0 <= s <= e <= len(text) and b.text for (s, e), b in zip(offsets, blocks))


# --------------------------------------------------------------------------- lists, quotes, code


def test_nested_lists_markers_depth_ordered() -> None:
    text = f"{BODY}\n\n- one\n  - one.a\n- two\n\n1. first\n   a) sub\n2. second\n"
    blocks = classify_spans(split_spans(split_lines(text)), Options())
    items = [
        (b.text, b.marker, b.depth, b.ordered) for b in blocks if b.kind is BlockKind.LIST_ITEM
    ]
    assert items == [
        ("one", "-", 0, False),
        ("one.a", "-", 1, False),
        ("two", "-", 0, False),
        ("first", "1.", 0, True),
        ("sub", "a)", 1, True),
        ("second", "2.", 0, True),
    ]


def test_list_item_continuation_line_is_joined() -> None:
    text = f"{BODY}\n\n- a long item that goes on\n  and continues here\n- short\n"
    assert [t for k, _, t in _classify(text) if k == "list_item"] == [
        "a long item that goes on and continues here",
        "short",
    ]


def test_no_lists_invented_in_compact_text_without_markers() -> None:
    text = f"{BODY}\nApples\nPears\nPlums\n{BODY2}\n"
    assert "list_item" not in _kinds(text)


def test_unmarked_items_after_an_introduction_are_a_list() -> None:
    text = (
        f"{BODY}\nThe next version will bring mainly:\nFaster start-up.\nSmaller files.\n{BODY2}\n"
    )
    assert _kinds(text) == ["paragraph", "paragraph", "list_item", "list_item", "paragraph"]


def test_a_run_of_short_fragments_is_a_list() -> None:
    text = f"{BODY}\n\nDowntime while collecting\n\nPerformance overhead\n\nData kept locally\n"
    got = _classify(text)
    assert [k for k, _, _ in got] == ["paragraph", "list_item", "list_item", "list_item"]
    # Two fragments, or a run broken by a sentence, are not enough.
    assert "list_item" not in _kinds(f"{BODY}\n\nDowntime\n\nOverhead\n\n{BODY2}\n")
    assert "list_item" not in _kinds(f"{BODY}\n\nDowntime\n\nOverhead\n\nIt ends.\n\nData\n")


def test_lines_sharing_a_symbol_prefix_are_a_list() -> None:
    refs = "^ Smith, J. (2001). A Book.\n^ Lee, K. (2003). Another.\n^ Roe, P. (2009). A Third.\n"
    got = _classify(f"{BODY}\n{refs}{BODY2}\n")
    assert [k for k, _, _ in got] == [
        "paragraph",
        "list_item",
        "list_item",
        "list_item",
        "paragraph",
    ]
    assert got[1][2] == "^ Smith, J. (2001). A Book."
    # Two lines are not enough.
    assert "list_item" not in _kinds(f"{BODY}\n+ one thing\n+ another\n{BODY2}\n")


def test_bare_links_in_a_row_are_a_list() -> None:
    links = "https://example.org/a\nhttps://example.org/b\n"
    assert _kinds(f"{BODY}\n{links}{BODY2}\n") == [
        "paragraph",
        "list_item",
        "list_item",
        "paragraph",
    ]


def test_list_marker_rules() -> None:
    assert match_list_marker("(1) not a list") is None
    assert match_list_marker("–  en dash item") is not None
    assert match_list_marker("-no space") is None


def test_quote_with_attribution_and_marked_quote() -> None:
    text = f"{BODY}\n\n“Plant trees now.”\n— A gardener\n\n> Water early.\n> Not at noon.\n"
    blocks = classify_spans(split_spans(split_lines(text)), Options())
    quotes = [(b.text, b.attribution) for b in blocks if b.kind is BlockKind.QUOTE]
    assert quotes == [("“Plant trees now.”", "— A gardener"), ("Water early. Not at noon.", None)]


def test_empty_fence_leaves_no_block() -> None:
    assert _classify(f"{BODY}\n\n```\n```\n") == [("paragraph", None, BODY)]


def test_code_block_keeps_its_lines() -> None:
    text = f"{BODY}\n\nfunction add(a, b) {{\n  return a + b;\n}}\n\n{BODY2}\n"
    blocks = classify_spans(split_spans(split_lines(text)), Options())
    assert blocks[1].kind is BlockKind.CODE
    assert blocks[1].text == "function add(a, b) {\n  return a + b;\n}"


def _blocks(text: str) -> list[articlekit.Block]:
    return list(classify_spans(split_spans(split_lines(text)), Options()))


def test_fence_info_string_is_the_marker_and_not_code() -> None:
    blocks = _blocks(f"{BODY}\n\n```python\nx = 1\n```\n\n{BODY2}\n")
    code = blocks[1]
    assert (code.kind, code.text, code.marker) == (BlockKind.CODE, "x = 1", "```python")
    assert (code.line, code.end_line) == (3, 5)
    # A bare fence has nothing to say beyond the kind.
    assert _blocks(f"{BODY}\n\n~~~\nx = 1\n~~~\n")[1].marker is None


def test_fence_like_line_inside_a_block_stays_code() -> None:
    text = f'{BODY}\n\n```\nx = 1\n```">Heading Two more words\ny = 2\n```\n\n{BODY2}\n'
    blocks = _blocks(text)
    assert [str(b.kind) for b in blocks] == ["paragraph", "code", "paragraph"]
    assert blocks[1].text == 'x = 1\n```">Heading Two more words\ny = 2'


def test_fenced_blocks_are_not_merged() -> None:
    blocks = _blocks(f"{BODY}\n\n```sh\nls\n```\n\n```js\nf();\n```\n\n{BODY2}\n")
    assert [(b.text, b.marker) for b in blocks[1:3]] == [("ls", "```sh"), ("f();", "```js")]


def test_empty_fence_with_info_string_keeps_its_words() -> None:
    blocks = _blocks(f"{BODY}\n\n```python\n```\n")
    assert [(str(b.kind), b.text, b.marker) for b in blocks[1:]] == [
        ("code", "```python", "```python")
    ]


def test_numbered_heading_splits_off_the_lines_under_it() -> None:
    text = f"{BODY}\n\n1. Getting started\n   Install the package first\n\n{BODY2}\n"
    blocks = _blocks(text)
    got = [(str(b.kind), b.text, b.marker, b.line, b.end_line) for b in blocks]
    assert got == [
        ("paragraph", BODY, None, 1, 1),
        ("heading", "1. Getting started", "1.", 3, 3),
        ("paragraph", "Install the package first", None, 4, 4),
        ("paragraph", BODY2, None, 6, 6),
    ]
    lines = text.split("\n")
    assert text[blocks[1].start : blocks[1].end] == lines[2]
    assert text[blocks[2].start : blocks[2].end] == lines[3]


def test_numbered_line_continued_mid_sentence_is_a_list_item() -> None:
    text = f"{BODY}\n\n1. The results of the survey\n   were published on Monday.\n\n{BODY2}\n"
    assert _classify(text)[1] == (
        "list_item",
        None,
        "The results of the survey were published on Monday.",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Title\n\nText here.\n\n```python\nx = 1\n```\n\nMore text.\n",
        "Title\n\nText.\n\n```c\n```\n\n~~~ a b c\n~~~\n\nMore text.\n",
        "Title\n\nText.\n\n````md\n```\ninner words\n```\n````\n\nMore text.\n",
        "Title\n\nIntro here.\n\n2. Choosing a tool\n   Pick one.\n   > A quote.\n\nEnd.\n",
        'alpha alpha\n1. alpha\n<a href="https://example.org/a"> alpha\nalpha\nalpha alpha\n',
    ],
)
def test_fences_and_numbered_headings_lose_no_word(text: str) -> None:
    assert articlekit.account(text, articlekit.parse(text)).ok


# --------------------------------------------------------------------------- options


def test_explanations_only_when_asked() -> None:
    text = f"Title Here\n\nWhy It Matters\n\n{BODY}\n"
    plain = articlekit.parse(text)
    explained = articlekit.parse(text, explain=True)
    assert all(b.explanation is None for b in plain.blocks)
    heading = explained.blocks[0]
    assert heading.explanation is not None
    features = dict(heading.explanation.features)
    assert features["short"] == 1.0
    assert features["followed_by_body"] == 1.5
    assert heading.explanation.score == sum(features.values())
    assert "level 2" in heading.explanation.reason


def test_detect_structure_off_gives_paragraphs() -> None:
    text = f"Why It Matters\n\n- item\n\n{BODY}\n"
    blocks = classify_spans(split_spans(split_lines(text)), Options(detect_structure=False))
    assert {b.kind for b in blocks} == {BlockKind.PARAGRAPH}


@pytest.mark.slow
def test_classification_is_linear() -> None:
    from tests.test_adversarial import assert_scales_linearly

    def run(text: str) -> object:
        return classify_spans(split_spans(split_lines(text)), Options())

    assert_scales_linearly(run, lambda n: f"Heading {n}\n\n{BODY}\n\n" * n, 500)
    assert_scales_linearly(run, lambda n: "Heading number\n" * n, 1000)
    assert_scales_linearly(run, lambda n: "A long line of words, " * (50 * n), 200)
