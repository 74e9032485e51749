"""Mojibake: UTF-8 bytes read as Windows-1252 or Latin-1 (``â€™`` for ``’``), reversed by ftfy.

ftfy runs with only its encoding fixes switched on (``_CONFIG``): its other fixes (uncurling
quotes, folding character width, ligatures, NFC, line breaks, control characters, HTML entities)
change correct text, and entities have their own repair here. A line is handed to ftfy only when
it holds a character that mojibake produces, so plain ASCII lines and most clean text cost one
regex search.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import ftfy
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES
from ftfy.chardata import CHARMAP_ENCODINGS

from articlekit.model import RepairKind
from articlekit.repair._edits import Edit, apply_edits

__all__ = ["AFTER_LEAD", "LEAD_CLASS", "find_mojibake", "fix_mojibake", "may_hold_mojibake"]

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


def _decoded_bytes(first: int, last: int) -> str:
    # What bytes first..last look like in the single-byte encodings ftfy tries, plus the C1
    # controls (U+0080 to U+009F) that Latin-1 makes of Windows-1252 punctuation.
    chars = {chr(code) for code in range(0x80, 0xA0)}
    for encoding in CHARMAP_ENCODINGS:
        for byte in range(first, last + 1):
            chars.update(bytes([byte]).decode(encoding, errors="ignore"))
    return "".join(sorted(chars))


def _class(*byte_ranges: tuple[int, int]) -> str:
    return "[" + "".join(re.escape(_decoded_bytes(*pair)) for pair in byte_ranges) + "]"


# Every UTF-8 sequence of two or more bytes is a byte 0xC2-0xF4 and then a byte 0x80-0xBF, shown
# as mojibake as a pair of characters from these classes; ftfy also reads a space, "?" or U+FFFD
# as a lost byte after a few lead bytes (its ``ALTERED_UTF8_RE``), and turns lone C1 controls
# into Windows-1252. A line without any of these is never handed to ftfy, so curly quotes and
# accented letters followed by ASCII, i.e. most correct text, cost one regex search.
# Every class of first characters is part of ``_LEAD`` (which holds the C1 controls too), so the
# pattern starts with that one class and checks the narrower ones looking back: the regex engine
# then skips ahead to the next lead character instead of trying each alternative everywhere.
_LEAD, _CONTINUATION = _class((0xC2, 0xF4)), _class((0x80, 0xBF))
#: What follows a lead character (``LEAD_CLASS``) in a mojibake candidate, as a regex.
AFTER_LEAD = (
    f"(?:{_CONTINUATION}|[?\ufffd]"
    f"|(?<={_class((0xC2, 0xC3), (0xC5, 0xC5), (0xCE, 0xCE), (0xD0, 0xD0), (0xD9, 0xD9))}) "
    f"|(?<={_class((0xE2, 0xE3))}) {_CONTINUATION}|(?<={_class((0xF0, 0xF0))}) |(?<=[\x80-\x9f]))"
)
#: The characters a mojibake candidate starts with, as the body of a regex character class.
LEAD_CLASS = _LEAD[1:-1]
_CANDIDATE = re.compile(f"{_LEAD}{AFTER_LEAD}")
# Long lines are fixed in chunks, cut between two characters that no mojibake sequence contains
# (its bytes are all >= 0x80), so that the diff below stays cheap and linear.
_SAFE_CUT = re.compile("[^" + re.escape(_decoded_bytes(0x80, 0xFF)) + "]{2}")
_CHUNK = 2000
_NON_ASCII = re.compile("[^\x00-\x7f]")
# The characters that anchor a ``BADNESS_RE`` match: every one of its patterns has, among its
# first three characters, a character of one of these categories or one of these letters (the
# ones that only ``ÂÃ``-, ``√``-, ``вЂ``-style sequences start with). Accented lowercase letters,
# the common punctuation (``’``, ``–``, ``…``) and the other Greek and Cyrillic letters are left
# out: they only match next to an anchor. ``test_badness_patterns_are_anchored`` checks this on
# the installed ftfy.
_ANCHOR = re.compile(
    "[\u0152\u0153\u00c2\u00c3\u00ce\u00d0\u00d7\u00d8\u00d9\u00e0\u221a\u2248\u201a"
    "\u0432\u0412\u0413\u0420\u0421\u0392\u0393\u039e\u039f\u03b2\u0101"
    + "".join(
        MOJIBAKE_CATEGORIES[name]
        for name in (
            *("c1", "bad", "law", "currency", "start_punctuation", "end_punctuation"),
            *("numeric", "upper_accented", "box"),
        )
    )
    + "]"
)
# One step of ftfy's ``fix_encoding_and_explain`` loop (see ``_fix_encoding``).
_ONE_STEP = getattr(ftfy, "_fix_encoding_one_step_and_explain", None)


def _chunks(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    while len(text) - start > _CHUNK:
        cut = _SAFE_CUT.search(text, start + _CHUNK)
        if cut is None:
            break
        yield start, cut.start() + 1
        start = cut.start() + 1
    yield start, len(text)


def _plan(explanation: Sequence[tuple[str, str]] | None) -> str:
    return ", ".join(f"{action} {argument}" for action, argument in explanation or ())


def _trimmed(old: str, new: str) -> tuple[int, int, int]:
    # Drop what both sides share at their ends, unless one side would be left empty
    # ("Â·" -> "·" reads better in the log than "Â" -> "").
    old_length, new_length = len(old), len(new)
    shorter = min(old_length, new_length)
    head = 0
    while head < shorter and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < shorter - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    if (old_length - head - tail == 0) != (new_length - head - tail == 0):
        return 0, 0, 0
    return head, tail, 1


def _changes(old: str, new: str) -> Iterator[tuple[int, int, int, int]]:
    """Yield (old start, old end, new start, new end) of each changed run.

    ftfy's encoding fixes keep every ASCII character except a space or "?" that stood for a lost
    byte, so the two texts are aligned on their ASCII characters in one pass (a general diff is
    quadratic on long repetitive lines).
    """
    i = j = stop = 0
    old_length, new_length = len(old), len(new)
    while i < old_length and j < new_length:
        if old[i] == new[j] and old[i].isascii():
            # Step over the ASCII run at once when both texts share it (they nearly always do).
            if stop <= i:  # the end of the ASCII run, looked up once per run
                run = _NON_ASCII.search(old, i)
                stop = run.start() if run is not None else old_length
            if old[i:stop] == new[j : j + stop - i]:
                j += stop - i
                i = stop
                continue
            while i < stop and j < new_length and old[i] == new[j]:
                i += 1
                j += 1
            continue
        i0, j0 = i, j
        while True:
            while i < old_length and not old[i].isascii():
                i += 1
            while j < new_length and not new[j].isascii():
                j += 1
            if i < old_length and old[i] in " ?" and (j >= new_length or old[i] != new[j]):
                i += 1  # a space or "?" that ftfy read as part of the sequence
                continue
            break
        if i < old_length and j < new_length and old[i] != new[j]:
            i, j = old_length, new_length  # out of step: the rest is one change
        head, tail, keep = _trimmed(old[i0:i], new[j0:j])
        if keep or old[i0:i] != new[j0:j]:
            yield i0 + head, i - tail, j0 + head, j - tail
    if i < old_length or j < new_length:
        yield i, old_length, j, new_length


def _is_bad(text: str) -> bool:
    """Return ftfy's ``is_bad(text)`` (a ``BADNESS_RE`` search), trying only where it can match.

    Every pattern of ``BADNESS_RE`` holds an ``_ANCHOR`` character among its first three
    characters, so only the positions up to two before one are tried; on most text, even text
    full of accented letters, that is a few tries instead of every pattern at every position.
    Text with many anchors falls back to the plain search.
    """
    budget = len(text) // 8 + 8
    next_try = 0
    for found in _ANCHOR.finditer(text):
        budget -= 1
        if budget < 0:
            return BADNESS_RE.search(text, next_try) is not None
        for position in range(max(found.start() - 2, next_try), found.start() + 1):
            if BADNESS_RE.match(text, position) is not None:
                return True
        next_try = found.start() + 1
    return False


def _fix_encoding(text: str) -> tuple[str, Sequence[tuple[str, str]] | None]:
    """Return ``ftfy.fix_encoding_and_explain(text, _CONFIG)`` as (text, explanation).

    ftfy's loop repeats one step until the text stops changing, and each step starts with
    ``is_bad``, a scan of the whole text with every ``BADNESS_RE`` pattern at every position
    (the last step, on the fixed text, always scans all of it). The loop runs here with the
    quick and equal ``_is_bad`` in front of each step; with an ftfy that lacks the step function,
    ftfy's own loop runs.
    """
    if _ONE_STEP is None:  # pragma: no cover - another ftfy release
        fixed, explanation = ftfy.fix_encoding_and_explain(text, _CONFIG)
        return fixed, explanation
    plan: list[tuple[str, str]] = []
    while _is_bad(text):
        fixed, steps = _ONE_STEP(text, _CONFIG)
        if steps is not None:
            plan.extend(steps)
        if fixed == text:
            break
        text = fixed
    return text, plan


def may_hold_mojibake(text: str) -> bool:
    """Return whether ``text`` holds a character pair that mojibake produces (ftfy may fix it).

    >>> may_hold_mojibake("naÃ¯ve"), may_hold_mojibake("naïve café")
    (True, False)
    """
    return not text.isascii() and _CANDIDATE.search(text) is not None


def find_mojibake(text: str) -> list[Edit]:
    """Return one ``Edit`` per run of mojibake in ``text``, with ftfy's plan as the detail.

    >>> [(e.start, e.end, e.after, e.detail) for e in find_mojibake("naÃ¯ve")]
    [(2, 4, 'ï', 'encode latin-1, decode utf-8')]
    """
    if not may_hold_mojibake(text):
        return []
    if len(text) <= _CHUNK:  # one chunk, and it holds a candidate
        return _chunk_edits(text, 0)
    edits: list[Edit] = []
    for start, end in _chunks(text):
        chunk = text[start:end]
        if _CANDIDATE.search(chunk):
            edits.extend(_chunk_edits(chunk, start))
    return edits


def _chunk_edits(chunk: str, start: int) -> list[Edit]:
    # The edits that ftfy's fix of ``chunk`` (at ``start`` in the line) makes.
    fixed, explanation = _fix_encoding(chunk)
    if fixed == chunk:
        return []
    detail = _plan(explanation)
    return [
        Edit(start + i1, start + i2, fixed[j1:j2], RepairKind.MOJIBAKE, detail)
        for i1, i2, j1, j2 in _changes(chunk, fixed)
        if chunk[i1:i2] != fixed[j1:j2]
    ]


def fix_mojibake(text: str) -> str:
    """Return ``text`` with mojibake decoded back to what was meant; curly quotes stay curly.

    >>> fix_mojibake("Weâ€™re â€œliveâ€\\x9d in MÃ¼nchen")
    'We’re “live” in München'
    """
    return apply_edits(text, find_mojibake(text))
