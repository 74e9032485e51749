"""``Options``: every switch of the pipeline in one frozen object."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from articlekit.errors import OptionsError

__all__ = ["DEFAULT_MAX_CHARS", "Options"]

#: Default input size limit in characters (5 million, about 1,000 long articles).
DEFAULT_MAX_CHARS = 5_000_000


@dataclass(frozen=True, slots=True)
class Options:
    """Settings for ``parse`` and ``clean``; every field has a sensible default.

    >>> Options(wpm=200).wpm
    200
    >>> Options().replace(skip_repairs=frozenset({"fix_mojibake"})).skip_repairs
    frozenset({'fix_mojibake'})
    """

    skip_repairs: frozenset[str] = frozenset()
    """Names of repairs to switch off (see ``articlekit.REPAIRS`` for the names)."""
    remove_boilerplate: bool = True
    """Leave boilerplate lines (ads, share lines, a table of contents…) out of the body."""
    parse_metadata: bool = True
    """Read metadata lines (bylines, dates, emoji info lines) into ``Article.metadata``."""
    detect_structure: bool = True
    """Detect headings, lists, quotes and code; when off, every block is a paragraph."""
    explain: bool = False
    """Attach an ``Explanation`` to every block (why it got its kind)."""
    wpm: int = 238
    """Words per minute for alphabetic text (Brysbaert 2019, silent reading of non-fiction)."""
    chinese_cpm: int = 500
    """Characters per minute for Chinese (Han) text."""
    japanese_cpm: int = 550
    """Characters per minute for Japanese text (Kana present)."""
    korean_cpm: int = 500
    """Characters per minute for Korean (Hangul) text."""
    seconds_per_code_line: float = 2.0
    """Extra seconds per line of a code block."""
    seconds_per_image: float = 12.0
    """Extra seconds per image the text marks (Medium's rule, simplified: a flat 12 s)."""
    max_chars: int = DEFAULT_MAX_CHARS
    """Inputs longer than this raise ``InputTooLargeError`` before any work."""

    def __post_init__(self) -> None:
        for name in ("wpm", "chinese_cpm", "japanese_cpm", "korean_cpm", "max_chars"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise OptionsError(f"{name} must be a positive integer, got {value!r}")
        for name in ("seconds_per_code_line", "seconds_per_image"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or value < 0:
                raise OptionsError(f"{name} must be a number >= 0, got {value!r}")
        if not isinstance(self.skip_repairs, frozenset):
            object.__setattr__(self, "skip_repairs", frozenset(self.skip_repairs))

    def replace(self, **changes: Any) -> Options:
        """Return a copy with ``changes`` applied (unknown names raise ``OptionsError``)."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise OptionsError(f"unknown option(s): {', '.join(unknown)}; known: {sorted(known)}")
        return replace(self, **changes)

    @classmethod
    def build(cls, options: Options | None = None, **changes: Any) -> Options:
        """Return ``options`` (or the defaults) with keyword ``changes`` applied."""
        base = options if options is not None else cls()
        if not isinstance(base, Options):
            raise OptionsError(f"options must be an articlekit.Options, got {type(base).__name__}")
        return base.replace(**changes) if changes else base
