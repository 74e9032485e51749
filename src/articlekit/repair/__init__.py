"""Stage 1: repair scraping artifacts line by line, logging every change in input coordinates.

Repairs never add or remove a line break, so line *n* of the repaired text is line *n* of the
input, and every ``Repair`` points into the input (``start``/``end``) exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from articlekit.lines import Line
from articlekit.model import Repair
from articlekit.options import Options

__all__ = ["REPAIRS", "RepairResult", "apply_repairs", "repair_lines"]

#: Names of the repairs, in the order they run; ``Options.skip_repairs`` takes these names.
REPAIRS: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RepairResult:
    """The repaired lines and the log of what changed."""

    lines: tuple[Line, ...]
    """The input's lines with repaired text (offsets still those of the input)."""
    repairs: tuple[Repair, ...]
    """Every change, sorted by input offset, non-overlapping."""


def repair_lines(
    lines: Sequence[Line], options: Options, protected: Iterable[int] = ()
) -> RepairResult:
    """Return ``lines`` repaired, skipping line indices in ``protected`` (code)."""
    return RepairResult(tuple(lines), ())


def apply_repairs(source: str, repairs: Iterable[Repair]) -> str:
    """Return ``source`` with every repair applied: replaying the log gives the repaired text.

    >>> from articlekit.model import Repair, RepairKind
    >>> log = [Repair(RepairKind.HTML_ENTITY, 1, 3, 3, 9, "&nbsp;", " ")]
    >>> apply_repairs("one&nbsp;two", log)
    'one two'
    """
    pieces: list[str] = []
    position = 0
    for repair in sorted(repairs, key=lambda r: r.start):
        if repair.start < position or source[repair.start : repair.end] != repair.before:
            raise ValueError(f"repair does not fit the source at offset {repair.start}: {repair!r}")
        pieces.append(source[position : repair.start])
        pieces.append(repair.after)
        position = repair.end
    pieces.append(source[position:])
    return "".join(pieces)
