"""Escaped HTML entities left in text, also escaped twice (``&amp;rsquo;``).

Where they come from: a CMS escapes text once more than the page renders it, or a scraper reads
the escaped source. Only complete entities (with their ``;``) are read, so ``AT&T``, ``R&D``,
``Q&A`` and a bare ``&`` stay as they are.
"""

from __future__ import annotations

import html
import re
from html.entities import html5

from articlekit.model import RepairKind
from articlekit.repair._edits import Edit, apply_edits

__all__ = ["find_entities", "unescape_entities"]

# One complete entity. Deeper escaping (``&amp;amp;quot;``) is followed by hand, one ``amp;`` at
# a time, so a chain of any depth is read in one linear pass with no backtracking.
_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
_BODY = re.compile(r"#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};")


def _decode(body: str) -> str | None:
    if body.startswith("#"):
        try:
            value = int(body[2:], 16) if body[1] in "xX" else int(body[1:])
        except ValueError:  # pragma: no cover - the pattern admits only digits
            return None
        # NUL, surrogates and out-of-range numbers are not text that anyone meant to write.
        if value == 0 or 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
            return None
        return html.unescape(f"&{body};")
    return html5.get(f"{body};")


def _unescaped(text: str, body: str, end: int) -> tuple[str | None, int]:
    """Return what the entity ``&body;`` (ending at ``end``) and any deeper levels stand for."""
    if body != "amp":
        return _decode(body), end
    while (deeper := _BODY.match(text, end)) is not None:
        inner = deeper.group()[:-1]
        end = deeper.end()
        if inner != "amp":
            decoded = _decode(inner)
            # ``&amp;xyz;`` with an unknown ``xyz`` is still escaped one level too many.
            return (f"&{inner};" if decoded is None else decoded), end
    return "&", end


def find_entities(text: str) -> list[Edit]:
    """Return one ``Edit`` per complete entity in ``text`` (every level of escaping at once).

    >>> [(e.start, e.end, e.after) for e in find_entities("fish &amp;amp; chips")]
    [(5, 14, '&')]
    """
    if "&" not in text:
        return []
    edits: list[Edit] = []
    match = _ENTITY.search(text)
    while match is not None:
        decoded, end = _unescaped(text, match.group(1), match.end())
        if decoded is not None:
            found = text[match.start() : end]
            if len(found) > 40:  # a deep ``&amp;`` chain: the log says how it starts and ends
                found = f"{found[:16]}…{found[-16:]}"
            edits.append(Edit(match.start(), end, decoded, RepairKind.HTML_ENTITY, found))
        match = _ENTITY.search(text, end)
    return edits


def unescape_entities(text: str) -> str:
    """Return ``text`` with escaped entities replaced by their characters; ``AT&T`` stays.

    >>> unescape_entities("Tom&amp;rsquo;s caf&eacute; at AT&T &#8212; open 9&ndash;5")
    'Tom’s café at AT&T — open 9–5'
    """
    return apply_edits(text, find_entities(text))
