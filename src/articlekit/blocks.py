"""Stage 2: cut the lines into spans (runs of non-blank lines), and find code before repair.

Placeholder rules: a span is a run of non-blank lines; nothing is code.
"""

from __future__ import annotations

from collections.abc import Sequence

from articlekit.lines import Line, Span

__all__ = ["find_code_lines", "split_spans"]


def find_code_lines(lines: Sequence[Line]) -> frozenset[int]:
    """Return the indices of lines that are code, which the repair stage must leave alone."""
    return frozenset()


def split_spans(lines: Sequence[Line]) -> tuple[Span, ...]:
    """Return the runs of non-blank lines, noting blank lines around each."""
    spans: list[Span] = []
    run: list[Line] = []
    for line in lines:
        if line.is_blank:
            if run:
                spans.append(Span(tuple(run)))
                run = []
        else:
            run.append(line)
    if run:
        spans.append(Span(tuple(run)))
    return tuple(spans)
