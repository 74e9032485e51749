"""Stage 3a: leave out the page's boilerplate lines (table of contents, ads, share lines…).

Placeholder rules: nothing is removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from articlekit.lines import Span
from articlekit.model import Removed
from articlekit.options import Options

__all__ = ["Cleanup", "remove_boilerplate"]


@dataclass(frozen=True, slots=True)
class Cleanup:
    """The spans left after boilerplate removal, and what was removed."""

    spans: tuple[Span, ...]
    """The remaining spans, in order (a span may have lost some of its lines)."""
    removed: tuple[Removed, ...]
    """The lines left out, with reasons."""
    heading_lines: frozenset[int] = frozenset()
    """0-based indices of lines that a removed table of contents named: likely headings."""


def remove_boilerplate(spans: Sequence[Span], options: Options) -> Cleanup:
    """Return the spans without boilerplate lines, and the removed lines with reasons."""
    return Cleanup(tuple(spans), ())
