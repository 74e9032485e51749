"""Stage 6: word counts and a script-aware reading-time estimate.

Alphabetic text is counted in words and read at ``Options.wpm`` (238 by default: Brysbaert 2019,
the mean silent reading rate for English non-fiction). Han, Kana and Hangul are counted in
characters, since those scripts do not separate words with spaces: 500 characters per minute for
Chinese and Korean, 550 for Japanese (labelled estimates; see ``docs/reading-time.md`` for the
sources). A document with Kana is read at the Japanese rate. Code blocks add a few seconds per
line and images the text marks add Medium's 12, 11, 10 … 3 seconds each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

import regex

from articlekit.model import Block, BlockKind, ReadingTime
from articlekit.options import Options

__all__ = ["count_words", "estimate_reading_time"]

# A word: a run of word characters, apostrophes inside it allowed ("it's" is one word), as the
# stdlib ``re`` reads it. ``_count_words`` counts its matches without running it.
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}ー\p{Hangul}]")
_CJK_RUN = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}ー\p{Hangul}]+")
# Han, Kana and Hangul, counted as runs: fewer matches than characters.
_SCRIPT_RUNS = (
    regex.compile(r"\p{Han}+"),
    regex.compile(r"[\p{Hiragana}\p{Katakana}ー]+"),
    regex.compile(r"\p{Hangul}+"),
)
# ``_count_words`` reads the words on bytes: each word character is made the byte ``w``, the
# apostrophe stays, anything else is a space (characters outside ASCII are word characters by
# then, and their UTF-8 bytes all lie at 0x80 and above).
_SHAPES = bytes(
    ord("w")
    if byte >= 0x80 or chr(byte).isalnum() or byte == ord("_")
    else ord("'")
    if byte == ord("'")
    else ord(" ")
    for byte in range(256)
)
_ASCII_BYTES = bytes(range(0x80))
_NOT_WORD_NOT_ASCII = re.compile(r"[^\x00-\x7f\w]")
_MAX_REPLACED = 16
# An image mark starts with "![", or with "[" and a letter that case-insensitive matching takes
# for the first letter of a word of ``_IMAGE_MARK``: these (a test checks every character).
_IMAGE_START = re.compile(r"\[[iIpPfFİ]")
_IMAGE_MARK = regex.compile(
    r"!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)|\[(?:image|img|photo|picture|figure)\b[^\]\n]{0,500}\]",
    regex.IGNORECASE,
)


def _characters_outside_ascii(text: str) -> set[str]:
    """The distinct characters of ``text`` outside ASCII, found on its UTF-8 bytes."""
    data = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return set(data.decode("utf-8", "surrogatepass"))


def _count_words(text: str, outside_ascii: set[str]) -> int:
    """``len(_WORD.findall(text))``, counted without building the words.

    ``outside_ascii`` holds the characters of ``text`` outside ASCII. A match is a run of word
    characters, or several joined by one apostrophe each: each run starts a word, but one that
    follows an apostrophe right after a word character.
    """
    # ``’`` plays the part of ``'``; a character that is not a word character (``\w`` is
    # ``isalnum`` or "_") separates words as a space does. A few are replaced one by one; many
    # (each replacement reads the whole text) in one pass of a pattern.
    if "’" in outside_ascii:
        text = text.replace("’", "'")
    separators = [c for c in outside_ascii if c != "’" and not c.isalnum()]
    if len(separators) > _MAX_REPLACED:
        text = _NOT_WORD_NOT_ASCII.sub(" ", text)
    else:
        for character in separators:
            text = text.replace(character, " ")
    shape = text.encode().translate(_SHAPES)
    words = shape.count(b" w") + shape.startswith(b"w")
    if b"'" in shape:
        pieces = shape.split(b"'")
        words += sum(
            1
            for before, after in pairwise(pieces)
            if after.startswith(b"w") and not before.endswith(b"w")
        )
    return words


def count_words(text: str) -> tuple[int, int, int, int]:
    """Return (words, han, kana, hangul) counts for ``text``.

    >>> count_words("It’s 2024: 漢字かな and 한국어")
    (3, 2, 2, 3)
    """
    outside_ascii = set() if text.isascii() else _characters_outside_ascii(text)
    if not _CJK.search("".join(outside_ascii)):
        return _count_words(text, outside_ascii), 0, 0, 0
    # Mixed text: count the CJK characters by script (the lengths of their runs), then the words
    # of what is left once each run is a space.
    han, kana, hangul = (sum(map(len, script.findall(text))) for script in _SCRIPT_RUNS)
    text = _CJK_RUN.sub(" ", text)
    return _count_words(text, _characters_outside_ascii(text)), han, kana, hangul


def _image_seconds(images: int, first: float) -> float:
    # Medium's rule: the first image adds ``first`` seconds, each next one a second less,
    # down to 3 seconds.
    return sum(max(3.0, first - n) for n in range(images)) if first > 0 else 0.0


def estimate_reading_time(
    blocks: Iterable[Block], options: Options, *, summary: str | None = None
) -> ReadingTime:
    """Return the reading-time estimate for the body blocks (and the summary, if given).

    >>> from articlekit.model import Block, BlockKind
    >>> str(estimate_reading_time([Block(BlockKind.PARAGRAPH, "word " * 600)], Options()))
    '3 min read'
    """
    code_lines = 0
    texts = [summary] if summary else []
    for block in blocks:
        if block.kind is BlockKind.CODE:
            code_lines += block.text.count("\n") + 1
            continue
        texts.append(block.text)
    # No word, CJK character or image mark spans a line break: the texts are counted at once.
    text = "\n".join(texts)
    words, han, kana, hangul = count_words(text)
    marked = "[" in text and (_IMAGE_START.search(text) is not None or "![" in text)
    images = len(_IMAGE_MARK.findall(text)) if marked else 0
    japanese = kana > 0
    han_cpm = options.japanese_cpm if japanese else options.chinese_cpm
    minutes = words / options.wpm
    minutes += (han + kana) / han_cpm if japanese else han / han_cpm + kana / options.japanese_cpm
    minutes += hangul / options.korean_cpm
    minutes += code_lines * options.seconds_per_code_line / 60
    minutes += _image_seconds(images, options.seconds_per_image) / 60
    cjk = han + kana + hangul
    if cjk == 0:
        cpm = 0
    elif hangul > han + kana:
        cpm = options.korean_cpm
    else:
        cpm = han_cpm
    return ReadingTime(
        words=words,
        minutes=minutes,
        wpm=options.wpm,
        cjk_characters=cjk,
        cjk_cpm=cpm,
        code_lines=code_lines,
        images=images,
    )
