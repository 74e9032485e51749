"""Plain-text and Markdown renderings of an ``Article``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from articlekit.model import BlockKind

if TYPE_CHECKING:
    from articlekit.model import Article

__all__ = ["render_markdown", "render_text"]


def render_markdown(article: Article) -> str:
    """Return the article as Markdown: title as ``#``, summary in italics, blocks in order."""
    parts: list[str] = []
    if article.title:
        parts.append(f"# {article.title}")
    if article.summary:
        parts.append(f"*{article.summary}*")
    previous_kind: BlockKind | None = None
    for block in article.blocks:
        if block.kind is BlockKind.HEADING:
            text = "#" * min(6, block.level or 2) + " " + block.text
        elif block.kind is BlockKind.LIST_ITEM:
            indent = "  " * (block.depth or 0)
            bullet = (block.marker or "1.") if block.ordered else "-"
            text = f"{indent}{bullet} {block.text}"
            if previous_kind is BlockKind.LIST_ITEM and parts:
                parts[-1] += "\n" + text
                previous_kind = block.kind
                continue
        elif block.kind is BlockKind.QUOTE:
            text = "\n".join("> " + line for line in block.text.splitlines())
            if block.attribution:
                text += "\n>\n> " + block.attribution
        elif block.kind is BlockKind.CODE:
            # The opening fence as written keeps its info string (```python).
            fence = block.marker if block.marker else "```"
            closing = fence[0] * (len(fence) - len(fence.lstrip(fence[0])))
            text = f"{fence}\n{block.text}\n{closing}"
        else:
            text = block.text
        parts.append(text)
        previous_kind = block.kind
    return "\n\n".join(parts) + "\n"


def render_text(article: Article) -> str:
    """Return the article as plain text: title, summary, then the body blocks."""
    head = [part for part in (article.title, article.summary) if part]
    return "\n\n".join([*head, article.text]) + "\n"
