"""Lines and spans: the input cut into pieces that carry their offsets, never copies without them.

A ``Line`` is one line of the input without its line break; a ``Span`` is a run of non-blank
lines that may form one block (or, in one-block-per-line text, several). Every later stage works
on these, so that any block can say where in the input it came from.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Line", "Span", "join_lines", "split_lines"]

# Line breaks: CRLF, LF, CR, and the Unicode line and paragraph separators. Not U+0085 (NEL):
# in scraped text it is nearly always a cp1252 "…" decoded as Latin-1, i.e. mojibake.
_LINE_BREAK = re.compile("\r\n|[\n\r\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the input, with its place in it."""

    index: int
    """0-based line index."""
    start: int
    """Offset of the line's first character in the input."""
    end: int
    """Offset just past the line's last character (its line break excluded)."""
    text: str
    """The line's text (after the repair stage, the repaired text)."""
    newline: str = ""
    """The line break that ended the line in the input ("" for the last line)."""

    @property
    def number(self) -> int:
        """1-based line number."""
        return self.index + 1

    @property
    def is_blank(self) -> bool:
        """True when the line holds only whitespace."""
        return not self.text.strip()

    def with_text(self, text: str) -> Line:
        """Return the same line with other text (its offsets still point into the input)."""
        return _new_line(self.index, self.start, self.end, text, self.newline)


# The setters of ``Line``'s slots, in the order of its fields, for ``_new_line``.
_SET_INDEX, _SET_START, _SET_END, _SET_TEXT, _SET_NEWLINE = (
    getattr(Line, field.name).__set__ for field in dataclasses.fields(Line)
)


def _new_line(index: int, start: int, end: int, text: str, newline: str) -> Line:
    """Return ``Line(index, start, end, text, newline)``, made without the dataclass's
    ``__init__``, which sets each field through ``object.__setattr__`` (the class is frozen)
    at twice the cost: every line of every input is made here. ``Line`` has no
    ``__post_init__`` (``test_new_line_is_a_line`` checks this).
    """
    line: Line = object.__new__(Line)
    _SET_INDEX(line, index)
    _SET_START(line, start)
    _SET_END(line, end)
    _SET_TEXT(line, text)
    _SET_NEWLINE(line, newline)
    return line


@dataclass(frozen=True, slots=True)
class Span:
    """A run of consecutive non-blank lines, with the blank lines around it noted."""

    lines: tuple[Line, ...]
    """The lines, in order; never empty."""
    blank_before: bool = True
    """True when a blank line (or the start of the text) precedes the span."""
    blank_after: bool = True
    """True when a blank line (or the end of the text) follows the span."""

    @property
    def start(self) -> int:
        """Offset of the span's first character in the input."""
        return self.lines[0].start

    @property
    def end(self) -> int:
        """Offset just past the span's last character."""
        return self.lines[-1].end

    @property
    def first_line(self) -> int:
        """1-based number of the first line."""
        return self.lines[0].number

    @property
    def last_line(self) -> int:
        """1-based number of the last line."""
        return self.lines[-1].number

    @property
    def text(self) -> str:
        """The lines' texts joined by newlines, each stripped of trailing whitespace."""
        return "\n".join(line.text.rstrip() for line in self.lines)


def split_lines(text: str) -> tuple[Line, ...]:
    """Return the lines of ``text`` with their offsets; CRLF, CR, LF, U+2028/9 all end a line.

    >>> [(line.start, line.end, line.text) for line in split_lines("a\\r\\nbc\\n")]
    [(0, 1, 'a'), (3, 5, 'bc'), (6, 6, '')]
    """
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text:
        # The usual case, LF only: str.split finds the breaks without a regex match object each.
        pieces = text.split("\n")
        last = pieces.pop()
        lines: list[Line] = []
        position = 0
        for index, piece in enumerate(pieces):
            end = position + len(piece)
            lines.append(_new_line(index, position, end, piece, "\n"))
            position = end + 1
        lines.append(_new_line(len(lines), position, len(text), last, ""))
        return tuple(lines)
    lines = []
    position = 0
    for index, match in enumerate(_LINE_BREAK.finditer(text)):
        lines.append(
            Line(index, position, match.start(), text[position : match.start()], match.group())
        )
        position = match.end()
    lines.append(Line(len(lines), position, len(text), text[position:], ""))
    return tuple(lines)


def join_lines(lines: Sequence[Line]) -> str:
    """Return the text the lines make, with their original line breaks.

    >>> join_lines(split_lines("a\\r\\nb"))
    'a\\r\\nb'
    """
    return "".join(line.text + line.newline for line in lines)
