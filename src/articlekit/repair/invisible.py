"""Invisible characters that mean nothing where they stand, and non-breaking spaces.

Where they come from: CMS editors and hyphenation plugins put zero-width spaces and soft hyphens
inside words, pasted text brings stray byte-order marks (U+FEFF) and bidi controls. Some of these
characters are real: a zero-width joiner inside an emoji sequence or in Indic, Arabic or Persian
script, a zero-width non-joiner in Persian or Indic script, a zero-width space between Thai or
Khmer words, and bidi embeddings that are closed again. Those stay. Left-to-right and
right-to-left marks (U+200E/F) always stay: they are visible in effect and often intended.
"""

from __future__ import annotations

import re
import unicodedata

from articlekit.model import RepairKind
from articlekit.repair._edits import Edit, apply_edits

__all__ = [
    "INVISIBLE_CLASS",
    "find_invisible_characters",
    "find_odd_spaces",
    "normalize_spaces",
    "remove_invisible_characters",
]

_ZWSP, _ZWNJ, _ZWJ, _BOM, _SHY = "\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad"
#: The characters this module may remove, as the body of a regex character class.
INVISIBLE_CLASS = "\u00ad\u200b-\u200d\ufeff\u202a-\u202e\u2066-\u2069"
_CANDIDATE = re.compile(f"[{INVISIBLE_CLASS}]")
_OPENERS = frozenset("\u202a\u202b\u202d\u202e\u2066\u2067\u2068")
_NAMES = {
    _ZWSP: "zero-width space",
    _ZWNJ: "zero-width non-joiner",
    _ZWJ: "zero-width joiner",
    _BOM: "byte-order mark",
    _SHY: "soft hyphen",
}

# Scripts where joiners shape letters: Arabic (incl. Persian), Syriac, Thaana, N'Ko, and the
# Indic scripts from Devanagari to Sinhala; Thai, Lao, Tibetan, Myanmar and Khmer, where a
# zero-width space marks a word break.
_JOINING_SCRIPT = re.compile(
    "[\u0600-\u07ff\u0860-\u08ff\u0900-\u0dff\ufb50-\ufdff\ufe70-\ufefe\U00010d00-\U00010d3f]"
)
_SPACELESS_SCRIPT = re.compile("[\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff]")


def _is_emoji_side(char: str) -> bool:
    code = ord(char)
    return (
        code >= 0x1F000
        or 0x2600 <= code <= 0x27BF
        or 0x2190 <= code <= 0x21FF
        or 0x2B00 <= code <= 0x2BFF
        or char in "\ufe0f\u20e3\u2640\u2642\u2695\u2696\u2708\u2764"
        or unicodedata.category(char) == "So"
    )


def _keeps(text: str, index: int) -> bool:
    char = text[index]
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if char == _ZWJ:
        if before and after and _is_emoji_side(before) and _is_emoji_side(after):
            return True
        return bool(_JOINING_SCRIPT.match(before) or _JOINING_SCRIPT.match(after))
    if char == _ZWNJ:
        return bool(_JOINING_SCRIPT.match(before) or _JOINING_SCRIPT.match(after))
    if char == _ZWSP:
        return bool(_SPACELESS_SCRIPT.match(before) and _SPACELESS_SCRIPT.match(after))
    return False


def _unbalanced_bidi(text: str) -> set[int]:
    # Embeddings/overrides (U+202A-E) close with PDF (U+202C), isolates (U+2066-8) with PDI
    # (U+2069); a closer without an opener, or an opener never closed on its line, is stray.
    stray: set[int] = set()
    stack: list[tuple[int, bool]] = []  # (index, is_isolate)
    for match in _CANDIDATE.finditer(text):
        char, index = match.group(), match.start()
        if char in _OPENERS:
            stack.append((index, char >= "\u2066"))
        elif char in ("\u202c", "\u2069"):
            isolate = char == "\u2069"
            if stack and stack[-1][1] == isolate:
                stack.pop()
            else:
                stray.add(index)
    stray.update(index for index, _ in stack)
    return stray


def find_invisible_characters(text: str) -> list[Edit]:
    """Return an ``Edit`` deleting each invisible character that means nothing where it is.

    >>> [(e.start, e.detail) for e in find_invisible_characters("co\\u00adoperate")]
    [(2, 'soft hyphen')]
    """
    if text.isascii() or not _CANDIDATE.search(text):
        return []
    bidi = _unbalanced_bidi(text)
    edits: list[Edit] = []
    for match in _CANDIDATE.finditer(text):
        char, index = match.group(), match.start()
        if char in _NAMES:
            if _keeps(text, index):
                continue
            detail = _NAMES[char]
        elif index in bidi:
            detail = f"unbalanced bidi control U+{ord(char):04X}"
        else:
            continue
        if edits and edits[-1].end == index:
            # A run of invisible characters is one repair (and one object, on hostile input).
            last = edits[-1]
            joined = (
                last.detail if detail in last.detail.split(", ") else f"{last.detail}, {detail}"
            )
            edits[-1] = Edit(last.start, index + 1, "", RepairKind.INVISIBLE_CHARACTER, joined)
        else:
            edits.append(Edit(index, index + 1, "", RepairKind.INVISIBLE_CHARACTER, detail))
    return edits


def remove_invisible_characters(text: str) -> str:
    """Return ``text`` without stray zero-width characters, soft hyphens, BOMs and bidi controls.

    >>> remove_invisible_characters("\\ufeffthe re\\u200bport was hyphen\\u00adated")
    'the report was hyphenated'
    >>> remove_invisible_characters("family: 👩\\u200d👧")  # a joiner inside an emoji stays
    'family: 👩\\u200d👧'
    """
    return apply_edits(text, find_invisible_characters(text))


def find_odd_spaces(text: str) -> list[Edit]:
    """Return an ``Edit`` turning each non-breaking space into a plain space.

    >>> [(e.start, e.after) for e in find_odd_spaces("10\\u00a0km")]
    [(2, ' ')]
    """
    if "\u00a0" not in text:
        return []
    edits: list[Edit] = []
    index = text.find("\u00a0")
    while index >= 0:
        edits.append(Edit(index, index + 1, " ", RepairKind.WHITESPACE, "no-break space U+00A0"))
        index = text.find("\u00a0", index + 1)
    return edits


def normalize_spaces(text: str) -> str:
    """Return ``text`` with non-breaking spaces as plain spaces.

    >>> normalize_spaces("Price:\\u00a0€40")
    'Price: €40'
    """
    return apply_edits(text, find_odd_spaces(text))
