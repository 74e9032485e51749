"""Stage 5: nested sections and the table of contents, from the levelled headings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter

import regex

from articlekit.model import Block, BlockKind, Section, TocEntry

__all__ = ["build_sections", "build_toc", "slugify", "unique_slugs"]

# GitHub's rule: keep letters, marks, numbers, connector punctuation, hyphens and spaces.
_NOT_SLUG = regex.compile(r"[^\p{L}\p{M}\p{N}\p{Pc}\- ]+")


def slugify(text: str) -> str:
    """Return a GitHub-style slug: lower case, punctuation dropped, spaces to hyphens.

    >>> slugify("Why Measure? (Part 2)")
    'why-measure-part-2'
    >>> slugify("Café & Crème")
    'café--crème'
    """
    slug: str = text.strip().lower()
    # An ASCII slug of letters, digits and spaces keeps every character (most headings).
    if not (slug.isascii() and slug.replace(" ", "").isalnum()):
        slug = _NOT_SLUG.sub("", slug)
    return slug.replace(" ", "-")


# The texts of the last call to ``unique_slugs`` and their slugs.
_last_slugs: tuple[tuple[str, ...], tuple[str, ...]] | None = None


def unique_slugs(texts: Sequence[str]) -> tuple[str, ...]:
    """Return one slug per text, made unique GitHub-style by adding ``-1``, ``-2``….

    >>> unique_slugs(["Setup", "Setup", "Setup-1"])
    ('setup', 'setup-1', 'setup-1-1')
    """
    global _last_slugs
    key = tuple(texts)
    # ``build_sections`` and ``build_toc`` ask for the slugs of the same headings in a row.
    last = _last_slugs
    if last is not None and last[0] == key:
        return last[1]
    slugs = _unique_slugs(key)
    _last_slugs = (key, slugs)
    return slugs


def _unique_slugs(texts: Sequence[str]) -> tuple[str, ...]:
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
    heading: Block
    level: int
    anchor: str
    blocks: Sequence[Block]
    children: list[Section] = field(default_factory=list)

    def close(self) -> Section:
        return Section(self.heading, tuple(self.blocks), tuple(self.children), self.anchor)


def _heading_level(block: Block) -> int:
    return block.level if block.level is not None else 2


_KIND = attrgetter("kind")


def _headings(blocks: Sequence[Block]) -> list[int]:
    """The positions of the headings in ``blocks``."""
    heading = BlockKind.HEADING
    return [position for position, kind in enumerate(map(_KIND, blocks)) if kind is heading]


def build_sections(blocks: Sequence[Block]) -> tuple[Section, ...]:
    """Return the section tree: a lead section for blocks before the first heading, then one
    section per heading, nested by level. Every block is in exactly one section, in order.

    >>> from articlekit.model import Block, BlockKind
    >>> blocks = [Block(BlockKind.PARAGRAPH, "Lead."), Block(BlockKind.HEADING, "Setup", 2),
    ...           Block(BlockKind.HEADING, "Install", 3), Block(BlockKind.PARAGRAPH, "Run it.")]
    >>> [(s.anchor, [c.anchor for c in s.children]) for s in build_sections(blocks)]
    [(None, []), ('setup', ['install'])]
    """
    positions = _headings(blocks)
    anchors = unique_slugs([blocks[position].text for position in positions])
    roots: list[Section] = []
    # The blocks before the first heading make the lead section, a root of its own.
    lead = blocks[: positions[0]] if positions else blocks
    if lead:
        roots.append(Section(None, tuple(lead), (), None))
    stack: list[_Open] = []
    # The blocks under a heading run up to the next heading.
    ends = [*positions[1:], len(blocks)][: len(positions)]
    for position, end, anchor in zip(positions, ends, anchors, strict=True):
        heading = blocks[position]
        level = _heading_level(heading)
        _close_sections(stack, roots, level)
        stack.append(_Open(heading, level, anchor, blocks[position + 1 : end]))
    _close_sections(stack, roots, 0)
    return tuple(roots)


def _close_sections(stack: list[_Open], roots: list[Section], level: int) -> None:
    """Close the open sections of ``level`` or deeper, each into its parent (or ``roots``)."""
    while stack and stack[-1].level >= level:
        done = stack.pop().close()
        (stack[-1].children if stack else roots).append(done)


def build_toc(blocks: Sequence[Block]) -> tuple[TocEntry, ...]:
    """Return the nested table of contents; every entry points at a heading in ``blocks``.

    >>> from articlekit.model import Block, BlockKind
    >>> blocks = [Block(BlockKind.HEADING, "Setup", 2), Block(BlockKind.HEADING, "Install", 3),
    ...           Block(BlockKind.HEADING, "Setup", 2)]
    >>> [(e.anchor, e.block_index, len(e.children)) for e in build_toc(blocks)]
    [('setup', 0, 1), ('setup-1', 2, 0)]
    """
    positions = _headings(blocks)
    anchors = unique_slugs([blocks[position].text for position in positions])
    roots: list[TocEntry] = []
    # The open entries: heading position, level, anchor, and the entries nested so far.
    stack: list[tuple[int, int, str, list[TocEntry]]] = []

    def close_to(level: int) -> None:
        while stack and stack[-1][1] >= level:
            index, done_level, anchor, children = stack.pop()
            entry = TocEntry(blocks[index].text, done_level, anchor, index, tuple(children))
            (stack[-1][3] if stack else roots).append(entry)

    for position, anchor in zip(positions, anchors, strict=True):
        level = _heading_level(blocks[position])
        close_to(level)
        stack.append((position, level, anchor, []))
    close_to(0)
    return tuple(roots)
