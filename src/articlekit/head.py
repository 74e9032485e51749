"""Stage 3b: read the head of the article: title, summary (dek) and metadata lines.

Placeholder rules: the first line is the title.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from articlekit.lines import Span
from articlekit.model import Metadata, Note, Removed
from articlekit.options import Options

__all__ = ["Head", "read_head"]


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


def read_head(spans: Sequence[Span], options: Options) -> Head:
    """Return the head of the article read from the first spans."""
    if not spans:
        return Head(None, None, Metadata(), ())
    first = spans[0]
    title = first.lines[0].text.strip()
    rest = first.lines[1:]
    body = (
        (Span(rest, blank_before=False, blank_after=first.blank_after),) if rest else ()
    ) + tuple(spans[1:])
    return Head(title, None, Metadata(), body, title_line=first.lines[0].index)
