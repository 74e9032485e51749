"""Stage 4: turn spans into typed blocks (heading, paragraph, list item, quote, code).

Placeholder rules: every line is a paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence

from articlekit.lines import Span
from articlekit.model import Block, BlockKind
from articlekit.options import Options

__all__ = ["classify_spans"]


def classify_spans(
    spans: Sequence[Span],
    options: Options,
    *,
    heading_lines: frozenset[int] = frozenset(),
    title: str | None = None,
) -> tuple[Block, ...]:
    """Return the blocks of the body, in reading order, with heading levels set (2 and deeper)."""
    blocks: list[Block] = []
    for span in spans:
        for line in span.lines:
            text = line.text.strip()
            if text:
                blocks.append(
                    Block(
                        BlockKind.PARAGRAPH,
                        text,
                        line=line.number,
                        end_line=line.number,
                        start=line.start,
                        end=line.end,
                    )
                )
    return tuple(blocks)
