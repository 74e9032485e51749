"""Accounting: proof that parsing dropped no word of the input without saying so.

Every word of the input must end up somewhere in the ``Article``: in the title, the summary,
the metadata (``Metadata.lines`` and the fields read from them), a block (its text, list
marker or quote attribution), or a removed line (``Article.removed``); or it was changed by a
repair, whose ``before`` the repair log keeps (``Article.repairs``).

How it is checked: the repair log is replayed on the input (``apply_repairs``), which proves
every change between the input and the repaired text is logged; then the words of the
repaired text, as a multiset, must all be found among the words of the article's parts.
Words are runs of word characters (``\\w``), each Han or Kana character a word of its own (the
evaluation scorer's rule), compared after NFC and case folding. A word that the article only
holds glued to its neighbour (a hyphenated line break joined: ``exam-`` + ``ple`` into
``example``) counts as kept when it is part of a word the article has and the input has not.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from articlekit.decode import decode_input
from articlekit.model import Article, Repair
from articlekit.repair import apply_repairs

__all__ = ["Accounting", "account"]

# The evaluation scorer's words: Python's ``\w`` runs, each Han or Kana character on its own.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(f"[{_CJK}]|[^\\W{_CJK}]+")
# The line breaks of ``articlekit.lines``: line numbers here are the article's line numbers.
_LINE_BREAK = re.compile("\r\n|[\n\r\u2028\u2029]")
# Past this many (missing × unmatched) pairs the glued-word check is skipped: it is a courtesy
# for joined hyphenation, and must not make accounting quadratic.
_MAX_GLUE_PAIRS = 1_000_000


@dataclass(frozen=True, slots=True)
class Accounting:
    """Where the words of an input went: counts, and the words the article lost."""

    words_in: int
    """Words in the (decoded) input."""
    words_repaired: int
    """Input words that a logged repair changed (they are in a ``Repair.before``)."""
    words_out: int
    """Words in the article: title, summary, metadata, blocks and removed lines."""
    missing: tuple[str, ...] = ()
    """Words of the repaired input found nowhere in the article, each as
    ``"word (line L, column C)"`` with the place of the occurrence in the input."""
    errors: tuple[str, ...] = ()
    """Problems that make the accounting itself fail, e.g. a repair log that does not replay."""

    @property
    def ok(self) -> bool:
        """True when no word is missing and the repair log replays on the input."""
        return not self.missing and not self.errors

    def __str__(self) -> str:
        head = f"{self.words_in} words in, {self.words_out} out, {self.words_repaired} repaired"
        if self.ok:
            return head + ", none lost"
        shown = ", ".join(self.missing[:10]) + (" …" if len(self.missing) > 10 else "")
        return f"{head}, {len(self.missing)} lost: {shown}" + "".join(
            f"; {error}" for error in self.errors
        )


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _words(text: str | None) -> Iterator[str]:
    if text:
        for match in _WORD.finditer(_nfc(text)):
            yield match.group().casefold()


def _word_places(text: str) -> Iterator[tuple[str, int]]:
    # (word, offset) in ``text``, read line by line in NFC as the scorer reads it; on a line
    # that NFC changes, an offset may be off by the few characters it composed.
    position = 0
    for line_break in [*_LINE_BREAK.finditer(text), None]:
        end = len(text) if line_break is None else line_break.start()
        line = text[position:end]
        for match in _WORD.finditer(_nfc(line)):
            yield match.group().casefold(), position + min(match.start(), len(line))
        position = end if line_break is None else line_break.end()


def _article_words(article: Article) -> Counter[str]:
    meta = article.metadata
    texts: list[str | None] = [article.title, article.summary, *meta.lines, *meta.tags]
    texts += [meta.author, meta.category, meta.site_name, *meta.extra.values()]
    for date in (meta.published, meta.updated):
        if date is not None:
            texts.append(date.isoformat())
    for number in (meta.views, meta.comments, meta.stated_reading_minutes):
        if number is not None:
            texts.append(str(number))
    for block in article.blocks:
        texts += [block.text, block.marker, block.attribution]
    texts += [removed.text for removed in article.removed]
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(_words(text))
    return counts


@dataclass(frozen=True, slots=True)
class _Segment:
    repaired_start: int
    source_start: int
    length: int
    replaced: bool


def _replay(source: str, repairs: tuple[Repair, ...]) -> tuple[str, list[_Segment]]:
    # The repaired text, and the segments that map its offsets back into the input.
    repaired = apply_repairs(source, repairs)
    segments: list[_Segment] = []
    position = shift = 0
    for repair in sorted(repairs, key=lambda r: r.start):
        if repair.start > position:
            segments.append(_Segment(position + shift, position, repair.start - position, False))
        segments.append(_Segment(repair.start + shift, repair.start, len(repair.after), True))
        shift += len(repair.after) - (repair.end - repair.start)
        position = repair.end
    segments.append(_Segment(position + shift, position, len(source) - position, False))
    return repaired, segments


def _source_offset(segments: list[_Segment], starts: list[int], offset: int) -> int:
    segment = segments[max(0, bisect.bisect_right(starts, offset) - 1)]
    if segment.replaced:
        return segment.source_start
    return segment.source_start + offset - segment.repaired_start


def _place(line_starts: list[int], offset: int) -> str:
    line = bisect.bisect_right(line_starts, offset)
    return f"line {line}, column {offset - line_starts[line - 1]}"


def _line_starts(source: str) -> list[int]:
    starts = [0]
    for match in _LINE_BREAK.finditer(source):
        starts.append(match.end())
    return starts


def _covered(article: Article) -> tuple[list[int], list[int]]:
    # Input ranges the article's blocks claim; a missing occurrence outside them is reported
    # before one inside them, since a block that kept its text is the likelier keeper.
    ranges = sorted((b.start, b.end) for b in article.blocks if b.end > b.start)
    return [start for start, _ in ranges], [end for _, end in ranges]


def _is_covered(ranges: tuple[list[int], list[int]], offset: int) -> bool:
    starts, ends = ranges
    index = bisect.bisect_right(starts, offset) - 1
    return index >= 0 and offset < ends[index]


def account(source: str | bytes, article: Article) -> Accounting:
    """Return where the words of ``source`` went in ``article`` (what ``parse(source)`` gave).

    ``Accounting.ok`` is true when every word is accounted for; ``missing`` lists the others
    with their place in the input.

    >>> import articlekit
    >>> text = "A Title\\n\\nOne short line, and 漢字.\\n"
    >>> result = account(text, articlekit.parse(text))
    >>> result.ok, result.words_in
    (True, 8)
    >>> from articlekit.model import Metadata, ReadingTime
    >>> title_only = Article("A Title", None, Metadata(), (), (), (), ReadingTime(0, 0.0, 238),
    ...                      source_length=len(text))
    >>> account(text, title_only).missing[:2]
    ('one (line 3, column 0)', 'short (line 3, column 4)')
    """
    decoded, _ = decode_input(source, max(1, len(source)))
    errors: list[str] = []
    if article.source_length != len(decoded):
        errors.append(
            f"article.source_length is {article.source_length}, the input has {len(decoded)} "
            "characters: was the article parsed from this input?"
        )
    try:
        repaired, segments = _replay(decoded, article.repairs)
    except ValueError as error:
        errors.append(f"the repair log does not replay on the input: {error}")
        repaired, segments = decoded, [_Segment(0, 0, len(decoded), False)]
    words_in = sum(1 for _ in _words(decoded))
    in_repairs = sum(sum(1 for _ in _words(repair.before)) for repair in article.repairs)
    available = _article_words(article)
    words_out = sum(available.values())

    occurrences: dict[str, list[int]] = {}
    for word, offset in _word_places(repaired):
        occurrences.setdefault(word, []).append(offset)
    wanted = Counter({word: len(places) for word, places in occurrences.items()})
    short = wanted - available
    if not short:
        return Accounting(words_in, in_repairs, words_out, (), tuple(errors))
    unmatched = list(available - wanted)
    if sum(short.values()) * len(unmatched) <= _MAX_GLUE_PAIRS:
        short = Counter(
            {
                word: count
                for word, count in short.items()
                if not any(word in longer for longer in unmatched if len(longer) > len(word))
            }
        )
    starts = [segment.repaired_start for segment in segments]
    line_starts = _line_starts(decoded)
    ranges = _covered(article)
    missing: list[tuple[int, str]] = []
    for word, count in short.items():
        places = [_source_offset(segments, starts, offset) for offset in occurrences[word]]
        places.sort(key=lambda offset: (_is_covered(ranges, offset), offset))
        missing += [(offset, word) for offset in places[:count]]
    missing.sort()
    shown = tuple(f"{word} ({_place(line_starts, offset)})" for offset, word in missing)
    return Accounting(words_in, in_repairs, words_out, shown, tuple(errors))
