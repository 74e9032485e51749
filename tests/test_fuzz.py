"""Fuzzing with hypothesis: parse never raises anything but an ``ArticleKitError``, and what it
returns keeps its invariants (TOC, sections, offsets, JSON round trip); ``clean`` is idempotent.

The atheris harness in ``fuzz/fuzz_parse.py`` checks the same invariants with coverage
guidance and imports ``FRAGMENTS`` from here; crashes it finds go to
``tests/test_fuzz_regressions.py``.
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import articlekit
from articlekit import Article, ArticleKitError, Block, BlockKind, Section
from articlekit.decode import decode_input

# Pieces of what a scraper leaves (see the project's notes on artifacts), for text that reaches
# the repair, boilerplate and structure rules far more often than random characters do.
FRAGMENTS = (
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\u2028",
    "\u2029",
    " ",
    "\t",
    "  ",
    "Title",
    "A sentence with words, and a comma.",
    "Short line",
    "Heading Two",
    "Why it matters?",
    "1. ",
    "2.1 ",
    "iii. ",
    "a) ",
    "• ",
    "- ",
    "* ",
    "> ",
    "    ",
    '">',
    '" target="_blank" rel="noopener">',
    'Page Title">Anchor - Site Review"',
    '<a href="https://example.org/page">',
    "</a>",
    "<strong>",
    "</strong>",
    "<em>",
    "<br>",
    "<p>",
    '<span style="font-weight: 400;">',
    "</span>",
    "&amp;amp;",
    "&rsquo;",
    "&#8217;",
    "&#x2019;",
    "&nbsp;",
    "&eacute;",
    "&lt;b&gt;",
    "&",
    "â€™",
    "â€”",
    "â€œ",
    "Ã©",
    "Â ",
    "\u200b",
    "\u00ad",
    "\ufeff",
    "\u202e",
    "\u200d",
    "\u2066",
    "Contents",
    "Table of Contents",
    "In this article",
    "Advertisement",
    "Story continues below",
    "Read more: Another Story",
    "Share on Facebook",
    "Subscribe to our newsletter",
    "Related articles",
    "Tags: one, two",
    "© 2024 Example Media. All rights reserved.",
    "By Jane Doe",
    "Updated March 3, 2024",
    "📅 2024-03-03",
    "⏱ 8 min read",
    "👁 1,204 views",
    "💬 12 comments",
    "```",
    "def f(x):",
    "    return x",
    "$ ls -la",
    "Vec<T> and a < b",
    "<main>",
    "AT&T",
    "漢字かな交じり文。",
    "中文段落，没有空格。",
    "한국어 문장.",
    "שלום עולם",
    "مرحبا",
    "😀",
    "👩\u200d💻",
    "\x85",
    "\x00",
    "\x1b",
    "\ud800",
    "— Someone Famous",
    "“Quoted words.”",
    "[edit]",
    "¶",
)

TEXT = st.text(max_size=400)
FRAGMENT_TEXT = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)
ANY_TEXT = st.one_of(TEXT, FRAGMENT_TEXT)
# ARTICLEKIT_FUZZ_EXAMPLES=5000 for a longer hunt than CI's.
SETTINGS = settings(
    max_examples=int(os.environ.get("ARTICLEKIT_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _parse(source: str | bytes) -> Article | None:
    """Return the article, or None when parse raised one of its documented errors."""
    try:
        return articlekit.parse(source)
    except ArticleKitError:
        return None


def _own_blocks(section: Section) -> list[Block]:
    return ([section.heading] if section.heading is not None else []) + list(section.blocks)


def check_invariants(article: Article) -> None:
    """Assert what every ``Article`` promises, whatever its input."""
    blocks = article.blocks
    previous_start = 0
    for block in blocks:
        assert 0 <= block.start <= block.end <= article.source_length, block
        assert block.start >= previous_start, "blocks out of input order"
        assert 1 <= block.line <= block.end_line or block.line == block.end_line == 0, block
        assert block.text.strip(), f"empty block {block}"
        assert (block.level is not None) == (block.kind is BlockKind.HEADING), block
        previous_start = block.start
    for entry in (e for top in article.toc for e in top.walk()):
        assert 0 <= entry.block_index < len(blocks), entry
        heading = blocks[entry.block_index]
        assert heading.kind is BlockKind.HEADING
        assert (heading.text, heading.level) == (entry.title, entry.level)
    toc_indices = [e.block_index for top in article.toc for e in top.walk()]
    assert toc_indices == [i for i, b in enumerate(blocks) if b.kind is BlockKind.HEADING]
    in_sections = [b for top in article.sections for s in top.walk() for b in _own_blocks(s)]
    assert in_sections == list(blocks), "sections must cover every block once, in order"
    data = article.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert Article.from_dict(json.loads(json.dumps(data))) == article


@SETTINGS
@given(TEXT)
def test_arbitrary_text(text: str) -> None:
    article = _parse(text)
    if article is not None:
        check_invariants(article)


@SETTINGS
@given(FRAGMENT_TEXT)
def test_text_from_scraped_fragments(text: str) -> None:
    article = _parse(text)
    if article is not None:
        check_invariants(article)


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    article = _parse(data)
    if article is not None:
        check_invariants(article)


@SETTINGS
@given(FRAGMENT_TEXT.map(lambda text: text.encode("utf-8", "surrogatepass")))
def test_fragment_bytes(data: bytes) -> None:
    article = _parse(data)
    if article is not None:
        check_invariants(article)


@SETTINGS
@given(ANY_TEXT)
def test_clean_is_idempotent(text: str) -> None:
    try:
        once = articlekit.clean(text)
    except ArticleKitError:
        return
    assert articlekit.clean(once) == once


@SETTINGS
@given(ANY_TEXT)
def test_clean_log_replays(text: str) -> None:
    try:
        cleaned, repairs = articlekit.clean(text, explain=True)
    except ArticleKitError:
        return
    decoded, _ = decode_input(text, len(text) + 1)  # the text the repair offsets point into
    assert articlekit.apply_repairs(decoded, repairs) == cleaned


@SETTINGS
@given(FRAGMENT_TEXT)
def test_parse_is_deterministic(text: str) -> None:
    first, second = _parse(text), _parse(text)
    assert first == second
