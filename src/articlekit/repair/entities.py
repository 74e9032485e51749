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

# ``&`` then any number of ``amp;`` (each one more level of escaping), then one entity. The name
# lengths are bounded and a failed match gives back one ``amp;`` at a time, so a chain of
# ``&amp;`` of any depth is read in one linear pass.
_ENTITY = re.compile(r"&((?:amp;)*)(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")


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


def find_entities(text: str) -> list[Edit]:
    """Return one ``Edit`` per complete entity in ``text`` (every level of escaping at once).

    >>> [(e.start, e.end, e.after) for e in find_entities("fish &amp;amp; chips")]
    [(5, 14, '&')]
    """
    if "&" not in text:
        return []
    edits: list[Edit] = []
    for match in _ENTITY.finditer(text):
        body = match.group(2)
        decoded = _decode(body)
        if decoded is None:
            # ``&amp;xyz;`` with an unknown ``xyz`` is still one level of escaping too many.
            if not match.group(1):
                continue
            decoded = "&" + match.group(1)[4:] + body + ";"
        edits.append(
            Edit(match.start(), match.end(), decoded, RepairKind.HTML_ENTITY, match.group())
        )
    return edits


def unescape_entities(text: str) -> str:
    """Return ``text`` with escaped entities replaced by their characters; ``AT&T`` stays.

    >>> unescape_entities("Tom&amp;rsquo;s caf&eacute; at AT&T &#8212; open 9&ndash;5")
    'Tom’s café at AT&T — open 9–5'
    """
    return apply_edits(text, find_entities(text))
