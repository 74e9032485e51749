"""Stage 4: turn spans into typed blocks (heading, paragraph, list item, quote, code), with levels.

The stage reads the text the way an editor would, in four passes over the body:

1. **Layout.** Is the document written with a blank line between blocks, or one block per line
   (``innerText`` style)? Are its paragraphs hard-wrapped at a fixed width? Both are decided from
   the whole document, not from one line (``detect_layout``).
2. **Units.** Each span is cut into candidate blocks: code runs, Markdown and setext headings,
   ``>`` quotes, list items (marker removed, nesting from the indent), and runs of text lines
   that form one paragraph (a span in blank-line text, a wrapped paragraph, or one line).
3. **Headings.** Every one-line text unit gets a score from its shape (length, final punctuation,
   capitals, numbering, ``Topic: Subtitle``) and its context (a heading is followed by body; in a
   run of short lines only the last, or a clearly shaped parent, is a heading; long runs of short
   lines are navigation or lists). See ``docs/structure.md`` for every feature and weight.
4. **Levels.** Markdown hashes and section numbers give levels directly; otherwise a heading
   directly followed by another heading is its parent, and headings of the same shape share a
   level. Levels start at 2, never jump by more than one, and stop at 6.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import regex

from articlekit.blocks import closes_fence, fence_end, find_code_lines, opening_fence
from articlekit.features import (
    LineMeasures,
    LineShape,
    display_width,
    is_markdown_heading,
    line_shape,
    markdown_level,
    match_list_marker,
    numbering_follows,
    sentence_like,
    setext_underline,
)
from articlekit.lines import Line, Span
from articlekit.metadata import read_metadata_line
from articlekit.model import Block, BlockKind, Explanation
from articlekit.options import Options

__all__ = ["HEADING_THRESHOLD", "Layout", "classify_spans", "detect_layout"]

#: Score at or above which a one-line unit followed by body is a heading.
HEADING_THRESHOLD = 1.5
#: Score a heading needs when another heading follows it directly (it would open a parent).
PARENT_THRESHOLD = 2.5
#: A one-line unit scoring this low is content, not a heading candidate, for run purposes.
CONTENT_SCORE = -2.0
#: A trailing unit of a run scoring below this is not what the run leads to (a repeated
#: "Next", a credit line): the candidate before it takes the "followed by body" place.
JUNK_SCORE = 0.5
#: Runs of this many short lines in a row, with no body between, are navigation or a list.
LONG_RUN = 4
#: A caption-like line between two headings has at most this many words.
_CAPTION_WORDS = 6

_QUOTE_PREFIX = regex.compile(r"[ \t]{0,3}>[ \t]?")
_DASHES = "—–―-"
_ATTRIBUTION = regex.compile(r"[ \t]*(?:—|–|―|-{1,2})[ \t]*\S")
_FIRST_WORD = regex.compile(r"\S+")
_CJK_END = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}、。，！？：；）」』]$")
_CJK_START = regex.compile(r"^[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}（「『]")
_SYMBOL_PREFIX = regex.compile(r"([\p{S}\p{Po}&&[^\"'“‘«„「#*.,;:!?¿¡%@/\\]])[ \t]+\S", regex.V1)
# A plain lower-case word, then a space: not a URL, a file name or a command.
_PLAIN_LOWER_START = regex.compile(r"\p{Ll}{1,30}[ ,]")
_BARE_URL = regex.compile(r"(?:https?://|www\.)\S{1,2000}")
_CLOSING_HASHES = regex.compile(r"[ \t]+#+$")
_SUFFIX = regex.compile(r"(?:\[(?!\d+\])[^\]\s]{1,12}\]|[¶§#†])$")
_HYPHEN_BREAK = regex.compile(r"\p{L}-$")

# The kinds, read once: an Enum member read from its class goes through the metaclass, and
# the passes below read a unit's kind several times each.
_HEADING = BlockKind.HEADING
_PARAGRAPH = BlockKind.PARAGRAPH
_LIST_ITEM = BlockKind.LIST_ITEM
_QUOTE = BlockKind.QUOTE
_CODE = BlockKind.CODE


# The closing sections of an article: wherever they follow, they sit at its top level, not
# under the last subsection (a reference work's appendices, an essay's conclusion).
_BACK_MATTER = frozenset(
    {
        # en
        "references", "notes", "footnotes", "see also", "external links", "further reading",
        "bibliography", "sources", "citations", "acknowledgements", "acknowledgments",
        "conclusion", "conclusions", "final thoughts",
        # de
        "einzelnachweise", "literatur", "weblinks", "siehe auch", "anmerkungen", "quellen",
        "fazit",
        # fr
        "références", "notes et références", "voir aussi", "liens externes", "bibliographie",
        # pt, es
        "referências", "ver também", "ligações externas", "bibliografia", "notas", "conclusão",
        "fontes", "referencias", "véase también", "enlaces externos", "bibliografía",
        "conclusión", "fuentes",
        # cs
        "reference", "odkazy", "související články", "externí odkazy", "literatura",
        "poznámky", "závěr", "zdroje",
        # ja, zh
        "脚注", "参考文献", "関連項目", "外部リンク", "出典", "参考资料", "参见", "外部链接",
        "注释", "结论", "總結", "总结",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Layout:
    """How the document is laid out as text."""

    compact: bool
    """One block per line (no blank lines between blocks)."""
    wrap_width: int
    """Column at which paragraphs were hard-wrapped, 0 when they were not."""


@dataclass(slots=True)
class _Unit:
    kind: BlockKind
    lines: list[Line]
    text: str
    marker: str | None = None
    ordered: bool | None = None
    indent: int = 0
    depth: int | None = None
    attribution: str | None = None
    explicit_level: int = 0
    candidate: bool = False
    shape: LineShape | None = None
    score: float = 0.0
    features: list[tuple[str, float]] = field(default_factory=list)
    reason: str = ""
    prose: tuple[str, bool] | None = None
    """``(text, sentence_like(text))`` for the last text asked about: rules ask repeatedly."""
    fence: str | None = None
    """For a fenced code block: the fence characters of its opening line."""
    continuation: list[Line] = field(default_factory=list)
    """The lines under a numbered line that became a heading: they are blocks of their own."""


# --------------------------------------------------------------------------- layout


def detect_layout(
    lines: Sequence[Line],
    code: frozenset[int] = frozenset(),
    measures: LineMeasures | None = None,
) -> Layout:
    """Return the layout of the body lines: blank-line or one-block-per-line, and wrap width.

    A sentence-ending line followed by a blank line votes for blank-line layout, one followed
    directly by another text line votes for one block per line. The text is hard-wrapped when
    most lines that continue on the next line were broken only because the next word did not
    fit in a fixed width between 40 and 100 columns. ``measures`` keeps what was read of each
    line for the later passes.

    >>> from articlekit.lines import split_lines
    >>> text = "The first paragraph ends right here.\\nThe second one follows on the next line.\\n"
    >>> detect_layout(split_lines(text)).compact
    True
    """
    blank_votes = compact_votes = 0
    # A line followed by a text line: its width, and the next line as written and stripped
    # (the width of its first word is read only when the widths say the text may be wrapped).
    inner: list[tuple[int, str, str]] = []
    widths: list[int] = []
    # ``sentence_like`` of a line is kept by ``measures``: a line is asked about as itself and
    # as the line that follows the one before (surrounding spaces change no answer).
    if measures is None:
        measures = LineMeasures()
    prose = measures.sentence_like
    stripped = [line.text.strip() for line in lines]
    last_text = len(stripped) - 1
    while last_text >= 0 and not stripped[last_text]:
        last_text -= 1
    for i in range(last_text + 1):
        text = stripped[i]
        if not text or lines[i].index in code:
            continue
        width = len(text) if text.isascii() else display_width(text)
        widths.append(width)
        if i == last_text:
            continue
        following = lines[i + 1]
        following_text = stripped[i + 1]
        if not following_text:
            if prose(text):
                blank_votes += 1
        elif following.index not in code and match_list_marker(following.text) is None:
            if _ends_sentence(text) and prose(text) and prose(following_text):
                compact_votes += 1
            inner.append((width, following.text, following_text))
    wrap = _wrap_width(inner, widths)
    if blank_votes == 0 and compact_votes == 0:
        compact = all(stripped) and len(widths) > 2 and not wrap
    else:
        compact = compact_votes > blank_votes and not wrap
    return Layout(compact=compact, wrap_width=wrap)


def _first_word_width(text: str, stripped: str | None = None) -> int:
    # ``stripped`` is ``text.strip()`` when the caller has it.
    if text.isascii() and text.isprintable():
        # Only spaces separate words here, where ``str`` and the ``regex`` module agree on
        # what a space is (not on the information separators U+001C-U+001F).
        if stripped is None:
            stripped = text.strip()
        end = stripped.find(" ")
        return len(stripped) if end < 0 else end
    first = _FIRST_WORD.search(text)
    return display_width(first.group()) if first else 0


def _ends_sentence(text: str) -> bool:
    return text.rstrip().rstrip("\"'”’)»」』").endswith((".", "!", "?", "。", "！", "？", "…"))


def _wrap_width(inner: list[tuple[int, str, str]], widths: list[int]) -> int:
    if len(inner) < 3:
        return 0
    sorted_widths = sorted(w for w, _, _ in inner)
    width = sorted_widths[(len(sorted_widths) * 9) // 10 - (1 if len(sorted_widths) >= 10 else 0)]
    if not 40 <= width <= 100:
        return 0
    wrapped = sum(
        1
        for w, following, stripped in inner
        if w + 1 + _first_word_width(following, stripped) > width
    )
    too_wide = sum(1 for w in widths if w > width + 8)
    if wrapped < 0.6 * len(inner) or too_wide > 0.05 * len(widths):
        return 0
    return width


def _wraps_into(line: str, following: str, width: int) -> bool:
    # A line was broken by wrapping when the next line's first word would not have fit.
    first = _FIRST_WORD.search(following)
    if first is None:
        return False
    return display_width(line.strip()) + 1 + display_width(first.group()) > width


def _join(parts: Sequence[str]) -> str:
    # Wrapped lines join with a space; not after a word broken at a hyphen, nor between two
    # CJK characters (those scripts do not put spaces between words). Only the tail of the text
    # so far is looked at, so joining stays linear in the paragraph's length.
    pieces: list[str] = []
    tail = ""
    for part in parts:
        piece = part.strip()
        if not piece:
            continue
        if pieces and not (
            # Each pattern needs its last character: a hyphen, a character outside ASCII.
            (tail[-1:] == "-" and _HYPHEN_BREAK.search(tail) and piece[:1].islower())
            or (not tail.isascii() and _CJK_END.search(tail) and _CJK_START.search(piece))
        ):
            pieces.append(" ")
        pieces.append(piece)
        tail = piece[-2:]
    return "".join(pieces)


# --------------------------------------------------------------------------- units


def _segment(
    span: Span, layout: Layout, code: frozenset[int], heading_lines: frozenset[int]
) -> list[_Unit]:
    units: list[_Unit] = []
    lines = span.lines
    count = len(lines)
    # ``_continues_paragraph`` says so for every line of such text.
    one_per_line = layout.compact and not layout.wrap_width
    i = 0
    while i < count:
        line = lines[i]
        text = line.text
        stripped = text.strip()
        if not stripped:
            i += 1
            continue
        if line.index in code:
            fence = opening_fence(text)
            if fence is not None:
                # A fenced block is one block, up to its closing fence (the span holds it all).
                j = fence_end(lines, i)
            else:
                j = i + 1
                while (
                    j < count
                    and (lines[j].index in code or lines[j].is_blank)
                    and opening_fence(lines[j].text) is None
                ):
                    j += 1
            while j > i and lines[j - 1].is_blank:
                j -= 1
            unit = _Unit(_CODE, list(lines[i:j]), "")
            unit.fence = fence
            if fence is not None and text.strip().strip(fence[0]):
                # The info string (a language, a file name) says something: kept with the
                # fence as written. A bare fence says no more than the block's kind.
                unit.marker = text.strip()
            units.append(unit)
            i = j
            continue
        level = markdown_level(stripped) if stripped[0] == "#" else 0
        if level:
            unit = _Unit(_PARAGRAPH, [line], stripped)
            unit.explicit_level = level
            units.append(unit)
            i += 1
            continue
        # An underline has its first "=" or "-" within its first four characters.
        next_start = lines[i + 1].text[:4] if i + 1 < count else ""
        underline = (
            setext_underline(lines[i + 1].text) if "=" in next_start or "-" in next_start else 0
        )
        if underline and match_list_marker(text) is None and not sentence_like(text):
            unit = _Unit(_HEADING, [line, lines[i + 1]], text.strip())
            unit.explicit_level = underline - 1
            unit.shape = line_shape(stripped)
            units.append(unit)
            i += 2
            continue
        if ">" in text[:4] and _quote_prefixed(text):
            j = i
            parts: list[str] = []
            while j < count and _QUOTE_PREFIX.match(lines[j].text) and lines[j].index not in code:
                parts.append(_QUOTE_PREFIX.sub("", lines[j].text, count=1))
                j += 1
            units.append(_Unit(_QUOTE, list(lines[i:j]), _join(parts)))
            i = j
            continue
        marker = match_list_marker(text)
        if marker is not None:
            j = i + 1
            parts = [text[marker.content_start :]]
            while j < count:
                nxt = lines[j]
                if nxt.is_blank or nxt.index in code or match_list_marker(nxt.text) is not None:
                    break
                indent = len(nxt.text) - len(nxt.text.lstrip())
                continues = indent > marker.indent or (
                    layout.wrap_width > 0
                    and _wraps_into(lines[j - 1].text, nxt.text, layout.wrap_width)
                )
                if not continues:
                    break
                parts.append(nxt.text)
                j += 1
            unit = _Unit(_LIST_ITEM, list(lines[i:j]), _join(parts))
            unit.marker, unit.ordered, unit.indent = marker.marker, marker.ordered, marker.indent
            units.append(unit)
            i = j
            continue
        # A run of text lines (one line in one-block-per-line text).
        j = i + 1
        while (
            j < count
            and not one_per_line
            and _continues_paragraph(lines[j - 1], lines[j], layout, heading_lines)
            and _is_plain_text(lines[j], code, lines[j + 1] if j + 1 < count else None)
        ):
            j += 1
        if j == i + 1:
            # One line: its text is the stripped line, as ``_join`` would make it. Its full
            # shape is read when it is scored as a heading candidate.
            units.append(_Unit(_PARAGRAPH, [line], stripped))
            i = j
            continue
        run = list(lines[i:j])
        if not layout.wrap_width and _leads_a_paragraph(run):
            units.append(_Unit(_PARAGRAPH, run[:1], run[0].text.strip()))
            run = run[1:]
        units.append(_Unit(_PARAGRAPH, run, _join([ln.text for ln in run])))
        i = j
    return units


def _continues_paragraph(
    previous: Line, line: Line, layout: Layout, heading_lines: frozenset[int]
) -> bool:
    # Hard-wrapped text: only where the next word did not fit. One block per line: never.
    # Blank-line text: the lines of a span form one paragraph, except a line a table of contents
    # named, and the attribution line under a quotation.
    if layout.wrap_width:
        return _wraps_into(previous.text, line.text, layout.wrap_width)
    if layout.compact or line.index in heading_lines:
        return False
    return not (_attribution_line(line.text) and _fully_quoted(previous.text))


def _attribution_line(text: str) -> bool:
    # Most lines start with a word, not with the dash of an attribution.
    return text.lstrip(" \t")[:1] in _DASHES and _ATTRIBUTION.match(text) is not None


def _quote_prefixed(text: str) -> bool:
    # Most lines hold no ">" where a quotation marker can stand.
    return ">" in text[:4] and _QUOTE_PREFIX.match(text) is not None


def _strip_markdown_heading(text: str) -> str:
    stripped = text.strip().lstrip("#").strip()
    return str(_CLOSING_HASHES.sub("", stripped))


def _is_plain_text(line: Line, code: frozenset[int], following: Line | None) -> bool:
    text = line.text
    if line.is_blank or line.index in code:
        return False
    if _quote_prefixed(text) or match_list_marker(text) is not None:
        return False
    if is_markdown_heading(text):
        return False
    return not (following is not None and setext_underline(following.text))


def _leads_a_paragraph(run: Sequence[Line]) -> bool:
    # In blank-line text, a span whose first line is shaped like a heading and whose other lines
    # are running prose is a heading written directly above its paragraph.
    first = run[0].text.strip()
    rest = _join([ln.text for ln in run[1:]])
    if not sentence_like(rest):
        return False
    score, _ = _shape_score(line_shape(first))
    return score >= 2.0


# --------------------------------------------------------------------------- headings


# How a line's ending weighs on its heading score (a question: see ``_shape_score``).
_TERMINAL_WEIGHTS = {
    "stop": -3.0,
    "soft": -3.0,
    "colon": -2.0,
    "ellipsis": -2.0,
    "exclaim": -0.5,
    "dash": -2.0,
}


def _shape_score(shape: LineShape) -> tuple[float, list[tuple[str, float]]]:
    features: list[tuple[str, float]] = []
    add = features.append

    if shape.markdown_level:
        add(("markdown_hashes", 4.0))
    if shape.tab:
        add(("table_row", -6.0))
    words = shape.words
    if shape.cjk:
        short, medium = 25, 40
    else:
        short, medium = 12, 20
    if words == 0:
        add(("no_words", -3.0))
    elif words <= short:
        add(("short", 1.0))
    elif words <= medium:
        add(("medium_length", -0.5))
    else:
        add(("long", -4.0))
    if shape.terminal == "question":
        # A long question in sentence case is prose; a short or title-case one may head.
        ending = -1.0 if words >= 7 and shape.title_case < 0.5 and not shape.cjk else 0.0
    else:
        ending = _TERMINAL_WEIGHTS.get(shape.terminal, 0.0)
    if ending:
        add((f"ends_{shape.terminal}", ending))
    if shape.emphatic:
        add(("emphatic_punctuation", -1.5))
    if shape.copyright:
        add(("copyright", -3.0))
    if shape.inner_semicolon:
        add(("semicolon_inside", -1.5))
    if shape.dangling:
        add(("ends_with_function_word", -2.0))
    if shape.inner_sentence:
        # "Wow! Does it fly?" is still a heading; a longer line of two sentences is not.
        add(("two_sentences", -1.0 if words <= 6 else -2.0))
    if shape.starts_lower:
        add(("starts_lower_case", -2.5))
    if shape.title_case >= 0.75 and words >= 2 and not shape.cjk:
        add(("title_case", 1.0))
    if shape.all_caps and words <= 8:
        add(("all_caps", 0.5))
    if shape.numbering:
        add(("numbered", 1.0))
    if shape.colon_lead and shape.terminal != "colon":
        add(("topic_colon_subtitle", 0.5))
    if shape.quoted:
        add(("fully_quoted", -2.0))
    if shape.url:
        add(("url", -3.0))
    if shape.byline:
        add(("byline", -3.0))
    if shape.date:
        add(("date", -2.5))
    if shape.slashes >= 2:
        add(("path_or_credit_slashes", -3.0))
    if shape.listing_parenthetical:
        add(("listing_parenthetical", -2.0))
    if shape.bracketed:
        add(("bracketed_aside", -2.5))
    if shape.attribution:
        add(("attribution_dash", -3.0))
    return sum([value for _, value in features]), features


def _shape_ceiling(words: int, terminal: str, cjk: bool) -> float:
    # The most ``_shape_score`` gives a line of this length, script and ending, whatever the
    # rest of its shape: the bonuses it may still earn (title case, capitals, Topic: Subtitle)
    # are counted, the penalties are not (a question may weigh 0.0). A line with Markdown
    # hashes or numbering is not measured (``plain_measure``).
    short, medium = (25, 40) if cjk else (12, 20)
    if words == 0:
        score = -3.0
    elif words <= short:
        score = 1.0
    elif words <= medium:
        score = -0.5
    else:
        score = -4.0
    score += _TERMINAL_WEIGHTS.get(terminal, 0.0)
    if words >= 2 and not cjk:
        score += 1.0
    if words <= 8:
        score += 0.5
    if terminal != "colon":
        score += 0.5
    return score


def _is_body(unit: _Unit) -> bool:
    if unit.kind is _PARAGRAPH:
        if unit.explicit_level:
            return False
        if len(unit.lines) > 1 or _introduces(unit.text):
            return True
        # A short question or exclamation may be a heading ("So what comes after?"): not body.
        shape = unit.shape
        if shape is not None and shape.terminal in ("question", "exclaim") and shape.words <= 12:
            return shape.inner_sentence and shape.words > 6
        if unit.prose is None or unit.prose[0] is not unit.text:
            unit.prose = (unit.text, sentence_like(unit.text))
        return unit.prose[1]
    return unit.kind is not _HEADING


def _introduces(text: str) -> bool:
    # "There are three ways to get there, including:" is prose that announces more.
    stripped = text.rstrip()
    return stripped.endswith((":", "：")) and len(stripped.split()) >= 6


def _in_run(unit: _Unit) -> bool:
    # A short line that cannot be a heading (a bare URL, a dated line, a credit) is content
    # and ends a run like a paragraph does.
    if unit.kind is _LIST_ITEM:
        return unit.candidate
    if unit.candidate and unit.score <= CONTENT_SCORE:
        return False
    return unit.kind is _HEADING or not _is_body(unit)


def _score_headings(
    units: list[_Unit],
    heading_lines: frozenset[int],
    title: str | None,
    measures: LineMeasures,
    explain: bool = True,
) -> None:
    title_key = _loose(title) if title else ""
    one_word = Counter(u.text for u in units if u.kind is _PARAGRAPH and " " not in u.text)
    last_number = ""
    named = _named_by_contents(units, heading_lines)
    for index, unit in enumerate(units):
        if unit.kind is _HEADING:
            unit.score, unit.features = 6.0, [("setext_underline", 6.0)]
            unit.reason = "underlined heading"
            continue
        kind = unit.kind
        if kind is _PARAGRAPH:
            if len(unit.lines) != 1:
                continue
            numbered_item = False
        elif kind is _LIST_ITEM:
            # A numbered line between paragraphs may be a numbered heading; next to other
            # items it is a list item.
            numbered_item = (
                bool(unit.ordered)
                and unit.indent == 0
                and not (index > 0 and units[index - 1].kind is _LIST_ITEM)
                and not (index + 1 < len(units) and units[index + 1].kind is _LIST_ITEM)
            )
            if not numbered_item:
                continue
        else:
            continue
        stripped = unit.lines[0].text.strip()
        if not (explain or numbered_item or index in named):
            measure = measures.measure(stripped)
            words, terminal, _ = measure
            ceiling = _shape_ceiling(*measure)
            prose = measures.sentence_like(stripped)
            if (
                (prose and not (terminal in ("question", "exclaim") and words <= 12))
                or (
                    words > _CAPTION_WORDS
                    and (
                        ceiling <= CONTENT_SCORE - 3.0
                        or (ceiling <= CONTENT_SCORE and not _repeats(unit.text, title_key))
                    )
                )
            ) and measures.plain(stripped):
                # Content whatever else its shape and context say: a long line, a sentence of
                # medium length too long to be a caption between headings, or running prose
                # (body wherever it stands: ``_is_body`` reads the shape of a short question or
                # exclamation only). Its shape and features are not read when nothing is
                # explained; a rule that needs the shape of a candidate reads it then.
                # ``repeats_title`` (3.0) is the one bonus the ceiling leaves out.
                unit.candidate = True
                unit.score = ceiling
                unit.prose = (unit.text, prose)
                continue
        shape = unit.shape or line_shape(stripped)
        if numbered_item and not shape.numbering:
            continue
        if unit.kind is _PARAGRAPH:
            unit.prose = (unit.text, measures.sentence_like(unit.text))
        score, features = _shape_score(shape)
        if index in named:
            features.append(("named_in_table_of_contents", 4.0))
            score += 4.0
        if _repeats(unit.text, title_key):
            features.append(("repeats_title", 3.0))
            score += 3.0
        if shape.numbering[:1].isdigit():
            if numbering_follows(last_number, shape.numbering):
                features.append(("continues_numbering", 1.0))
                score += 1.0
            last_number = shape.numbering
        if " " not in unit.text and one_word[unit.text] >= 3:
            features.append(("repeated_label", -3.0))
            score -= 3.0
        if index > 0 and units[index - 1].text.rstrip().endswith((":", "：")):
            features.append(("after_introduction", -2.0))
            score -= 2.0
        # A numbered line with lines under it is followed by them, not by the next unit.
        if (
            _PLAIN_LOWER_START.match(unit.lines[1].text.lstrip()) is not None
            if len(unit.lines) > 1
            else index + 1 < len(units) and _continues_sentence(units[index + 1])
        ):
            features.append(("next_line_continues_the_sentence", -2.5))
            score -= 2.5
        unit.candidate = True
        unit.shape = shape
        unit.score = score
        unit.features = features
    _apply_context(units)
    _apply_shared_suffix(units)


def _continues_sentence(unit: _Unit) -> bool:
    # "The results of the survey" / "were published on Monday." is one sentence broken over two
    # lines: what follows a heading starts a sentence of its own.
    if unit.kind is not _PARAGRAPH or unit.explicit_level:
        return False
    # An ASCII first character that is no lower-case letter starts no such sentence.
    first = unit.text[:1]
    if first.isascii() and not first.islower():
        return False
    return _PLAIN_LOWER_START.match(unit.text) is not None


def _named_by_contents(units: list[_Unit], heading_lines: frozenset[int]) -> set[int]:
    # Indices of units whose line a removed table of contents named. Three or more such lines
    # in a row are a table of contents themselves (the page's own list of sections, which the
    # removed one repeated), not headings.
    named: set[int] = set()
    if not heading_lines:
        return named
    count = len(units)
    i = 0
    while i < count:
        j = i
        while j < count and units[j].lines[0].index in heading_lines:
            j += 1
        if 0 < j - i < 3:
            named.update(range(i, j))
        i = j + 1
    return named


def _apply_context(units: list[_Unit]) -> None:
    # Runs of consecutive units that are not body. The last real candidate before body may be a
    # heading (followed by its text; trailing junk such as a repeated "Next" label does not
    # count); earlier ones only as parents, with a stronger shape. A long run of short lines is
    # navigation or a list, not a stack of headings.
    count = len(units)
    in_run = [_in_run(unit) for unit in units]
    i = 0
    while i < count:
        if not in_run[i]:
            i += 1
            continue
        j = i
        while j < count and in_run[j]:
            j += 1
        run = units[i:j]
        followed_by = units[j] if j < count else None
        # A byline or a date under a title is the article's metadata, not a navigation entry.
        long_run = sum(1 for u in run if u.kind is not _HEADING and not _is_dateline(u))
        long_run = long_run >= LONG_RUN
        lead = len(run) - 1
        while lead > 0 and run[lead].candidate and run[lead].score < JUNK_SCORE:
            lead -= 1
        for position, unit in enumerate(run):
            if not unit.candidate:
                continue
            if long_run:
                unit.features.append(("in_run_of_short_lines", -1.5))
                unit.score -= 1.5
            if position == lead and followed_by is not None:
                bonus = 1.0 if followed_by.kind is _LIST_ITEM else 1.5
                unit.features.append(("followed_by_body", bonus))
                unit.score += bonus
            elif position == lead:
                unit.features.append(("ends_the_text", -2.0))
                unit.score -= 2.0
            threshold = HEADING_THRESHOLD if position >= lead else PARENT_THRESHOLD
            if unit.score >= threshold:
                _make_heading(unit)
            else:
                unit.reason = f"score {unit.score:.1f} below {threshold}"
        i = j


def _heading_suffix(text: str) -> str:
    # A suffix ends the text (``$`` also stands before a final newline): most texts end with
    # no bracket and no mark.
    if text[-2:].rstrip("\n")[-1:] not in ("]", "¶", "§", "#", "†"):
        return ""
    match = _SUFFIX.search(text)
    return match.group() if match else ""


def _apply_shared_suffix(units: list[_Unit]) -> None:
    # Lines of the same shape share a role: when two or more headings end with the same mark
    # (a permalink sign, an edit link), every candidate line ending with it is a heading too.
    counts = Counter(_heading_suffix(u.text) for u in units if u.kind is _HEADING)
    marks = {mark for mark, n in counts.items() if mark and n >= 2}
    if not marks:
        return
    for unit in units:
        if unit.candidate and unit.kind is not _HEADING and _heading_suffix(unit.text) in marks:
            unit.features.append(("shares_heading_suffix", 3.0))
            unit.score += 3.0
            if unit.shape is None:
                unit.shape = line_shape(unit.lines[0].text.strip())
            _make_heading(unit)
    headings = [u for u in units if u.kind is _HEADING]
    counts = Counter(_heading_suffix(u.text) for u in headings)
    marked = sum(counts[mark] for mark in marks)
    if marked >= 3 and marked >= 0.8 * len(headings):
        for unit in headings:
            if _heading_suffix(unit.text) not in marks and unit.candidate:
                unit.features.append(("lacks_heading_suffix", -3.0))
                unit.score -= 3.0
                unit.kind = _PARAGRAPH
                unit.reason = "other headings of the text end with a mark this line lacks"


def _make_heading(unit: _Unit) -> None:
    if unit.kind is _LIST_ITEM:
        # A heading is one line: the lines the item continued on are the text under it.
        unit.text = unit.lines[0].text.strip()
        unit.marker = unit.ordered = None
        unit.continuation, unit.lines = unit.lines[1:], unit.lines[:1]
    if unit.explicit_level and unit.kind is _PARAGRAPH:
        # The hashes of a Markdown heading are markup; a "#" line that is no heading keeps them.
        unit.text = _strip_markdown_heading(unit.text)
    if unit.shape is not None and unit.shape.numbering:
        unit.marker = unit.shape.numbering_marker
    unit.kind = _HEADING
    unit.reason = f"heading, score {unit.score:.1f}"


def _split_continuations(
    units: list[_Unit], layout: Layout, code: frozenset[int], heading_lines: frozenset[int]
) -> list[_Unit]:
    # The lines under a numbered heading are cut into blocks as if they stood alone.
    out: list[_Unit] = []
    for unit in units:
        out.append(unit)
        if unit.continuation:
            span = Span(tuple(unit.continuation), blank_before=False)
            for part in _segment(span, layout, code, heading_lines):
                if part.text:
                    part.reason = part.reason or "text under a numbered heading"
                    out.append(part)
            unit.continuation = []
    return out


def _repeats(text: str, key: str) -> bool:
    # True when ``text`` loosely equals the text whose ``_loose`` key is ``key`` ("" for none).
    # An ASCII text's key is never longer than the text.
    if not key:
        return False
    if text.isascii() and (len(text) < len(key) or text.lstrip()[:1].lower() != key[:1]):
        # The key of an ASCII text starts with its first character that is no space.
        return False
    return _loose(text) == key


def _bylined_headings(units: list[_Unit]) -> set[int]:
    # ids of the headings whose next block starts with a byline ("By Jane Doe").
    found: set[int] = set()
    for unit, following in pairwise(units):
        if unit.kind is _HEADING and following.kind is _PARAGRAPH:
            first = following.lines[0].text.strip()
            metadata = read_metadata_line(first) if len(first) <= 80 else None
            if metadata is not None and metadata.author:
                found.add(id(unit))
    return found


def _heading_name(text: str) -> str:
    # "Setting up ¶", "Setting up:" and "setting up" name the same thing.
    name = text.strip()
    return _loose(name[: len(name) - len(_heading_suffix(name))]).rstrip(" :：")


def _loose(text: str) -> str:
    if text.isascii():
        # NFKC leaves ASCII as it is, and casefolds it as ``lower`` does.
        return " ".join(text.lower().split())
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


# --------------------------------------------------------------------------- lists


def _number_lists(units: list[_Unit]) -> None:
    stack: list[int] = []
    previous_list = False
    for unit in units:
        if unit.kind is not _LIST_ITEM:
            previous_list = False
            stack = []
            continue
        if not previous_list:
            stack = [unit.indent]
        elif unit.indent > stack[-1]:
            stack.append(unit.indent)
        else:
            while len(stack) > 1 and unit.indent < stack[-1]:
                stack.pop()
        unit.depth = len(stack) - 1
        previous_list = True


def _unmarked_lists(units: list[_Unit], measures: LineMeasures) -> None:
    # "… including:" followed by several short parallel lines: a list whose markers the
    # rendering dropped. Needs two items or more, none of them long or itself an introduction.
    count = len(units)
    i = 0
    while i < count:
        unit = units[i]
        if not (
            unit.kind is _PARAGRAPH
            and unit.text.rstrip().endswith((":", "："))
            and len(unit.lines) == 1
        ):
            i += 1
            continue
        j = i + 1
        while j < count and _could_be_item(units[j], measures):
            j += 1
        if j - i - 1 >= 2:
            for item in units[i + 1 : j]:
                item.kind = _LIST_ITEM
                item.ordered = False
                item.depth = 0
                item.reason = "short line after an introduction ending with ':'"
                item.features.append(("after_colon_introduction", 1.0))
        i = max(j, i + 1)


def _fragment_lists(units: list[_Unit], measures: LineMeasures) -> None:
    # Three or more short fragments in a row, none ending in punctuation and none a heading
    # ("Downtime", "Performance overhead", "Data collected locally"): the items of a list whose
    # markers the scraper dropped. Sentences, questions and introductions end the run.
    count = len(units)
    # Each unit is read once: marking a run changes no unit after it.
    fragment = [_is_fragment(unit, measures) for unit in units]
    i = 0
    while i < count:
        j = i
        while j < count and fragment[j]:
            j += 1
        if j - i >= 3:
            for item in units[i:j]:
                item.kind = _LIST_ITEM
                item.ordered = False
                item.depth = 0
                item.reason = f"one of {j - i} short fragments in a row"
                item.features.append(("short_fragment_run", 1.0))
        i = max(j, i + 1)


def _is_fragment(unit: _Unit, measures: LineMeasures) -> bool:
    if unit.kind is not _PARAGRAPH or len(unit.lines) != 1 or unit.explicit_level:
        return False
    text = unit.text.rstrip()
    shape = unit.shape
    if shape is None or shape.text != text:
        # Most lines are ruled out by their measures, before any shape is read.
        words, terminal, _ = measures.measure(text)
        if not (0 < words <= 8 and terminal == "") and measures.plain(text):
            return False
        shape = line_shape(text)
    return (
        0 < shape.words <= 8
        and shape.terminal == ""
        and not shape.tab
        and not (shape.byline or shape.date)
    )


def _is_dateline(unit: _Unit) -> bool:
    # A byline ("By Jane Doe") or a date line, as the heading features read it.
    shape = unit.shape
    return shape is not None and (shape.byline or shape.date)


def _prefixed_lists(units: list[_Unit]) -> None:
    # Three or more lines in a row that start with the same symbol and a space ("^ Smith,
    # J. (2001)…" in a scraped reference list, "+ Added …" in a changelog) share a role: they
    # are the items of a list whose symbol is part of the text. Two or more bare links in a row
    # are a list of links.
    count = len(units)
    # Each unit is read once: marking a run changes no unit after it.
    prefixes = [_item_prefix(unit) for unit in units]
    i = 0
    while i < count:
        prefix = prefixes[i]
        j = i + 1
        while prefix and j < count and prefixes[j] == prefix:
            j += 1
        if prefix and j - i >= (2 if prefix == "URL" else 3):
            for item in units[i:j]:
                item.kind = _LIST_ITEM
                item.ordered = False
                item.depth = 0
                item.reason = f"one of {j - i} lines in a row starting with {prefix!r}"
                if prefix == "URL":
                    item.reason = f"one of {j - i} bare links in a row"
                item.features.append(("shared_line_prefix", 1.0))
        i = j


def _item_prefix(unit: _Unit) -> str:
    if unit.kind is not _PARAGRAPH or unit.explicit_level or len(unit.lines) != 1:
        return ""
    text = unit.text
    if text.startswith(("http://", "https://", "www.")) and _BARE_URL.fullmatch(text):
        return "URL"
    # An ASCII letter or digit is no symbol; the symbol needs a space after it.
    if (text[:1].isascii() and text[:1].isalnum()) or text[1:2] not in (" ", "\t"):
        return ""
    match = _SYMBOL_PREFIX.match(text)
    return match.group(1) if match else ""


def _could_be_item(unit: _Unit, measures: LineMeasures) -> bool:
    if unit.kind is not _PARAGRAPH or len(unit.lines) != 1:
        return False
    text = unit.text.rstrip()
    if unit.shape is not None and unit.shape.text == text:
        words, terminal, cjk = unit.shape.words, unit.shape.terminal, unit.shape.cjk
    elif measures.plain(text):
        words, terminal, cjk = measures.measure(text)
    else:
        shape = line_shape(text)
        words, terminal, cjk = shape.words, shape.terminal, shape.cjk
    limit = 30 if cjk else 15
    return (
        0 < words <= limit
        and terminal not in ("colon", "question", "exclaim")
        and "\t" not in text.strip()
    )


# --------------------------------------------------------------------------- levels


def _shape_key(unit: _Unit) -> str:
    shape = unit.shape
    if shape is None:
        return "plain"
    if shape.numbering_depth and shape.numbering[:1].isdigit():
        return "numbered"
    if shape.numbering:
        return "label"
    if shape.all_caps:
        return "caps"
    if shape.colon_lead:
        return "colon"
    if unit.text.endswith(")") and "(" in unit.text:
        return "parenthetical"
    return "plain"


def _is_caption_like(unit: _Unit) -> bool:
    return (
        unit.kind is _PARAGRAPH
        and unit.candidate
        and len(unit.lines) == 1
        and unit.shape is not None
        and unit.shape.words <= _CAPTION_WORDS
        and not _is_body(unit)
    )


def _listed_subheadings(units: list[_Unit]) -> tuple[dict[int, int], dict[int, int]]:
    # A heading followed by a short list whose items are the texts of the next headings
    # ("Ways to travel" / Trains, Ferries) announces its own subsections. Return the later
    # headings mapped to the heading that listed them, and the first heading after the last
    # listed one mapped to the same heading (the list is done: it is a sibling again).
    listed_under: dict[int, int] = {}
    sibling_of: dict[int, int] = {}
    pending: dict[str, int] = {}
    done = -1
    parent = -1
    listed: dict[str, int] = {}
    for index, unit in enumerate(units):
        if unit.kind is _HEADING:
            if len(listed) >= 2:
                pending, done = listed, -1
            key = _loose(unit.text)
            if key in pending:
                listed_under[index] = pending.pop(key)
                if not pending:
                    done = listed_under[index]
            elif done >= 0:
                sibling_of[index], done = done, -1
            parent, listed = index, {}
        elif (
            parent >= 0
            and unit.kind in (_LIST_ITEM, _PARAGRAPH)
            and len(unit.lines) == 1
            and len(unit.text) <= 80
        ):
            listed[_loose(unit.text)] = parent
    return listed_under, sibling_of


def _assign_levels(units: list[_Unit], title: str | None) -> None:
    headings = [u for u in units if u.kind is _HEADING]
    if not headings:
        return
    explicit = [u.explicit_level for u in headings if u.explicit_level]
    top_explicit = min(explicit) if explicit else 1
    title_key = _loose(title) if title else ""
    base = 2
    if title_key and _loose(headings[0].text) == title_key and len(headings) > 1:
        base = 3
    shape_levels: dict[str, int] = {}
    previous_level = 1
    previous_key = ""
    previous_heading = False
    numbered_base = 0
    opener_level = 0
    listed_under, sibling_of = _listed_subheadings(units)
    # A name that recurs ("Setting up", "Usage" under each of several sections) is a subsection
    # title: every occurrence shares the first one's level, and the heading just before an
    # occurrence opens the section that holds it.
    names = [_heading_name(u.text) for u in headings]
    recurring = {name for name, n in Counter(names).items() if n >= 2}
    name_levels: dict[str, int] = {}
    name_of = dict(zip(map(id, headings), names, strict=True))
    next_name = dict(zip(map(id, headings[:-1]), names[1:], strict=True))
    # On a page of several articles (a weekly edition, a digest), each article's title has its
    # byline right under it: those titles are the top level, and any other heading after the
    # first of them is a section inside an article.
    bylined = _bylined_headings(units)
    if len(bylined) < 2:
        bylined = set()
    in_article = False
    for index, unit in enumerate(units):
        if unit.kind is not _HEADING:
            # A caption-like short line between two headings ("Logo of the project") does not
            # stand between them: the second is still directly under the first.
            if previous_heading and not _is_caption_like(unit):
                previous_heading = False
            continue
        key = "title" if unit is headings[0] and base == 3 else _shape_key(unit)
        name = name_of[id(unit)]
        # A heading directly followed by another heading opens a parent section; such openers
        # share a level, the level of the first one.
        following = index + 1
        while following < len(units) and _is_caption_like(units[following]):
            following += 1
        opener = following < len(units) and units[following].kind is _HEADING
        if unit.explicit_level:
            level = unit.explicit_level - top_explicit + 2
            why = "Markdown level"
        elif unit is headings[0] and base == 3:
            level = 2
            why = "repeats the title"
        elif unit is not headings[0] and key != "numbered" and name in _BACK_MATTER:
            # "See also", "Weblinks[edit]", "Conclusion:", "Notes ¶" (the end mark aside).
            level = base
            why = "closing section (references, see also, conclusion …): top level"
        elif id(unit) in bylined:
            level = base
            why = "an article's title: its byline follows"
            in_article = True
        elif name in name_levels:
            level = name_levels[name]
            why = "same name as an earlier heading"
        elif name not in recurring and next_name.get(id(unit), "") in name_levels:
            level = name_levels[next_name[id(unit)]] - 1
            why = "opens a section holding a recurring subsection"
        elif key == "numbered" and unit.shape is not None:
            if not numbered_base:
                numbered_base = previous_level + 1 if previous_heading else base
            level = numbered_base + unit.shape.numbering_depth - 1
            why = f"numbering depth {unit.shape.numbering_depth}"
        elif index in listed_under:
            level = (units[listed_under[index]].explicit_level or previous_level) + 1
            why = "named in the list under an earlier heading"
        elif index in sibling_of and not previous_heading:
            level = units[sibling_of[index]].explicit_level or previous_level
            why = "after the subsections an earlier heading listed"
        elif previous_heading and (
            key == previous_key or shape_levels.get(key, 0) <= previous_level
        ):
            level = previous_level + 1
            why = "directly under a heading"
        elif opener and opener_level:
            level = opener_level
            why = "opens a section, like the earlier headings that open one"
        elif key in shape_levels:
            level = shape_levels[key]
            why = f"same shape ({key}) as an earlier heading"
        elif previous_key == "title":
            level = base
            why = "first heading under the repeated title"
        elif previous_key and previous_key != "plain" and key == "plain":
            level = previous_level + 1
            why = f"plain heading after a {previous_key} one"
        else:
            level = previous_level if previous_level > 1 else base
            why = "first heading of its shape"
        if in_article and id(unit) not in bylined and level <= base and not unit.explicit_level:
            level = base + 1
            why = "a section inside an article (a byline follows the article titles)"
        level = max(2, min(level, previous_level + 1, 6))
        unit.explicit_level = level
        shape_levels[key] = level
        if name in recurring:
            name_levels.setdefault(name, level)
        unit.reason += f"; level {level}: {why}"
        if opener and not opener_level:
            opener_level = level
        previous_level = level
        previous_key = key
        previous_heading = True


# --------------------------------------------------------------------------- quotes


def _attach_attributions(units: list[_Unit]) -> list[_Unit]:
    out: list[_Unit] = []
    for unit in units:
        previous = out[-1] if out else None
        if (
            previous is not None
            and unit.kind is _PARAGRAPH
            and len(unit.lines) == 1
            and _attribution_line(unit.text)
            and len(unit.text) <= 120
            and previous.kind in (_PARAGRAPH, _QUOTE)
            and previous.attribution is None
            and (previous.kind is _QUOTE or _fully_quoted(previous.text))
        ):
            previous.kind = _QUOTE
            previous.attribution = unit.text.strip()
            previous.lines = previous.lines + unit.lines
            previous.reason = "quotation followed by an attribution line"
            continue
        out.append(unit)
    return out


def _fully_quoted(text: str) -> bool:
    stripped = text.strip()
    pairs = {"“": "”", '"': '"', "«": "»", "„": "“", "「": "」"}
    return (
        len(stripped) > 2
        and stripped[0] in pairs
        and stripped[-1] == pairs[stripped[0]]
        and stripped.count(stripped[0]) == 1
    )


# --------------------------------------------------------------------------- blocks


def _code_text(unit: _Unit) -> str:
    # The lines as written, blank lines inside kept; the fence lines of a fenced block are
    # markup, not code (the opening one, info string included, is the block's marker).
    lines = unit.lines
    if unit.fence is not None:
        lines = lines[1:]
        if lines and closes_fence(lines[-1].text, unit.fence):
            lines = lines[:-1]
    out: list[str] = []
    previous: Line | None = None
    for line in lines:
        if previous is not None:
            out.extend([""] * (line.index - previous.index - 1))
        out.append(line.text.rstrip())
        previous = line
    # An indented block's common indentation marks it as code; it is not part of the code.
    return textwrap.dedent("\n".join(out)).strip("\n")


def _merge_code(units: list[_Unit]) -> list[_Unit]:
    # Code runs with only blank lines between them are one block; a fenced block stays whole
    # and alone.
    out: list[_Unit] = []
    for unit in units:
        if (
            unit.kind is _CODE
            and unit.fence is None
            and out
            and out[-1].kind is _CODE
            and out[-1].fence is None
        ):
            out[-1].lines.extend(unit.lines)
            continue
        out.append(unit)
    return out


def _to_block(unit: _Unit, explain: bool) -> Block:
    lines = unit.lines
    first, last = lines[0], lines[-1]
    kind = unit.kind
    explanation = None
    if explain:
        reason = unit.reason or {
            _CODE: "fenced code" if unit.fence else "code lines",
            _QUOTE: "quotation marked with '>'",
            _LIST_ITEM: f"list marker {unit.marker!r}" if unit.marker else "list item",
            _PARAGRAPH: "running text",
        }.get(kind, "")
        explanation = Explanation(round(unit.score, 3), tuple(unit.features), reason)
    text = unit.text
    level = ordered = marker = depth = None
    if kind is _HEADING:
        level, marker = unit.explicit_level, unit.marker
    elif kind is _LIST_ITEM:
        ordered, marker, depth = unit.ordered, unit.marker, unit.depth
    elif kind is _CODE:
        marker = unit.marker
        text = _code_text(unit)
        if not text and marker:
            # An empty fenced block with an info string: the opening line is all it says.
            text = marker
    # Positional, in the order of ``Block``'s fields (a block is built for every unit, and
    # keywords cost a third more): kind, text, level, line, end_line, start, end, ordered,
    # marker, depth, attribution, explanation. A line's number is its index plus one (read
    # here without the property).
    return Block(
        kind,
        text,
        level,
        first.index + 1,
        last.index + 1,
        first.start,
        last.end,
        ordered,
        marker,
        depth,
        unit.attribution,
        explanation,
    )


def classify_spans(
    spans: Sequence[Span],
    options: Options,
    *,
    heading_lines: frozenset[int] = frozenset(),
    title: str | None = None,
    code_lines: frozenset[int] | None = None,
) -> tuple[Block, ...]:
    """Return the blocks of the body, in reading order, with heading levels set (2 and deeper).

    ``heading_lines`` are 0-based indices of lines a removed table of contents named (strong
    evidence of a heading); ``title`` is the article's title; ``code_lines`` the indices
    ``find_code_lines`` found before repair (found again from the spans when not given).

    >>> from articlekit.blocks import split_spans
    >>> from articlekit.lines import split_lines
    >>> text = "Why It Matters\\n\\nThe check runs on every commit, and it is fast.\\n"
    >>> blocks = classify_spans(split_spans(split_lines(text)), Options())
    >>> [(str(b.kind), b.level) for b in blocks]
    [('heading', 2), ('paragraph', None)]
    """
    all_lines = [line for span in spans for line in span.lines]
    code = find_code_lines(all_lines) if code_lines is None else code_lines
    if not options.detect_structure:
        plain = [
            _Unit(_PARAGRAPH, [line], line.text.strip()) for line in all_lines if not line.is_blank
        ]
        return tuple(_to_block(u, options.explain) for u in plain)
    measures = LineMeasures()
    layout = _detect_layout_of_spans(spans, code, measures)
    units: list[_Unit] = []
    for span in spans:
        units.extend(_segment(span, layout, code, heading_lines))
    units = _merge_code([u for u in units if u.kind is _CODE or u.text])
    units = _attach_attributions(units)
    _score_headings(units, heading_lines, title, measures, options.explain)
    units = _split_continuations(units, layout, code, heading_lines)
    _unmarked_lists(units, measures)
    _fragment_lists(units, measures)
    _prefixed_lists(units)
    _number_lists(units)
    _assign_levels(units, title)
    explain = options.explain
    blocks = [_to_block(u, explain) for u in units]
    # A fence with nothing inside leaves an empty code block: markup, not content.
    return tuple([block for block in blocks if block.text])


def _detect_layout_of_spans(
    spans: Sequence[Span], code: frozenset[int], measures: LineMeasures
) -> Layout:
    # Spans lost their blank lines; put one back between spans that the input separated with
    # one, so that the layout reads the document as it was. A span cut where a boilerplate
    # line was removed had no blank line there: "Ends here.\nAdvertisement\nNext line." is
    # still one block per line. The layout reads no offsets: one blank line stands for them all.
    blank = Line(-1, 0, 0, "", "\n")
    lines: list[Line] = []
    previous_span: Span | None = None
    for span in spans:
        if previous_span is not None and (previous_span.blank_after or span.blank_before):
            lines.append(blank)
        lines.extend(span.lines)
        previous_span = span
    return detect_layout(lines, code, measures)
