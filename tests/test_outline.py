"""Stage 5: sections and table of contents from levelled headings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import articlekit
from articlekit import outline
from articlekit.model import Block, BlockKind, Section, TocEntry
from articlekit.outline import build_sections, build_toc, slugify, unique_slugs


def _paragraph(text: str) -> Block:
    return Block(BlockKind.PARAGRAPH, text)


def _heading(text: str, level: int) -> Block:
    return Block(BlockKind.HEADING, text, level)


def _section_blocks(sections: tuple[Section, ...]) -> Iterator[Block]:
    for root in sections:
        for section in root.walk():
            if section.heading is not None:
                yield section.heading
            yield from section.blocks
            # children are walked by ``walk`` itself


def _entries(toc: tuple[TocEntry, ...]) -> list[TocEntry]:
    return [entry for root in toc for entry in root.walk()]


def test_slugify_github_style() -> None:
    assert slugify("Why Measure? (Part 2)") == "why-measure-part-2"
    assert slugify("  Notes & thanks ") == "notes--thanks"
    assert slugify("町家の歴史") == "町家の歴史"
    assert slugify("snake_case stays") == "snake_case-stays"


def test_unique_slugs_deduplicate_like_github() -> None:
    assert unique_slugs(["Setup", "Setup", "Setup-1", "Setup"]) == (
        "setup",
        "setup-1",
        "setup-1-1",
        "setup-2",
    )
    assert unique_slugs(["?!", ""]) == ("section", "section-1")


def test_lead_section_is_a_root() -> None:
    blocks = [_paragraph("Lead."), _heading("A", 2), _paragraph("a"), _heading("B", 3)]
    sections = build_sections(blocks)
    assert [(s.heading is None, s.level, s.anchor) for s in sections] == [
        (True, 1, None),
        (False, 2, "a"),
    ]
    assert [c.anchor for c in sections[1].children] == ["b"]


def test_toc_nests_and_points_at_headings() -> None:
    blocks = [
        _heading("Intro", 2),
        _paragraph("x"),
        _heading("Part", 2),
        _heading("Detail", 3),
        _heading("Deeper", 4),
        _heading("Back", 2),
    ]
    toc = build_toc(blocks)
    assert [(e.title, [c.title for c in e.children]) for e in toc] == [
        ("Intro", []),
        ("Part", ["Detail"]),
        ("Back", []),
    ]
    assert [e.block_index for e in _entries(toc)] == [0, 2, 3, 4, 5]


_BLOCKS = st.lists(
    st.one_of(
        st.builds(_paragraph, st.sampled_from(["p", "q"])),
        st.builds(_heading, st.sampled_from(["Setup", "Usage", "Setup", "?"]), st.integers(2, 6)),
    ),
    max_size=40,
)


@settings(max_examples=100, deadline=None)
@given(_BLOCKS)
def test_sections_cover_every_block_once_in_order(blocks: list[Block]) -> None:
    covered = list(_section_blocks(build_sections(blocks)))
    assert len(covered) == len(blocks)
    assert all(a is b for a, b in zip(covered, blocks))


@settings(max_examples=100, deadline=None)
@given(_BLOCKS)
def test_toc_entries_point_at_real_headings_with_unique_anchors(blocks: list[Block]) -> None:
    entries = _entries(build_toc(blocks))
    headings = [i for i, b in enumerate(blocks) if b.kind is BlockKind.HEADING]
    assert [e.block_index for e in entries] == headings
    for entry in entries:
        block = blocks[entry.block_index]
        assert (block.text, block.level) == (entry.title, entry.level)
        assert all(child.level > entry.level for child in entry.children)
    anchors = [e.anchor for e in entries]
    assert len(set(anchors)) == len(anchors)
    section_anchors = [
        s.anchor for root in build_sections(blocks) for s in root.walk() if s.heading is not None
    ]
    assert section_anchors == anchors


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(["Why It Matters", "A B", "1. Scope", "## Setup", "x."]), max_size=30)
)
def test_parsed_articles_have_a_consistent_outline(lines: list[str]) -> None:
    body = "\n\n".join(lines + ["The end of the text comes here, after all the rest of it."])
    article = articlekit.parse("Title\n\n" + body)
    entries = _entries(article.toc)
    assert [e.block_index for e in entries] == [
        i for i, b in enumerate(article.blocks) if b.kind is BlockKind.HEADING
    ]
    levels = [e.level for e in entries]
    assert not levels or levels[0] == 2
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:]))


@pytest.mark.slow
def test_unique_slugs_is_linear_on_repeats() -> None:
    from tests.test_adversarial import assert_scales_linearly

    assert_scales_linearly(unique_slugs, lambda n: ["Same"] * n, 10_000)


def test_unique_slugs_of_a_changed_list_are_read_again() -> None:
    texts = ["Setup", "Setup"]
    assert unique_slugs(texts) == ("setup", "setup-1")
    texts.append("Setup")
    assert unique_slugs(texts) == ("setup", "setup-1", "setup-2")
    assert unique_slugs(texts) == ("setup", "setup-1", "setup-2")
    assert unique_slugs(["Other"]) == ("other",)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_slugify_fast_path_keeps_what_the_pattern_keeps(text: str) -> None:
    expected = str(outline._NOT_SLUG.sub("", text.strip().lower())).replace(" ", "-")
    assert slugify(text) == expected
