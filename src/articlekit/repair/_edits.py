"""Edits and their composition: how several passes over one line become one log in input offsets.

Every repair finds ``Edit`` objects on the text it is given. ``EditTrail`` carries the edits of
successive passes back to the coordinates of the original line, merging edits whose text overlaps
(an entity-escaped tag, mojibake inside link residue) into one region. Merge rule: the region's
kind is the most significant kind among its steps (``KIND_RANK``), and its detail lists every step
in the order it ran, ``"; "``-separated.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import NamedTuple

from articlekit.model import RepairKind

__all__ = ["KIND_RANK", "Edit", "EditTrail", "Region", "apply_edits"]

#: Merge rule: when passes touch overlapping text, the region takes the kind ranked first here.
#: Markup repairs remove words, so they say most about what happened; then encoding, then
#: single characters.
KIND_RANK: tuple[RepairKind, ...] = (
    RepairKind.LINK_MARKUP_RESIDUE,
    RepairKind.LITERAL_LINK_TAG,
    RepairKind.STRAY_TAG,
    RepairKind.MOJIBAKE,
    RepairKind.HTML_ENTITY,
    RepairKind.INVISIBLE_CHARACTER,
    RepairKind.WHITESPACE,
)
_RANK = {kind: rank for rank, kind in enumerate(KIND_RANK)}


class Edit(NamedTuple):
    """One replacement a repair wants: ``text[start:end]`` becomes ``after``.

    A named tuple, which is quicker to make than a frozen dataclass: the finders make one per
    change they want.
    """

    start: int
    """Offset where the replaced text starts."""
    end: int
    """Offset just past the replaced text."""
    after: str
    """The replacement."""
    kind: RepairKind
    """What kind of repair this is."""
    detail: str = ""
    """What was found (the entity, the tag, ftfy's plan)."""


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Return ``text`` with ``edits`` (sorted, non-overlapping) applied.

    >>> apply_edits("a&amp;b", [Edit(1, 6, "&", RepairKind.HTML_ENTITY)])
    'a&b'
    """
    if len(edits) == 1:  # (the usual case)
        start, end, after, _, _ = edits[0]
        return text[:start] + after + text[end:]
    pieces: list[str] = []
    position = 0
    for start, end, after, _, _ in edits:
        pieces.append(text[position:start])
        pieces.append(after)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


class Region(NamedTuple):
    """A changed region: ``original[source_start:source_end]`` is now ``current[start:end]``."""

    source_start: int
    source_end: int
    start: int
    end: int
    kind: RepairKind
    steps: list[str]


def _overlaps(region: Region, start: int, end: int) -> bool:
    """Return whether ``region`` and the edit of ``current[start:end]`` touch the same text."""
    if region.start < end and start < region.end:
        return True
    if region.start == region.end:  # a deletion strictly inside the edit
        return start < region.start < end
    if start == end:  # an insertion strictly inside the region
        return region.start < start < region.end
    return False


class EditTrail:
    """The changes made so far to one line, in the coordinates of the original line."""

    __slots__ = ("current", "original", "regions")

    def __init__(self, original: str) -> None:
        self.original = original
        self.current = original
        self.regions: list[Region] = []

    def apply(self, edits: Sequence[Edit], step: str) -> None:
        """Apply ``edits`` (sorted, non-overlapping, on ``current``), recording ``step`` names.

        Edits and earlier regions that overlap form one cluster (two edits can be joined by
        one region between them) and become one region.
        """
        if not edits:
            return
        old = self.regions
        if not old and (
            len(edits) == 1 or all(a.end <= b.start for a, b in itertools.pairwise(edits))
        ):
            # The first pass over the line, its edits apart (the usual case): each edit is its
            # own region, and the line's offsets are still the original's.
            self.regions = _first_regions(edits, step)
            self.current = apply_edits(self.current, edits)
            return
        merged: list[Region] = []
        shift = 0  # length change so far in this pass (new current minus old current)
        anchor, anchor_source = 0, 0  # the last boundary where current and source offsets agree
        i = k = 0
        while k < len(edits):
            edit = edits[k]
            # Regions wholly before the edit keep their place, moved by the shift so far.
            while (
                i < len(old)
                and old[i].end <= edit.start
                and not _overlaps(old[i], edit.start, edit.end)
            ):
                merged.append(_moved(old[i], shift))
                anchor, anchor_source = old[i].end, old[i].source_end
                i += 1
            start, end = edit.start, edit.end
            source_start = anchor_source + (start - anchor)
            kind = edit.kind
            steps: list[str] = []
            cluster = [edit]
            grown = True
            while grown:
                grown = False
                while i < len(old) and _overlaps(old[i], start, end):
                    region = old[i]
                    if region.start < start:
                        start, source_start = region.start, region.source_start
                    end = max(end, region.end)
                    anchor, anchor_source = region.end, region.source_end
                    if _RANK[region.kind] < _RANK[kind]:
                        kind = region.kind
                    steps.extend(region.steps)
                    i += 1
                    grown = True
                while k + 1 < len(edits) and edits[k + 1].start < end:
                    k += 1
                    cluster.append(edits[k])
                    end = max(end, edits[k].end)
                    if _RANK[edits[k].kind] < _RANK[kind]:
                        kind = edits[k].kind
                    grown = True
            k += 1
            source_end = anchor_source + (end - anchor)
            steps.extend(f"{step}: {e.detail}" if e.detail else step for e in cluster)
            growth = sum(len(e.after) - (e.end - e.start) for e in cluster)
            merged.append(
                Region(source_start, source_end, start + shift, end + shift + growth, kind, steps)
            )
            shift += growth
        merged.extend(_moved(region, shift) for region in old[i:])
        self.current = apply_edits(self.current, edits)
        self.regions = merged


def _first_regions(edits: Sequence[Edit], step: str) -> list[Region]:
    regions: list[Region] = []
    shift = 0
    for start, end, after, kind, detail in edits:
        growth = len(after) - (end - start)
        steps = [f"{step}: {detail}" if detail else step]
        regions.append(Region(start, end, start + shift, end + shift + growth, kind, steps))
        shift += growth
    return regions


def _moved(region: Region, shift: int) -> Region:
    if not shift:
        return region
    return Region(
        region.source_start,
        region.source_end,
        region.start + shift,
        region.end + shift,
        region.kind,
        region.steps,
    )
