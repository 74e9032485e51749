"""Link markup residue: what a naive tag stripper leaves of a link whose attributes held markup.

Where it comes from: an auto-link plugin runs twice, so the second pass writes a whole link into
the ``title="…"`` of the first; ``re.sub(r"<[^>]+>", "", html)`` then cuts each tag at the first
``>``, which now sits inside an attribute. What is left between real words::

    Page Title">Anchor - Review" target="_blank" rel="noopener">Anchor
    News > anchor" rel="nofollow">anchor        >" rel="noopener">anchor

A *marker* is a dangling ``"`` (maybe after a ``>`` that ended a title), any number of complete
attributes (`` rel="noopener"``), and ``>``. Markers close together whose text in between starts
with the text after the last one form a *chain*; a marker with ``rel=``/``target=`` ends a link
and so a chain, and a marker after a space stands alone. The visible anchor is the text after
the last marker; the leftovers before the first marker repeat the anchor's words (a link title
usually starts with its anchor), so the residue starts where the anchor's words begin there, with a
breadcrumb (``News > ``) in front of them. The repair runs from that start to the end of the
whitespace-delimited token where the anchor ends, and keeps only the anchor and that token's
trailing punctuation. Attribute syntax that a real tag owns (``<meta charset="utf-8">``, code)
is not a marker: its attributes follow a tag name, not a dangling quote.

Every scan here moves forward through the line, and each backward look stops at the end of the
previous marker, so the work is linear in the line's length.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from articlekit.model import RepairKind
from articlekit.repair._edits import Edit, apply_edits

__all__ = ["find_link_residue", "strip_link_residue"]

_MARKER_END = re.compile(r'"[ \t]{0,3}/?>')
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:.-")
_MAX_VALUE = 400  # longer "attribute values" are prose between two quotation marks
_MAX_BETWEEN = 200  # text between two markers of one chain: a title, not a paragraph
_LOOKBACK = 300  # how far before the first marker the anchor's copy is looked for
_MAX_TRIES = 8  # places tried for the copy, so that each marker costs O(_LOOKBACK) at most
_NOT_ANCHOR_START = frozenset('"<> \t')
_TITLE_ATTRIBUTES = frozenset({"title", "href"})
_MAX_TAIL = 32  # punctuation glued to the anchor that joins the logged span
_CRUMB = re.compile(r"(?:^|\s)([^\s>]{1,40}[ \t]+>[ \t]+)$")
_SEPARATOR = re.compile(r"[ \t]*[-–—|:·/]|[-/.?#]")
_SMALL_WORDS = frozenset(
    (
        *("a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "is", "it", "of"),
        *("on", "or", "the", "to", "vs", "vs.", "with", "&", "-", "–", "—", "|", ":"),
    )
)


class _Marker(NamedTuple):
    start: int
    end: int
    has_attributes: bool
    closes_link: bool  # has attributes other than a title or href: the end of an <a …> tag


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3FFFF
    )


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _attribute_before(text: str, quote: int, floor: int) -> int:
    """Return where `` name="value"`` ending at ``quote`` starts (its space), or -1."""
    opening = text.rfind('"', max(floor, quote - _MAX_VALUE - 1), quote)
    if opening < 0 or "<" in text[opening:quote]:
        return -1
    index = opening - 1
    while index >= floor and text[index] in " \t":
        index -= 1
    if index < floor or text[index] != "=":
        return -1
    index -= 1
    while index >= floor and text[index] in " \t":
        index -= 1
    name_end = index + 1
    while index >= floor and text[index] in _NAME_CHARS:
        index -= 1
    if index + 1 == name_end or not text[index + 1].isalpha():
        return -1
    if index < floor or not text[index].isspace():
        return -1
    while index > floor and text[index - 1].isspace():
        index -= 1
    return index


def _markers(text: str) -> list[_Marker]:
    markers: list[_Marker] = []
    floor = 0
    for match in _MARKER_END.finditer(text):
        if match.start() < floor:
            continue
        quote, has_attributes, owned, closes = match.start(), False, False, False
        while True:
            space = _attribute_before(text, quote, floor)
            if space < 0:
                break
            has_attributes = True
            name = text[space:quote].split("=", 1)[0].strip().lower()
            closes = closes or name not in _TITLE_ATTRIBUTES
            if space - 1 >= floor and text[space - 1] == '"':
                quote = space - 1
                continue
            owned = True  # attributes after a tag name or at a line start: real markup
            break
        if not owned:
            start = quote - 1 if quote > floor and text[quote - 1] == ">" else quote
            markers.append(_Marker(start, match.end(), has_attributes, closes))
        floor = match.end()
    return markers


def _common_anchor(copy: str, visible: str) -> int:
    """Return the length of the anchor that ``copy`` and ``visible`` both start with."""
    length = 0
    limit = min(len(copy), len(visible))
    while length < limit and copy[length] == visible[length]:
        length += 1
    inside_word = length and length < len(visible) and _is_word(visible[length])
    if inside_word and _is_word(visible[length - 1]) and not _is_cjk(visible[length]):
        # The copy stops inside a word of the visible text: back off to a word boundary.
        while length and _is_word(visible[length - 1]):
            length -= 1
    while length and visible[length - 1].isspace():
        length -= 1
    return length


def _title_like(rest: str, *, nested: bool) -> bool:
    """Return True when ``rest`` (between the anchor's copy and the marker) is title residue."""
    words = rest.split()
    if not words:
        return True
    if nested:
        return len(words) <= 15 and len(rest) <= _MAX_BETWEEN
    if len(rest) <= 150 and _SEPARATOR.match(rest):
        return True
    if len(words) > 12 or not rest[0].isspace():
        return False
    if not words[0][0].isupper():
        return False
    return all(word[0].isupper() or word.lower() in _SMALL_WORDS for word in words)


def _find_copy(before: str, visible: str, anchor: int | None) -> tuple[int, int] | None:
    """Return (start of the anchor's copy in ``before``, anchor length), or None."""
    if not visible or visible[0] in _NOT_ANCHOR_START:
        return None
    first = visible[0]
    tries = _MAX_TRIES
    nested = anchor is not None
    lowest = 0
    index = before.rfind(first, lowest)
    while index >= 0:
        boundary = index == 0 or not _is_word(before[index - 1]) or _is_cjk(first)
        if boundary:
            if anchor is not None:
                length = anchor if before.startswith(visible[:anchor], index) else 0
            else:
                length = _common_anchor(before[index:], visible)
                word_end = length
                while word_end < len(visible) and _is_word(visible[word_end]):
                    word_end += 1
                if length < word_end and not _is_cjk(first):
                    length = 0  # only part of the first word: a coincidence
            words = any(char.isalnum() for char in visible[:length])
            if words and _title_like(before[index + length :], nested=nested):
                return index, length
        tries -= 1
        if index <= lowest or not tries:
            break
        index = before.rfind(first, lowest, index)
    return None


def _token_end(visible: str, anchor: int) -> int:
    end = anchor
    while end < len(visible) and end - anchor < _MAX_TAIL and not visible[end].isspace():
        if _is_word(visible[end]) and not _is_cjk(visible[end]):
            return anchor if end - anchor >= _MAX_TAIL else _word_end(visible, end)
        end += 1
    return end


def _word_end(visible: str, index: int) -> int:
    end = index
    while end < len(visible) and not visible[end].isspace():
        end += 1
    return end


def find_link_residue(text: str) -> list[Edit]:
    """Return one ``Edit`` per chain of link residue, keeping the visible anchor.

    >>> text = 'Try Acme Widgets Guide">Acme Widgets - Shop" rel="nofollow">Acme Widgets.'
    >>> [(e.start, e.after) for e in find_link_residue(text)]
    [(4, 'Acme Widgets.')]
    """
    if '">' not in text and '" >' not in text and '"/>' not in text:
        return []
    markers = _markers(text)
    edits: list[Edit] = []
    floor = 0
    index = 0
    while index < len(markers):
        chain = [markers[index]]
        alone = chain[0].start > 0 and text[chain[0].start - 1].isspace()
        while index + 1 < len(markers) and not alone:
            current, following = chain[-1], markers[index + 1]
            if current.closes_link:
                break  # rel=/target= end an <a> tag: the next marker belongs to another link
            between = text[current.end : following.start]
            visible = text[following.end : following.end + _MAX_BETWEEN]
            # A marker after a space dangles on its own; one that closes a title continues.
            if len(between) > _MAX_BETWEEN or not between or between[-1].isspace():
                break
            if not _common_anchor(between, visible):
                break
            chain.append(following)
            index += 1
        index += 1
        first, last = chain[0], chain[-1]
        if first.start < floor:
            continue
        visible = text[last.end : last.end + _MAX_BETWEEN + _MAX_TAIL]
        if visible[:1].isspace():
            continue
        anchor: int | None = None
        if len(chain) > 1:
            copy = text[chain[-2].end : last.start]
            anchor = _common_anchor(copy, visible) or None
        window = max(floor, first.start - _LOOKBACK)
        before = text[window : first.start]
        # A marker after a space dangles on its own: the word before it is the sentence's.
        found = None if before[-1:].isspace() else _find_copy(before, visible, anchor)
        if found is None and not any(marker.has_attributes for marker in chain):
            continue  # a bare '">' with no copy of the anchor before it: maybe prose
        if found is not None:
            start = window + found[0]
            anchor = found[1]
            crumb = _CRUMB.search(text, max(floor, start - 60), start)
            while crumb is not None and crumb.end() == start:
                start = crumb.start(1)
                crumb = _CRUMB.search(text, max(floor, start - 60), start)
        elif (
            window == 0
            and len(chain) > 1
            and before
            and not before[-1].isspace()
            and _title_like(" " + before, nested=False)
        ):
            start = 0  # the line starts with the linked page's title: all of it is residue
        else:
            start = first.start
        if start >= 2 and start > floor and text[start - 1] in " \t":
            if text[start - 2] in " \t":
                start -= 1  # "word  <residue>anchor": keep one of the two spaces
            elif _is_cjk(text[start - 2]) and visible and _is_cjk(visible[0]):
                start -= 1  # CJK has no spaces between words: the space came with the residue
        end = last.end + (_token_end(visible, anchor) if anchor else _word_end(visible, 0))
        after = text[last.end : end]
        if start and not text[start - 1].isspace() and found is None:
            after = " " + after  # no copy of the anchor to cut: keep the words apart
        edits.append(Edit(start, end, after, RepairKind.LINK_MARKUP_RESIDUE, text[start:end][:80]))
        floor = end
    return edits


def strip_link_residue(text: str) -> str:
    """Return ``text`` with link markup residue removed; the anchor and the sentence stay.

    >>> strip_link_residue('See the Rust Book - Docs" target="_blank">Rust Book, chapter 4.')
    'See the Rust Book, chapter 4.'
    >>> strip_link_residue('Ask on the " rel="nofollow">forum today.')
    'Ask on the forum today.'
    """
    return apply_edits(text, find_link_residue(text))
