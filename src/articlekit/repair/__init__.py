"""Stage 1: repair scraping artifacts line by line, logging every change in input coordinates.

Repairs never add or remove a line break, so line *n* of the repaired text is line *n* of the
input, and every ``Repair`` points into the input (``start``/``end``) exactly.

The repairs form an ordered registry, ``REPAIRS``; each is a small ``str -> str`` function in a
module of its family, backed by a ``find_*`` function that returns the edits it wants::

    unescape_entities            entities.py   &amp;rsquo;  -> ’
    fix_mojibake                 mojibake.py   â€™          -> ’
    remove_invisible_characters  invisible.py  zero-width space, soft hyphen, stray BOM, bidi
    normalize_spaces             invisible.py  no-break space -> space
    strip_link_tags              tags.py       <a href="…">anchor</a> -> anchor
    strip_stray_tags             tags.py       <strong>, <span style=…>, <br>, <p>
    strip_link_residue           residue.py    Title">Anchor - Review" rel="x">Anchor -> Anchor

The order matters: entities first (``&lt;strong&gt;`` is a tag once unescaped, link residue can
be escaped), then encoding and invisible characters (they hide inside attribute names), then
tags, and link residue last, when only the residue's own quotes and ``>`` are left. The chain
runs again on a line until nothing changes (at most three rounds), so repairs are idempotent.
``Options.skip_repairs`` switches repairs off by name. Where two repairs touch overlapping text,
their edits merge into one ``Repair`` (see ``articlekit.repair._edits``): the kind ranked first
in ``KIND_RANK``, and a detail listing every step.
"""

from __future__ import annotations

import dataclasses
import gc
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from articlekit.errors import OptionsError
from articlekit.lines import Line
from articlekit.model import Repair
from articlekit.options import Options
from articlekit.repair._edits import KIND_RANK, Edit, EditTrail
from articlekit.repair.entities import find_entities, unescape_entities
from articlekit.repair.invisible import (
    INVISIBLE_CLASS,
    find_invisible_characters,
    find_odd_spaces,
    normalize_spaces,
    remove_invisible_characters,
)
from articlekit.repair.mojibake import AFTER_LEAD, LEAD_CLASS, find_mojibake, fix_mojibake
from articlekit.repair.residue import find_link_residue, strip_link_residue
from articlekit.repair.tags import (
    find_link_tags,
    find_stray_tags,
    strip_link_tags,
    strip_stray_tags,
)

__all__ = [
    "KIND_RANK",
    "REPAIRS",
    "RepairResult",
    "apply_repairs",
    "fix_mojibake",
    "normalize_spaces",
    "remove_invisible_characters",
    "repair_line",
    "repair_lines",
    "repair_outside_code",
    "strip_link_residue",
    "strip_link_tags",
    "strip_stray_tags",
    "unescape_entities",
]

_FINDERS: MappingProxyType[str, Callable[[str], list[Edit]]] = MappingProxyType(
    {
        "unescape_entities": find_entities,
        "fix_mojibake": find_mojibake,
        "remove_invisible_characters": find_invisible_characters,
        "normalize_spaces": find_odd_spaces,
        "strip_link_tags": find_link_tags,
        "strip_stray_tags": find_stray_tags,
        "strip_link_residue": find_link_residue,
    }
)

#: Names of the repairs, in the order they run; ``Options.skip_repairs`` takes these names.
REPAIRS: tuple[str, ...] = tuple(_FINDERS)

_ROUNDS = 3
_SETTLE_ROUNDS = 4
_LINE_BREAK = re.compile("[\n\r\u2028\u2029]")
# What a repair starts from, besides link residue: "&" (entities), "<" (tags), the no-break space
# and the invisible characters, or a mojibake candidate (a lead character and what follows it).
# A line without any is never handed to the chain. One class of first characters, so that the
# regex engine skips ahead to the next one (it does not for an alternation of classes).
_TRIGGER = re.compile(
    f"[&<\u00a0{INVISIBLE_CLASS}{LEAD_CLASS}]"
    f"(?:(?<=[&<\u00a0{INVISIBLE_CLASS}])|(?<=[{LEAD_CLASS}]){AFTER_LEAD})"
)


@dataclass(frozen=True, slots=True)
class RepairResult:
    """The repaired lines and the log of what changed."""

    lines: tuple[Line, ...]
    """The input's lines with repaired text (offsets still those of the input)."""
    repairs: tuple[Repair, ...]
    """Every change, sorted by input offset, non-overlapping."""
    protected: frozenset[int] = frozenset()
    """Indices of the lines left alone as code."""


def _active(skip: Iterable[str]) -> tuple[tuple[str, Callable[[str], list[Edit]]], ...]:
    unknown = sorted(set(skip) - set(REPAIRS))
    if unknown:
        raise OptionsError(
            f"unknown repair name(s) in skip_repairs: {', '.join(unknown)}; "
            f"known: {', '.join(REPAIRS)}"
        )
    return tuple((name, finder) for name, finder in _FINDERS.items() if name not in skip)


def _may_need_repair(text: str) -> bool:
    # The hot path. Each finder finds nothing unless its trigger is in the line, and when no
    # finder finds anything the chain stops after one round: a line without a trigger stays as it
    # is. Link residue needs '">', '" >' or '"/>'; mojibake and invisible characters non-ASCII.
    if '"' in text and ('">' in text or '" >' in text or '"/>' in text):
        return True
    if text.isascii():
        return "&" in text or "<" in text
    return _TRIGGER.search(text) is not None


def _needing_repair(lines: Sequence[Line]) -> list[int]:
    # The positions of the lines that ``_may_need_repair`` lets pass.
    return [position for position, line in enumerate(lines) if _may_need_repair(line.text)]


def _repair_text(text: str, active: Sequence[tuple[str, Callable[[str], list[Edit]]]]) -> EditTrail:
    trail = EditTrail(text)
    for _ in range(_ROUNDS):
        changed = False
        for name, finder in active:
            # Repairs never add a line break (``&#10;``, mojibake of U+2028 stay as they are), so
            # line n of the output is line n of the input.
            edits = finder(trail.current)
            if edits and _LINE_BREAK.search("".join([edit.after for edit in edits])):
                edits = [edit for edit in edits if not _LINE_BREAK.search(edit.after)]
            if edits:
                trail.apply(edits, name)
                changed = True
        if not changed or not _may_need_repair(trail.current):
            break  # (without a trigger left, another round would find nothing)
    return trail


def repair_line(text: str, options: Options | None = None) -> tuple[str, tuple[Repair, ...]]:
    """Return one line repaired and its log (offsets within the line, line number 1).

    >>> text, log = repair_line("It&amp;rsquo;s <em>caf\\u00e9</em>")
    >>> text
    'It’s café'
    >>> [(r.kind.value, r.before, r.after) for r in log]
    [('html_entity', '&amp;rsquo;', '’'), ('stray_tag', '<em>', ''), ('stray_tag', '</em>', '')]
    """
    result = repair_lines([Line(0, 0, len(text), text)], options or Options())
    return result.lines[0].text, result.repairs


def repair_lines(
    lines: Sequence[Line], options: Options, protected: Iterable[int] = ()
) -> RepairResult:
    """Return ``lines`` repaired, skipping line indices in ``protected`` (code), with the log.

    Raises ``OptionsError`` when ``options.skip_repairs`` names a repair that does not exist.

    >>> from articlekit.lines import split_lines
    >>> result = repair_lines(split_lines("Caf&eacute;\\nx = a&amp;b"), Options(), {1})
    >>> [line.text for line in result.lines], [(r.line, r.start, r.after) for r in result.repairs]
    (['Café', 'x = a&amp;b'], [(1, 3, 'é')])
    """
    skip = frozenset(protected)
    return _assemble(lines, _repair_each(lines, _active(options.skip_repairs), skip), skip)


def repair_outside_code(
    lines: Sequence[Line],
    options: Options,
    find_code: Callable[[Sequence[Line]], frozenset[int]],
) -> RepairResult:
    """Return ``lines`` repaired everywhere but in code, where code is what ``find_code`` sees
    both in the input and in the repaired text.

    Code is looked for in the raw lines, so that a markup example is never "repaired". But a raw
    line can look like code only because of an artifact (``&ldquo;Yes,&rdquo; she said`` holds
    ``;``) or because of one on a neighbouring line; repaired, it reads as prose. Such a line is
    repaired too. Without this, repairing the output once more would change it again: the code
    lines are settled, so ``clean`` is idempotent.

    >>> from articlekit.lines import split_lines
    >>> def statements(lines):
    ...     return frozenset(line.index for line in lines if ";" in line.text)
    >>> text = "&ldquo;Quite so,&rdquo; he said.\\nx = a &lt; b;"
    >>> result = repair_outside_code(split_lines(text), Options(), statements)
    >>> [line.text for line in result.lines]
    ['“Quite so,” he said.', 'x = a &lt; b;']
    """
    code = find_code(lines)
    # Each line's repair does not depend on which other lines are code: it is worked out once,
    # and every settling round only chooses which lines keep it.
    repaired = _repair_each(lines, _active(options.skip_repairs), frozenset())
    result = _assemble(lines, repaired, frozenset())
    if not code:
        return result
    if not result.repairs:
        # Nothing to repair anywhere: the text is its own repair, so the code found stands.
        return dataclasses.replace(result, protected=code)
    # Each round keeps the lines that are still code in the text repaired around them; the set
    # only shrinks, so this settles (bounded: hostile text gets the last round's answer).
    for _ in range(_SETTLE_ROUNDS):
        settled = code & find_code(result.lines)
        if settled == result.protected:
            break
        code = settled
        result = _assemble(lines, repaired, settled)
    return result


def _repair_each(
    lines: Sequence[Line],
    active: Sequence[tuple[str, Callable[[str], list[Edit]]]],
    skip: frozenset[int],
) -> dict[int, tuple[Line, list[Repair]]]:
    """Return, by position in ``lines``, each changed line (not in ``skip``) and its repairs."""
    changed: dict[int, tuple[Line, list[Repair]]] = {}
    if not active:
        return changed
    # A hostile line can carry hundreds of thousands of repairs, each a few small objects; the
    # cycle collector would rescan them all again and again (superlinear time) although repairs
    # make no reference cycles, so it pauses while the stage runs (and only if it was on).
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        for position in _needing_repair(lines):
            line = lines[position]
            if line.index in skip:
                continue
            trail = _repair_text(line.text, active)
            if trail.current == line.text and not trail.regions:
                continue
            changed[position] = (_repaired_line(line, trail), _line_repairs(line, trail))
    finally:
        if collecting:
            gc.enable()
    return changed


def _repaired_line(line: Line, trail: EditTrail) -> Line:
    return line.with_text(trail.current) if trail.current != line.text else line


def _line_repairs(line: Line, trail: EditTrail) -> list[Repair]:
    text, current, number, offset = line.text, trail.current, line.number, line.start
    repairs: list[Repair] = []
    for region in trail.regions:
        source_start, source_end = region.source_start, region.source_end
        before = text[source_start:source_end]
        after = current[region.start : region.end]
        if before != after:
            # (kind, line, column, start, end, before, after, detail), positionally: a log of a
            # hostile line holds hundreds of thousands.
            repairs.append(
                Repair(
                    region.kind,
                    number,
                    source_start,
                    offset + source_start,
                    offset + source_end,
                    before,
                    after,
                    "; ".join(region.steps),
                )
            )
    return repairs


def _assemble(
    lines: Sequence[Line], changed: dict[int, tuple[Line, list[Repair]]], skip: frozenset[int]
) -> RepairResult:
    """Return the result with the changed lines' repairs, except on the lines in ``skip``."""
    out = list(lines)
    repairs: list[Repair] = []
    for position in sorted(changed):
        if lines[position].index in skip:
            continue
        out[position], found = changed[position]
        repairs.extend(found)
    return RepairResult(tuple(out), tuple(repairs), skip)


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
