"""Stage 3b: read the head of the article: title, summary (dek) and metadata lines.

The head is the first lines left after boilerplate removal: metadata lines may stand above the
title (a date line), the title comes next, then metadata lines (bylines, emoji info lines) and a
standfirst marked as one (``💡 …``, ``TL;DR: …``). A plain first paragraph is body, never a
summary: a dek is only taken when the text marks it. Metadata lines leave the body and are kept
in ``Metadata.lines``; a site suffix of the title (``Title | Site``) is recorded in
``Metadata.site_name`` and never cut from the title.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from types import MappingProxyType

import regex

from articlekit.boilerplate import drop_lines
from articlekit.lines import Line, Span
from articlekit.metadata import merge_metadata, read_metadata_line, split_site_suffix
from articlekit.model import Metadata, Note, NoteCode, RemovalReason, Removed
from articlekit.options import Options

__all__ = ["Head", "read_head", "read_summary"]

# How many metadata lines may stand above the title, and how many lines below it are looked at.
_MAX_LINES_ABOVE = 3
_MAX_LINES_BELOW = 6


@dataclass(frozen=True, slots=True)
class Head:
    """The title, summary and metadata, and the spans of the body that remain."""

    title: str | None
    """The title line's text."""
    summary: str | None
    """The dek or standfirst."""
    metadata: Metadata
    """Parsed metadata lines."""
    body: tuple[Span, ...]
    """The spans after the head, metadata lines taken out."""
    title_line: int | None = None
    """0-based index of the title line."""
    removed: tuple[Removed, ...] = ()
    """Lines the head reader left out (a repeated title)."""
    notes: tuple[Note, ...] = field(default=())
    """Soft problems (title guessed, mojibake in the title)."""


_SUMMARY_MARKER = regex.compile(
    r"^(?:[💡📝📌✨🔎🔍ℹ📰🗒📋🧾⚡🎯][\uFE0F\u200D]*\s*|(?:summary|tl;\s?dr|in short|in brief"
    r"|key takeaways?|the gist|abstract|zusammenfassung|résumé|resumo|resumen)\s*[:：]\s*)"
    r"(?P<text>\S.*)$",
    regex.IGNORECASE,
)
_WORD = regex.compile(r"\w+")
# What is left of a dek marker once its emoji and colon go: the label's words, if any.
_LABEL_WORDS = regex.compile(r"[^\w\s;]+")
_SENTENCE = regex.compile(r"[.!?。！？](?:\s|$)")
_MOJIBAKE = regex.compile(r"Ã[\u0080-\u00bf]|â€|Â[\u00a0-\u00bf]")


def read_summary(text: str) -> str | None:
    """Return the standfirst a marked line holds (marker stripped), or ``None``.

    Only a line that the page marks as a dek counts: a leading 💡-style emoji or a
    ``Summary:``/``TL;DR:`` label, followed by at least five words.

    >>> read_summary("💡 A look at how river towns rebuilt after the flood of the spring.")
    'A look at how river towns rebuilt after the flood of the spring.'
    >>> read_summary("The river rose all night.") is None
    True
    """
    match = _SUMMARY_MARKER.match(text.strip())
    if match is None or len(_WORD.findall(match["text"])) < 5:
        return None
    return str(match["text"]).strip()


def _count(pattern: regex.Pattern[str], text: str, limit: int) -> int:
    """Matches of ``pattern`` in ``text``, counted up to ``limit`` (a long line is not listed)."""
    return sum(1 for _ in islice(pattern.finditer(text), limit))


def _is_prose(text: str) -> bool:
    """True for a line that is a paragraph, not a title: long, or several sentences."""
    words = _count(_WORD, text, 41)
    return words > 40 or (words > 20 and _count(_SENTENCE, text, 2) >= 2)


def _is_dated_or_counted(fields: Metadata) -> bool:
    return bool(fields.published or fields.updated or fields.category) or any(
        value is not None
        for value in (fields.views, fields.comments, fields.stated_reading_minutes)
    )


def _tags_from(removed: Sequence[Removed]) -> tuple[str, ...]:
    tags: list[str] = []
    for item in removed:
        if item.reason is RemovalReason.TAGS:
            fields = read_metadata_line(item.text)
            if fields is not None:
                tags.extend(fields.tags)
    return tuple(tags)


def read_head(spans: Sequence[Span], options: Options, *, removed: Sequence[Removed] = ()) -> Head:
    """Return the head of the article read from the first spans.

    ``removed`` are the lines the boilerplate stage left out; its tag lines fill
    ``Metadata.tags``. With ``Options.parse_metadata=False`` metadata lines stay in the body.

    >>> from articlekit.blocks import split_spans
    >>> from articlekit.lines import split_lines
    >>> text = "Rivers in Spring | Lakeside\\nBy Ada Quill | 2021-07-09\\n\\nThe rain came."
    >>> head = read_head(split_spans(split_lines(text)), Options())
    >>> head.title, head.metadata.author, head.metadata.site_name, len(head.body)
    ('Rivers in Spring | Lakeside', 'Ada Quill', 'Lakeside', 1)
    """
    # The head is read from the first lines: at most those above the title, the title and
    # those below it (one more, so that ``len(lines)`` still tells whether the text goes on).
    lines: list[Line] = list(
        islice(
            chain.from_iterable(span.lines for span in spans),
            _MAX_LINES_ABOVE + 2 + _MAX_LINES_BELOW,
        )
    )
    if not lines:
        return Head(None, None, Metadata(), ())
    parse = options.parse_metadata
    metadata_lines: list[Metadata] = []
    notes: list[Note] = []

    position = 0
    while parse and position < min(_MAX_LINES_ABOVE, len(lines) - 1):
        fields = read_metadata_line(lines[position].text)
        if fields is None or not _is_dated_or_counted(fields):
            # Above the title only a line with a date, count or field emoji is metadata: a
            # title such as "Written by Ghosts" must not read as a byline.
            break
        metadata_lines.append(fields)
        position += 1

    title: str | None = None
    title_line: int | None = None
    first = lines[position].text.strip()
    if _is_prose(first):
        notes.append(Note(NoteCode.NO_TITLE, "the text starts with a paragraph: no title line"))
    else:
        title, title_line = first, lines[position].index
        position += 1
        if first.endswith(".") and _count(_WORD, first, 13) > 12:
            notes.append(
                Note(NoteCode.TITLE_GUESSED, f"the first line was taken as title: {first!r}")
            )
        if _MOJIBAKE.search(first):
            notes.append(Note(NoteCode.MOJIBAKE_IN_TITLE, "the title still looks like mojibake"))

    summary: str | None = None
    label = ""
    if title is not None:
        stop = position + _MAX_LINES_BELOW
        while position < min(stop, len(lines)):
            text = lines[position].text.strip()
            fields = read_metadata_line(text) if parse else None
            if fields is not None:
                metadata_lines.append(fields)
            elif summary is None and (dek := read_summary(text)) is not None:
                summary = dek
                label = _LABEL_WORDS.sub("", text[: len(text) - len(dek)]).strip()
            else:
                break
            position += 1
    # Everything before ``position`` is head: metadata above the title, title, metadata, dek.
    taken = frozenset(line.index for line in lines[:position])
    # Only the first spans, those that hold the head's lines, can lose one: each line of the
    # spans is a different line of the text.
    head_spans = held = 0
    while held < position:
        held += len(spans[head_spans].lines)
        head_spans += 1

    site_name = split_site_suffix(title) if title is not None and parse else None
    if site_name is not None:
        notes.append(
            Note(NoteCode.SITE_SUFFIX, f"the title may end with a site name: {site_name!r}")
        )
    metadata = (
        merge_metadata(metadata_lines, tags=_tags_from(removed), site_name=site_name)
        if parse
        else Metadata()
    )
    if label:
        # The words of a dek label ("TL;DR:") are kept, so that no input word is lost.
        metadata = replace(
            metadata, extra=MappingProxyType({**metadata.extra, "summary_label": label})
        )
    return Head(
        title,
        summary,
        metadata,
        drop_lines(spans[:head_spans], taken) + tuple(spans[head_spans:]),
        title_line=title_line,
        notes=tuple(notes),
    )
