"""Mojibake: UTF-8 bytes read as Windows-1252 or Latin-1 (``â€™`` for ``’``), reversed by ftfy.

ftfy runs with only its encoding fixes switched on (``_CONFIG``): its other fixes (uncurling
quotes, folding character width, ligatures, NFC, line breaks, control characters, HTML entities)
change correct text, and entities have their own repair here. A line is handed to ftfy only when
it holds a character that mojibake produces, so plain ASCII lines and most clean text cost one
regex search.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence

import ftfy
from ftfy.chardata import CHARMAP_ENCODINGS

from articlekit.model import RepairKind
from articlekit.repair._edits import Edit, apply_edits

__all__ = ["find_mojibake", "fix_mojibake"]

_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=True,
)


def _lead_characters() -> str:
    # Every UTF-8 sequence of two or more bytes starts with a byte 0xC2-0xF4; mojibake shows that
    # byte as it decodes in one of the single-byte encodings ftfy tries. C1 controls (U+0080 to
    # U+009F) are what Latin-1 makes of Windows-1252 punctuation.
    chars = {chr(code) for code in range(0x80, 0xA0)}
    for encoding in CHARMAP_ENCODINGS:
        for byte in range(0xC2, 0xF5):
            chars.update(bytes([byte]).decode(encoding, errors="ignore"))
    return "".join(sorted(chars))


_CANDIDATE = re.compile("[" + re.escape(_lead_characters()) + "]")
# Long lines are fixed in chunks cut at a space after an ASCII character, where no mojibake
# sequence can be cut in two, so that the diff below stays cheap.
_CHUNK = 2000
_LINE_BREAK = re.compile("[\n\r\u2028\u2029]")


def _chunks(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    while len(text) - start > _CHUNK:
        cut = text.find(" ", start + _CHUNK)
        while cut > 0 and not text[cut - 1].isascii():
            cut = text.find(" ", cut + 1)
        if cut < 0:
            break
        yield start, cut
        start = cut
    yield start, len(text)


def _plan(explanation: Sequence[tuple[str, str]] | None) -> str:
    return ", ".join(f"{action} {argument}" for action, argument in explanation or ())


def find_mojibake(text: str) -> list[Edit]:
    """Return one ``Edit`` per run of mojibake in ``text``, with ftfy's plan as the detail.

    >>> [(e.start, e.end, e.after, e.detail) for e in find_mojibake("naÃ¯ve")]
    [(2, 4, 'ï', 'encode latin-1, decode utf-8')]
    """
    if text.isascii() or not _CANDIDATE.search(text):
        return []
    edits: list[Edit] = []
    for start, end in _chunks(text):
        chunk = text[start:end]
        if not _CANDIDATE.search(chunk):
            continue
        fixed, explanation = ftfy.fix_and_explain(chunk, _CONFIG)
        if fixed == chunk:
            continue
        detail = _plan(explanation)
        matcher = difflib.SequenceMatcher(None, chunk, fixed, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            if tag == "delete" and i2 < len(chunk) and not chunk[i2].isascii():
                # "Â·" -> "·" reads better in the log than "Â" -> "": keep the sequence whole.
                i2, j2 = i2 + 1, j2 + 1
            if _LINE_BREAK.search(fixed, j1, j2):
                continue  # repairs never add a line break; the line keeps that mojibake
            edits.append(Edit(start + i1, start + i2, fixed[j1:j2], RepairKind.MOJIBAKE, detail))
    return edits


def fix_mojibake(text: str) -> str:
    """Return ``text`` with mojibake decoded back to what was meant; curly quotes stay curly.

    >>> fix_mojibake("Weâ€™re â€œliveâ€\\x9d in MÃ¼nchen")
    'We’re “live” in München'
    """
    return apply_edits(text, find_mojibake(text))
