"""Literal link tags and stray inline tags left in text: the tags go, the text inside stays.

Where they come from: markup escaped once in the CMS (``&lt;strong&gt;``) and unescaped after
the scraper stripped the real tags, or an "unlink" regex that removed opening tags only (a
leftover ``</a>``). A tag is a tag when an HTML parser (lxml) reads it as an element whose name
is a link, a phrasing element or ``p``/``br``/``div``/``span``. So ``Vec<T>``, ``a < b``,
``x<y``, ``<main>`` in a sentence about HTML and ``<nick> hello`` in a chat log stay, and so does
a tag that the sentence talks about (``the <p> element``, ``"<br>"``). Lines that are markup
rather than prose (a ``<script>`` line, ``<div id="x"></div>``) are left alone.

``<br>``, ``<p>`` and ``<div>`` break text, so between two words they become one space; the
other tags become nothing. Repairs never add a line break.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any, NamedTuple, cast

from lxml import etree

from articlekit.model import RepairKind
from articlekit.repair._edits import Edit, apply_edits

__all__ = ["find_link_tags", "find_stray_tags", "strip_link_tags", "strip_stray_tags"]

# A tag as the HTML tokenizer reads one, except that it never runs over another "<": quoted
# values may hold ">" (style="a:<b>" is cut there instead), which keeps every match attempt
# within one "<...<" stretch, so the scan is linear. The alternatives start with distinct
# characters and a run of spaces splits one way only, so nothing backtracks.
_TAG = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9]{0,15})((?:\s[^<>"'\s]*|"[^"<]*"|'[^'<]*')*)/?>""")

LINK_TAGS = frozenset({"a"})
#: Phrasing elements and the few block elements that scraped text carries inside a paragraph.
STRAY_TAGS = frozenset(
    (
        *("abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "del", "dfn", "div", "em"),
        *("font", "i", "ins", "kbd", "mark", "nobr", "p", "s", "samp", "small", "span"),
        *("strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr"),
    )
)
_BREAKING = frozenset({"br", "p", "div"})
# Names that only markup uses: a line holding one of these is code, not prose with a stray tag.
_DOCUMENT_TAGS = frozenset(
    ("html", "head", "body", "script", "style", "meta", "link", "noscript", "iframe", "template")
)
_QUOTES = {'"': '"', "'": "'", "`": "`", "“": "”", "‘": "’", "«": "»", "„": "“"}
_MENTION = re.compile(r"\s+(?:tags?|elements?)\b")


class _Tag(NamedTuple):
    start: int
    end: int
    name: str
    closing: bool
    has_attributes: bool


class _FirstElement:
    """lxml parser target that keeps the first element inside the implied ``<body>``."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def start(self, tag: str, attrib: object) -> None:
        self.names.append(tag)

    def end(self, tag: str) -> None:
        pass

    def data(self, data: str) -> None:
        pass

    def close(self) -> str | None:
        names = [name for name in self.names if name not in ("html", "body", "head")]
        return names[0] if names else None


@functools.lru_cache(maxsize=4096)
def _parsed_name(markup: str) -> str | None:
    # The regex finds candidates; lxml decides whether a browser would build that element.
    target = _FirstElement()
    parser = etree.HTMLParser(target=cast("Any", target))
    parser.feed(markup)
    name: object = parser.close()
    return name if isinstance(name, str) else None


def _tags(text: str) -> Iterator[_Tag]:
    for match in _TAG.finditer(text):
        closing = bool(match.group(1))
        name = match.group(2).lower()
        attributes = match.group(3).strip().rstrip("/").strip()
        if closing:
            if attributes:
                continue
        elif _parsed_name(match.group()) != name:
            continue
        yield _Tag(match.start(), match.end(), name, closing, bool(attributes))


def _is_markup_line(text: str, tags: list[_Tag]) -> bool:
    if any(tag.name in _DOCUMENT_TAGS for tag in tags):
        return True
    if not any(tag.has_attributes for tag in tags):
        return False
    position, words = 0, []
    for tag in tags:
        words.append(text[position : tag.start])
        position = tag.end
    words.append(text[position:])
    return not any(char.isalnum() for piece in words for char in piece)


def _is_mentioned(text: str, tag: _Tag) -> bool:
    before = text[tag.start - 1] if tag.start else ""
    after = text[tag.end] if tag.end < len(text) else ""
    if before in _QUOTES and _QUOTES[before] == after:
        return True
    return bool(_MENTION.match(text, tag.end))


def _is_generic(text: str, tag: _Tag, closed: frozenset[str]) -> bool:
    # "List<s>", "Box<b>": a bare opening tag glued to a word and never closed is a type
    # parameter, not markup ("Mostly<br>because", "end.<p>Next" are breaks, closed or not).
    if tag.closing or tag.has_attributes or tag.name in _BREAKING or tag.name in closed:
        return False
    return tag.start > 0 and text[tag.start - 1].isalnum()


@functools.lru_cache(maxsize=2)
def _prose_tags(text: str) -> tuple[tuple[_Tag, ...], frozenset[str]]:
    # The tags of a prose line (none on a markup line) and the names that a closing tag has.
    # Cached: the link-tag and the stray-tag repair each ask, one after the other, on one line.
    tags = list(_tags(text))
    if not tags or _is_markup_line(text, tags):
        return (), frozenset()
    return tuple(tags), frozenset(tag.name for tag in tags if tag.closing)


def _find(text: str, names: frozenset[str], kind: RepairKind) -> list[Edit]:
    if "<" not in text:
        return []
    tags, closed = _prose_tags(text)
    chosen = [
        tag
        for tag in tags
        if tag.name in names and not _is_mentioned(text, tag) and not _is_generic(text, tag, closed)
    ]
    edits: list[Edit] = []
    index = 0
    while index < len(chosen):
        # Tags that touch each other form one run and one repair ("</p><p>", "<span><p>").
        run = [chosen[index]]
        while index + 1 < len(chosen) and chosen[index + 1].start == run[-1].end:
            index += 1
            run.append(chosen[index])
        index += 1
        start, end = run[0].start, run[-1].end
        left = text[start - 1] if start else ""
        right = text[end] if end < len(text) else ""
        breaks = any(tag.name in _BREAKING for tag in run)
        if left in (" ", "\t") and right in (" ", "\t"):
            end += 1  # "one <br> two": the tag and one space go, as a browser would show it
            right = text[end] if end < len(text) else ""
        after = (
            " " if breaks and left and right and not left.isspace() and not right.isspace() else ""
        )
        detail = ", ".join(text[tag.start : tag.end] for tag in run)
        edits.append(Edit(start, end, after, kind, detail))
    return edits


def find_link_tags(text: str) -> list[Edit]:
    """Return an ``Edit`` removing each literal ``<a …>`` or ``</a>`` tag; the anchor stays.

    >>> [(e.start, e.end) for e in find_link_tags('see <a href="/x">the docs</a>.')]
    [(4, 17), (25, 29)]
    """
    return _find(text, LINK_TAGS, RepairKind.LITERAL_LINK_TAG)


def strip_link_tags(text: str) -> str:
    """Return ``text`` without literal link tags, keeping the anchor text.

    >>> strip_link_tags('Our <a href="https://example.org/faq" rel="nofollow">FAQ</a> helps.')
    'Our FAQ helps.'
    """
    return apply_edits(text, find_link_tags(text))


def find_stray_tags(text: str) -> list[Edit]:
    """Return an ``Edit`` removing each run of stray inline tags (one space for a break).

    >>> [(e.start, e.end, e.after) for e in find_stray_tags("one<br>two")]
    [(3, 7, ' ')]
    """
    return _find(text, STRAY_TAGS, RepairKind.STRAY_TAG)


def strip_stray_tags(text: str) -> str:
    """Return ``text`` without stray inline tags; ``Vec<T>`` and ``a < b`` stay.

    >>> strip_stray_tags("<p>Mix <em>two</em> cups,<br />then stir. Vec<T> and a < b stay.</p>")
    'Mix two cups, then stir. Vec<T> and a < b stay.'
    """
    return apply_edits(text, find_stray_tags(text))
