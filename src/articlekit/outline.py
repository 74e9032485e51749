"""Stage 5: nested sections and the table of contents, from the levelled headings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from articlekit.model import Block, BlockKind, Section, TocEntry

__all__ = ["build_sections", "build_toc", "slugify", "unique_slugs"]

# Read once: an Enum member read from its class goes through the metaclass, once per block.
_HEADING = BlockKind.HEADING
# GitHub's rule: keep letters, marks, numbers, connector punctuation, hyphens and spaces.
_NOT_SLUG = regex.compile(r"[^\p{L}\p{M}\p{N}\p{Pc}\- ]+")


def slugify(text: str) -> str:
    """Return a GitHub-style slug: lower case, punctuation dropped, spaces to hyphens.

    >>> slugify("Why Measure? (Part 2)")
    'why-measure-part-2'
    >>> slugify("Café & Crème")
    'café--crème'
    """
    slug: str = _NOT_SLUG.sub("", text.strip().lower())
    return slug.replace(" ", "-")


def unique_slugs(texts: Sequence[str]) -> tuple[str, ...]:
    """Return one slug per text, made unique GitHub-style by adding ``-1``, ``-2``….

    >>> unique_slugs(["Setup", "Setup", "Setup-1"])
    ('setup', 'setup-1', 'setup-1-1')
    """
    seen: set[str] = set()
    # The last suffix tried per base slug: ten thousand equal headings take linear time.
    tried: dict[str, int] = {}
    out: list[str] = []
    for text in texts:
        base = slugify(text) or "section"
        slug, n = base, tried.get(base, 0)
        if n:
            slug = f"{base}-{n}"
        while slug in seen:
            n += 1
            slug = f"{base}-{n}"
        tried[base] = n
        seen.add(slug)
        out.append(slug)
    return tuple(out)


@dataclass(slots=True)
class _Open:
    heading: Block | None
    level: int
    anchor: str | None
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    def close(self) -> Section:
        return Section(self.heading, tuple(self.blocks), tuple(self.children), self.anchor)


def _heading_level(block: Block) -> int:
    return block.level if block.level is not None else 2


def build_sections(blocks: Sequence[Block]) -> tuple[Section, ...]:
    """Return the section tree: a lead section for blocks before the first heading, then one
    section per heading, nested by level. Every block is in exactly one section, in order.

    >>> from articlekit.model import Block, BlockKind
    >>> blocks = [Block(BlockKind.PARAGRAPH, "Lead."), Block(BlockKind.HEADING, "Setup", 2),
    ...           Block(BlockKind.HEADING, "Install", 3), Block(BlockKind.PARAGRAPH, "Run it.")]
    >>> [(s.anchor, [c.anchor for c in s.children]) for s in build_sections(blocks)]
    [(None, []), ('setup', ['install'])]
    """
    headings = [b for b in blocks if b.kind is _HEADING]
    anchors = iter(unique_slugs([h.text for h in headings]))
    roots: list[Section] = []
    stack: list[_Open] = []

    def close_to(level: int) -> None:
        while stack and stack[-1].level >= level:
            done = stack.pop().close()
            (stack[-1].children if stack else roots).append(done)

    for block in blocks:
        if block.kind is _HEADING:
            level = _heading_level(block)
            close_to(level)
            if stack and stack[-1].heading is None:
                # The lead section (text before the first heading) is a root of its own.
                close_to(0)
            stack.append(_Open(block, level, next(anchors)))
        else:
            if not stack:
                stack.append(_Open(None, 1, None))
            stack[-1].blocks.append(block)
    close_to(0)
    return tuple(roots)


def build_toc(blocks: Sequence[Block]) -> tuple[TocEntry, ...]:
    """Return the nested table of contents; every entry points at a heading in ``blocks``.

    >>> from articlekit.model import Block, BlockKind
    >>> blocks = [Block(BlockKind.HEADING, "Setup", 2), Block(BlockKind.HEADING, "Install", 3),
    ...           Block(BlockKind.HEADING, "Setup", 2)]
    >>> [(e.anchor, e.block_index, len(e.children)) for e in build_toc(blocks)]
    [('setup', 0, 1), ('setup-1', 2, 0)]
    """
    indexed = [(i, b) for i, b in enumerate(blocks) if b.kind is _HEADING]
    anchors = unique_slugs([b.text for _, b in indexed])

    def build(position: int, parent_level: int) -> tuple[list[TocEntry], int]:
        entries: list[TocEntry] = []
        while position < len(indexed):
            index, block = indexed[position]
            level = _heading_level(block)
            if level <= parent_level:
                break
            children, after = build(position + 1, level)
            entries.append(TocEntry(block.text, level, anchors[position], index, tuple(children)))
            position = after
        return entries, position

    entries, _ = build(0, 0)
    return tuple(entries)
