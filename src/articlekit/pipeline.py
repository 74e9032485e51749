"""``parse`` and ``clean``: the stages called in order, with no logic of their own."""

from __future__ import annotations

from typing import Any, Literal, overload

from articlekit.blocks import find_code_lines, forget_last_scan, split_spans
from articlekit.boilerplate import remove_boilerplate
from articlekit.classify import classify_spans
from articlekit.decode import decode_input
from articlekit.errors import EmptyArticleError
from articlekit.head import read_head
from articlekit.lines import join_lines, split_lines
from articlekit.metrics import estimate_reading_time
from articlekit.model import Article, Note, Repair
from articlekit.options import Options
from articlekit.outline import build_sections, build_toc
from articlekit.repair import RepairResult, repair_outside_code

__all__ = ["clean", "parse"]


def _decode_and_repair(
    text: str | bytes, options: Options
) -> tuple[str, tuple[Note, ...], RepairResult]:
    # The one path both ``parse`` and ``clean`` take, so that their repair logs are the same.
    source, notes = decode_input(text, options.max_chars)
    try:
        return source, notes, repair_outside_code(split_lines(source), options, find_code_lines)
    finally:
        forget_last_scan()


def parse(text: str | bytes, *, options: Options | None = None, **changes: Any) -> Article:
    """Return the ``Article`` read from scraped ``text``.

    ``text`` is a ``str``, or ``bytes`` decoded by BOM, then UTF-8, then a fallback (see
    ``docs/errors.md``). Keyword arguments override fields of ``options``, e.g.
    ``parse(text, wpm=200)``. Raises ``EmptyArticleError`` when nothing readable remains,
    ``NotTextError`` for binary data, ``InputTooLargeError`` past ``Options.max_chars`` and
    ``InputTypeError`` for anything but ``str``/``bytes``.

    >>> article = parse("A Title\\n\\nSome text, and&nbsp;more of it.\\n")
    >>> article.title, article.blocks[0].text
    ('A Title', 'Some text, and more of it.')
    """
    opts = Options.build(options, **changes)
    source, notes, repaired = _decode_and_repair(text, opts)
    cleanup = remove_boilerplate(split_spans(repaired.lines), opts)
    head = read_head(cleanup.spans, opts, removed=cleanup.removed)
    blocks = classify_spans(
        head.body,
        opts,
        heading_lines=cleanup.heading_lines,
        title=head.title,
        code_lines=repaired.protected,
    )
    if not blocks and not head.title:
        raise EmptyArticleError("nothing readable remains in the input after cleaning")
    return Article(
        title=head.title,
        summary=head.summary,
        metadata=head.metadata,
        blocks=blocks,
        sections=build_sections(blocks),
        toc=build_toc(blocks),
        reading_time=estimate_reading_time(blocks, opts, summary=head.summary),
        repairs=repaired.repairs,
        removed=tuple(sorted(cleanup.removed + head.removed, key=lambda r: r.line)),
        notes=notes + head.notes,
        source_length=len(source),
    )


@overload
def clean(
    text: str | bytes,
    *,
    options: Options | None = ...,
    explain: Literal[False] = ...,
    **changes: Any,
) -> str: ...


@overload
def clean(
    text: str | bytes, *, options: Options | None = ..., explain: Literal[True], **changes: Any
) -> tuple[str, tuple[Repair, ...]]: ...


def clean(
    text: str | bytes, *, options: Options | None = None, explain: bool = False, **changes: Any
) -> str | tuple[str, tuple[Repair, ...]]:
    """Return ``text`` with its scraping artifacts repaired (structure and boilerplate untouched).

    With ``explain=True``, return ``(text, repairs)``: the repaired text and the tuple of
    ``Repair`` entries that ``articlekit.apply_repairs`` replays on the input.

    >>> clean("It&rsquo;s <strong>fine</strong>.")
    'It’s fine.'
    """
    _, _, repaired = _decode_and_repair(text, Options.build(options, **changes))
    out = join_lines(repaired.lines)
    return (out, repaired.repairs) if explain else out
