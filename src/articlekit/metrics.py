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

import regex

from articlekit.model import Block, BlockKind, ReadingTime
from articlekit.options import Options

__all__ = ["count_words", "estimate_reading_time"]

# A word: a run of word characters, apostrophes inside it allowed ("it's" is one word). The
# stdlib ``re`` is enough here and is the fastest engine for this pass.
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}ー\p{Hangul}]")
# Every character ``_CJK`` matches lies in these ranges (Hangul Jamo, then CJK radicals and
# up): text with none of them, Latin text with curly quotes and dashes included, skips ``_CJK``.
_MAYBE_CJK = re.compile("[\u1100-\u11ff\u2e80-\U0010ffff]")
_HAN = regex.compile(r"\p{Han}")
_KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}ー]")
_HANGUL = regex.compile(r"\p{Hangul}")
_IMAGE_MARK = regex.compile(
    r"!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)|\[(?:image|img|photo|picture|figure)\b[^\]\n]{0,500}\]",
    regex.IGNORECASE,
)


def count_words(text: str) -> tuple[int, int, int, int]:
    """Return (words, han, kana, hangul) counts for ``text``.

    >>> count_words("It’s 2024: 漢字かな and 한국어")
    (3, 2, 2, 3)
    """
    if _MAYBE_CJK.search(text) is None or not _CJK.search(text):
        return len(_WORD.findall(text)), 0, 0, 0
    # Mixed text: count the CJK characters by script, then the words of what is left.
    han, kana, hangul = (
        len(_HAN.findall(text)),
        len(_KANA.findall(text)),
        len(_HANGUL.findall(text)),
    )
    return len(_WORD.findall(_CJK.sub(" ", text))), han, kana, hangul


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
    words = han = kana = hangul = code_lines = images = 0
    texts = [summary] if summary else []
    for block in blocks:
        if block.kind is BlockKind.CODE:
            code_lines += block.text.count("\n") + 1
            continue
        texts.append(block.text)
    for text in texts:
        w, h, k, g = count_words(text)
        words, han, kana, hangul = words + w, han + h, kana + k, hangul + g
        if "[" in text:
            images += len(_IMAGE_MARK.findall(text))
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
