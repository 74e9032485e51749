"""The typed result of ``articlekit.parse``: frozen, slotted dataclasses with tuples inside.

Every type has ``to_dict()`` returning plain JSON-ready data; ``Article.from_dict`` reads it back.
The JSON schema of ``Article.to_dict()`` is documented in ``docs/schema.md`` and versioned by
``SCHEMA_VERSION``.
"""

from __future__ import annotations

import datetime as _dt
import enum
import json
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "Block",
    "BlockKind",
    "Explanation",
    "Metadata",
    "Note",
    "NoteCode",
    "ReadingTime",
    "RemovalReason",
    "Removed",
    "Repair",
    "RepairKind",
    "Section",
    "TocEntry",
]

#: Version of the ``to_dict()`` layout; bumped on any incompatible change.
SCHEMA_VERSION = "1.0"

if sys.version_info >= (3, 11):
    from enum import StrEnum
else:  # pragma: no cover - exercised on Python 3.10 only

    class StrEnum(str, enum.Enum):
        """``enum.StrEnum`` for Python 3.10: members are strings and ``str()`` gives the value."""

        def __str__(self) -> str:
            return str(self.value)


class BlockKind(StrEnum):
    """What a block of the article body is."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    CODE = "code"


class RepairKind(StrEnum):
    """The closed vocabulary of repairs; every ``Repair`` has one of these kinds."""

    LINK_MARKUP_RESIDUE = "link_markup_residue"
    """Attribute residue of a link cut apart by naive tag stripping (``Title">Anchor``)."""
    LITERAL_LINK_TAG = "literal_link_tag"
    """A literal ``<a href="…">`` / ``</a>`` left in the text; the anchor text is kept."""
    STRAY_TAG = "stray_tag"
    """An inline tag such as ``<strong>``, ``<span style="…">``, ``<br>``, ``<p>``."""
    HTML_ENTITY = "html_entity"
    """An escaped entity, possibly escaped twice (``&amp;rsquo;``)."""
    MOJIBAKE = "mojibake"
    """UTF-8 decoded as another encoding (``â€™`` for ``’``), reversed with ftfy."""
    INVISIBLE_CHARACTER = "invisible_character"
    """A zero-width space, soft hyphen, stray BOM or unbalanced bidi control."""
    WHITESPACE = "whitespace"
    """A non-breaking or other odd space turned into a plain space."""


class RemovalReason(StrEnum):
    """Why a line was left out of the article body."""

    TABLE_OF_CONTENTS = "table_of_contents"
    ADVERTISEMENT = "advertisement"
    SHARE = "share"
    NEWSLETTER = "newsletter"
    READ_MORE = "read_more"
    RELATED = "related"
    TAGS = "tags"
    FOOTER = "footer"
    COMMENTS = "comments"
    NAVIGATION = "navigation"
    DUPLICATE_TITLE = "duplicate_title"
    EMPTY = "empty"
    """A line with nothing left after repair (for example only markup)."""


class NoteCode(StrEnum):
    """The kinds of soft problem recorded in ``Article.notes``."""

    TITLE_GUESSED = "title_guessed"
    NO_TITLE = "no_title"
    NO_HEADINGS = "no_headings"
    DECODED_WITH_FALLBACK = "decoded_with_fallback"
    MOJIBAKE_IN_TITLE = "mojibake_in_title"
    SITE_SUFFIX = "site_suffix"
    HARD_WRAPPED = "hard_wrapped"
    CONTROL_CHARACTERS = "control_characters"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Note:
    """A soft problem met while parsing: the article is usable, but look here."""

    code: NoteCode
    """What kind of problem it is."""
    message: str
    """A sentence for a person."""

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"code": ..., "message": ...}``."""
        return {"code": str(self.code), "message": self.message}

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a block was classified as it was: the features looked at and the score they gave."""

    score: float
    """The classifier's score for the chosen kind (higher is surer); 0.0 where no score applies."""
    features: tuple[tuple[str, float], ...] = ()
    """(feature name, value) pairs that contributed to the score, in the order they were used."""
    reason: str = ""
    """One line for a person, e.g. ``"numbered heading 2.1 (depth 2)"``."""

    def to_dict(self) -> dict[str, Any]:
        """Return the explanation as plain data."""
        return {
            "score": self.score,
            "features": dict(self.features),
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the article body, in reading order."""

    kind: BlockKind
    """heading, paragraph, list_item, quote or code."""
    text: str
    """The clean text: repaired, list markers and quote markers removed, wrapped lines joined."""
    level: int | None = None
    """Heading level, 2 for the top body level (the title is level 1); ``None`` for other kinds."""
    line: int = 0
    """1-based line of the input where the block starts."""
    end_line: int = 0
    """1-based line of the input where the block ends (inclusive)."""
    start: int = 0
    """Character offset in the input where the block starts."""
    end: int = 0
    """Character offset in the input just past the block's end."""
    ordered: bool | None = None
    """For list items: ``True`` in a numbered list, ``False`` in a bulleted one."""
    marker: str | None = None
    """Marker as written: list items, numbered headings (``"2."``), code fences (``"```js"``)."""
    depth: int | None = None
    """For list items: nesting depth, 0 for the outermost list."""
    attribution: str | None = None
    """For quotes: the attribution line (``"— Name"``) when the text gives one."""
    explanation: Explanation | None = None
    """Why the block got its kind; set when parsing with ``explain=True``."""

    def to_dict(self) -> dict[str, Any]:
        """Return the block as plain data; ``None`` fields are left out except ``level``."""
        out: dict[str, Any] = {"kind": str(self.kind), "text": self.text, "level": self.level}
        out.update(line=self.line, end_line=self.end_line, start=self.start, end=self.end)
        for name in ("ordered", "marker", "depth", "attribution"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.explanation is not None:
            out["explanation"] = self.explanation.to_dict()
        return out


@dataclass(frozen=True, slots=True)
class Section:
    """A heading with the blocks under it and the sections nested below it."""

    heading: Block | None
    """The heading that opens the section; ``None`` for the blocks before the first heading."""
    blocks: tuple[Block, ...] = ()
    """The non-heading blocks directly under the heading, before any child section."""
    children: tuple[Section, ...] = ()
    """Sections under deeper headings."""
    anchor: str | None = None
    """The heading's unique slug (the same as its ``TocEntry.anchor``)."""

    @property
    def level(self) -> int:
        """The heading's level, or 1 for the lead section without a heading."""
        if self.heading is None or self.heading.level is None:
            return 1
        return self.heading.level

    def walk(self) -> Iterator[Section]:
        """Yield this section and every section below it, depth first, in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def to_dict(self) -> dict[str, Any]:
        """Return the section tree as plain data."""
        return {
            "heading": None if self.heading is None else self.heading.text,
            "level": self.level,
            "anchor": self.anchor,
            "blocks": [block.to_dict() for block in self.blocks],
            "children": [child.to_dict() for child in self.children],
        }


@dataclass(frozen=True, slots=True)
class TocEntry:
    """One entry of the table of contents, pointing at a heading of the article."""

    title: str
    """The heading's text."""
    level: int
    """The heading's level (2 for top-level body headings)."""
    anchor: str
    """A GitHub-style slug, unique in the article (``-1``, ``-2`` added on repeats)."""
    block_index: int = -1
    """Index of the heading in ``Article.blocks``."""
    children: tuple[TocEntry, ...] = ()
    """Entries of the headings nested under this one."""

    def walk(self) -> Iterator[TocEntry]:
        """Yield this entry and every entry below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def to_dict(self) -> dict[str, Any]:
        """Return the entry and its children as plain data."""
        return {
            "title": self.title,
            "level": self.level,
            "anchor": self.anchor,
            "block_index": self.block_index,
            "children": [child.to_dict() for child in self.children],
        }


@dataclass(frozen=True, slots=True)
class ReadingTime:
    """An estimate of how long the article takes to read silently."""

    words: int
    """Words of alphabetic text (title excluded, headings and body included)."""
    minutes: float
    """Estimated minutes, unrounded."""
    wpm: int
    """Words per minute used for alphabetic text."""
    cjk_characters: int = 0
    """Han, Kana and Hangul characters, which are counted by character, not by word."""
    cjk_cpm: int = 0
    """Characters per minute used for the CJK characters (0 when there were none)."""
    code_lines: int = 0
    """Lines of code blocks, which add time per line (see ``docs/reading-time.md``)."""
    images: int = 0
    """Images the text marks (``![alt](…)``, ``[image: …]``); each adds time."""

    def __str__(self) -> str:
        return f"{max(1, round(self.minutes))} min read"

    def to_dict(self) -> dict[str, Any]:
        """Return the estimate as plain data, with ``display`` the same as ``str()``."""
        return {
            "words": self.words,
            "minutes": self.minutes,
            "wpm": self.wpm,
            "cjk_characters": self.cjk_characters,
            "cjk_cpm": self.cjk_cpm,
            "code_lines": self.code_lines,
            "images": self.images,
            "display": str(self),
        }


@dataclass(frozen=True, slots=True)
class Repair:
    """One change the repair stage made to the input, in input coordinates.

    Replaying every ``Repair`` of an article on its input (``articlekit.apply_repairs``)
    reproduces the repaired text exactly.
    """

    kind: RepairKind
    """What was repaired."""
    line: int
    """1-based line of the input."""
    column: int
    """0-based character column in that line where ``before`` starts."""
    start: int
    """Character offset in the input where ``before`` starts."""
    end: int
    """Character offset in the input just past ``before``."""
    before: str
    """The input text that was replaced (``input[start:end]``)."""
    after: str
    """What replaced it."""
    detail: str = ""
    """More about the change: the entity, ftfy's explanation, the tag name."""

    def to_dict(self) -> dict[str, Any]:
        """Return the repair as plain data."""
        return {
            "kind": str(self.kind),
            "line": self.line,
            "column": self.column,
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class Removed:
    """A line left out of the article body, and why."""

    text: str
    """The line as it was in the input (after repair), stripped."""
    reason: RemovalReason
    """Why it was left out."""
    line: int
    """1-based line of the input."""

    def to_dict(self) -> dict[str, Any]:
        """Return the removal as plain data."""
        return {"text": self.text, "reason": str(self.reason), "line": self.line}


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the metadata lines (bylines, dates, emoji info lines) said about the article."""

    published: _dt.date | None = None
    """Publication date."""
    updated: _dt.date | None = None
    """Last-updated date, when a line says so."""
    author: str | None = None
    """Author or authors as written."""
    category: str | None = None
    """Category or section."""
    views: int | None = None
    """View count."""
    comments: int | None = None
    """Comment count."""
    stated_reading_minutes: int | None = None
    """The reading time the page states (``8 min read``), distinct from our estimate."""
    site_name: str | None = None
    """A site name suspected in a title suffix (``Title | Site``); the title is kept whole."""
    tags: tuple[str, ...] = ()
    """Tags from a ``Tags:`` line."""
    lines: tuple[str, ...] = ()
    """The input lines the metadata was read from, as they were after repair."""
    extra: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Other fields found, by name."""

    def to_dict(self) -> dict[str, Any]:
        """Return the metadata as plain data (dates as ISO strings)."""
        return {
            "published": None if self.published is None else self.published.isoformat(),
            "updated": None if self.updated is None else self.updated.isoformat(),
            "author": self.author,
            "category": self.category,
            "views": self.views,
            "comments": self.comments,
            "stated_reading_minutes": self.stated_reading_minutes,
            "site_name": self.site_name,
            "tags": list(self.tags),
            "lines": list(self.lines),
            "extra": dict(self.extra),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Metadata:
        """Build ``Metadata`` from the output of ``to_dict``."""

        def date(value: Any) -> _dt.date | None:
            return None if value is None else _dt.date.fromisoformat(value)

        return cls(
            published=date(data.get("published")),
            updated=date(data.get("updated")),
            author=data.get("author"),
            category=data.get("category"),
            views=data.get("views"),
            comments=data.get("comments"),
            stated_reading_minutes=data.get("stated_reading_minutes"),
            site_name=data.get("site_name"),
            tags=tuple(data.get("tags") or ()),
            lines=tuple(data.get("lines") or ()),
            extra=MappingProxyType(dict(data.get("extra") or {})),
        )


@dataclass(frozen=True, slots=True)
class Article:
    """A parsed article: what ``articlekit.parse`` returns."""

    title: str | None
    """The title line, repaired, site suffix kept (see ``Metadata.site_name``)."""
    summary: str | None
    """The dek or standfirst under the title, when there is one."""
    metadata: Metadata
    """Date, author, category, counts and stated reading time from the metadata lines."""
    blocks: tuple[Block, ...]
    """The body in reading order, title excluded."""
    sections: tuple[Section, ...]
    """The body as a tree: a lead section without heading (if any text precedes the first
    heading), then one section per top-level heading."""
    toc: tuple[TocEntry, ...]
    """The table of contents built from the headings, nested."""
    reading_time: ReadingTime
    """Our estimate of the reading time."""
    repairs: tuple[Repair, ...] = ()
    """Every change the repair stage made, in input order."""
    removed: tuple[Removed, ...] = ()
    """Every line left out of the body (boilerplate), with the reason."""
    notes: tuple[Note, ...] = ()
    """Soft problems met while parsing."""
    source_length: int = 0
    """Length in characters of the (decoded) input."""

    @property
    def text(self) -> str:
        """The clean body as plain text: blocks separated by a blank line, headings included."""
        return "\n\n".join(block.text for block in self.blocks)

    @property
    def headings(self) -> tuple[Block, ...]:
        """The heading blocks, in order."""
        return tuple(block for block in self.blocks if block.kind is BlockKind.HEADING)

    def to_dict(self) -> dict[str, Any]:
        """Return the whole article as JSON-ready data (schema in ``docs/schema.md``)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "title": self.title,
            "summary": self.summary,
            "metadata": self.metadata.to_dict(),
            "blocks": [block.to_dict() for block in self.blocks],
            "sections": [section.to_dict() for section in self.sections],
            "toc": [entry.to_dict() for entry in self.toc],
            "reading_time": self.reading_time.to_dict(),
            "repairs": [repair.to_dict() for repair in self.repairs],
            "removed": [removed.to_dict() for removed in self.removed],
            "notes": [note.to_dict() for note in self.notes],
            "source_length": self.source_length,
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """Return ``to_dict()`` as a JSON string (non-ASCII kept as is)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_markdown(self) -> str:
        """Return the article as Markdown: ``#`` title, summary in italics, body blocks."""
        from articlekit.render import render_markdown

        return render_markdown(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """Rebuild an ``Article`` from ``to_dict()`` output; ``from_dict(a.to_dict()) == a``."""
        blocks = tuple(_block_from_dict(item) for item in data.get("blocks", ()))
        headings = iter([block for block in blocks if block.kind is BlockKind.HEADING])
        return cls(
            title=data.get("title"),
            summary=data.get("summary"),
            metadata=Metadata.from_dict(data.get("metadata") or {}),
            blocks=blocks,
            sections=tuple(_section_from_dict(item, headings) for item in data.get("sections", ())),
            toc=tuple(_toc_from_dict(item) for item in data.get("toc", ())),
            reading_time=_reading_time_from_dict(data.get("reading_time") or {}),
            repairs=tuple(
                Repair(
                    kind=RepairKind(item["kind"]),
                    line=item["line"],
                    column=item["column"],
                    start=item["start"],
                    end=item["end"],
                    before=item["before"],
                    after=item["after"],
                    detail=item.get("detail", ""),
                )
                for item in data.get("repairs", ())
            ),
            removed=tuple(
                Removed(text=item["text"], reason=RemovalReason(item["reason"]), line=item["line"])
                for item in data.get("removed", ())
            ),
            notes=tuple(
                Note(code=NoteCode(item["code"]), message=item["message"])
                for item in data.get("notes", ())
            ),
            source_length=data.get("source_length", 0),
        )


def _block_from_dict(data: Mapping[str, Any]) -> Block:
    explanation = data.get("explanation")
    return Block(
        kind=BlockKind(data["kind"]),
        text=data["text"],
        level=data.get("level"),
        line=data.get("line", 0),
        end_line=data.get("end_line", 0),
        start=data.get("start", 0),
        end=data.get("end", 0),
        ordered=data.get("ordered"),
        marker=data.get("marker"),
        depth=data.get("depth"),
        attribution=data.get("attribution"),
        explanation=None
        if explanation is None
        else Explanation(
            score=explanation["score"],
            features=tuple((str(k), float(v)) for k, v in explanation["features"].items()),
            reason=explanation.get("reason", ""),
        ),
    )


def _section_from_dict(data: Mapping[str, Any], headings: Iterator[Block]) -> Section:
    # Sections list their headings depth first in reading order, the order of ``headings``.
    heading = next(headings, None) if data.get("heading") is not None else None
    return Section(
        heading=heading,
        blocks=tuple(_block_from_dict(item) for item in data.get("blocks", ())),
        children=tuple(_section_from_dict(item, headings) for item in data.get("children", ())),
        anchor=data.get("anchor"),
    )


def _toc_from_dict(data: Mapping[str, Any]) -> TocEntry:
    return TocEntry(
        title=data["title"],
        level=data["level"],
        anchor=data["anchor"],
        block_index=data.get("block_index", -1),
        children=tuple(_toc_from_dict(item) for item in data.get("children", ())),
    )


def _reading_time_from_dict(data: Mapping[str, Any]) -> ReadingTime:
    return ReadingTime(
        words=data.get("words", 0),
        minutes=float(data.get("minutes", 0.0)),
        wpm=data.get("wpm", 0),
        cjk_characters=data.get("cjk_characters", 0),
        cjk_cpm=data.get("cjk_cpm", 0),
        code_lines=data.get("code_lines", 0),
        images=data.get("images", 0),
    )
