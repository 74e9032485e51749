"""Atheris (libFuzzer) harness: ``articlekit.parse`` must never raise anything but an
``ArticleKitError``, and what it returns must keep its invariants.

Run it (see ``fuzz/README.md``)::

    .venv/bin/pip install -e '.[fuzz]'
    .venv/bin/python fuzz/fuzz_parse.py -max_total_time=600 -rss_limit_mb=4096 fuzz/corpus fuzz/seeds

Each input is read by a ``FuzzedDataProvider``: its first byte picks the mode (raw bytes, a
Unicode string, or text stitched from scraped-artifact fragments), the rest is the data.
Set ``ARTICLEKIT_FUZZ_ACCOUNTING=1`` to also require that every input word is accounted for.
"""

from __future__ import annotations

import json
import os
import sys

import atheris

with atheris.instrument_imports():
    import articlekit
    from articlekit import Article, ArticleKitError, BlockKind

# Pieces of the artifacts a scraper leaves (see the project's ARTIFACTS notes), stitched
# together by the fuzzer so that it reaches the repair and boilerplate rules quickly.
FRAGMENTS = (
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\u2028",
    " ",
    "\t",
    "Title",
    "A sentence with words, and a comma.",
    "Heading Two",
    "1. ",
    "2.1 ",
    "• ",
    "- ",
    "> ",
    '">',
    '" target="_blank" rel="noopener">',
    '<a href="https://example.org/page">',
    "</a>",
    "<strong>",
    "</strong>",
    "<br>",
    '<span style="font-weight: 400;">',
    "&amp;amp;",
    "&rsquo;",
    "&#8217;",
    "&nbsp;",
    "&eacute;",
    "â€™",
    "â€”",
    "Ã©",
    "Â ",
    "\u200b",
    "\u00ad",
    "\ufeff",
    "\u202e",
    "\u200d",
    "Contents",
    "Advertisement",
    "Read more: Another Story",
    "Share on Facebook",
    "Tags: one, two",
    "By Jane Doe",
    "📅 March 3, 2024",
    "⏱ 8 min read",
    "© 2024 Example Media",
    "```",
    "    code = 1",
    "漢字かな交じり文。",
    "שלום עולם",
    "\x00",
    "\x85",
    "\ud800",
    "Vec<T> and a < b",
)


def _text_from_fragments(provider: atheris.FuzzedDataProvider) -> str:
    count = provider.ConsumeIntInRange(0, 64)
    return "".join(
        FRAGMENTS[provider.ConsumeIntInRange(0, len(FRAGMENTS) - 1)] for _ in range(count)
    )


def _check(article: Article, source: str | bytes) -> None:
    blocks = article.blocks
    for block in blocks:
        if not 0 <= block.start <= block.end <= article.source_length:
            raise AssertionError(f"block offsets out of bounds: {block!r}")
    for entry in (e for top in article.toc for e in top.walk()):
        if not 0 <= entry.block_index < len(blocks):
            raise AssertionError(f"TOC entry points nowhere: {entry!r}")
        target = blocks[entry.block_index]
        if target.kind is not BlockKind.HEADING or target.text != entry.title:
            raise AssertionError(f"TOC entry does not point at its heading: {entry!r}")
    in_sections = [b for top in article.sections for s in top.walk() for b in _own(s)]
    if in_sections != list(blocks):
        raise AssertionError("sections do not cover every block once, in order")
    data = json.loads(json.dumps(article.to_dict()))
    if Article.from_dict(data) != article:
        raise AssertionError("to_dict/from_dict does not round-trip")
    if os.environ.get("ARTICLEKIT_FUZZ_ACCOUNTING") == "1":
        accounting = articlekit.account(source, article)
        if not accounting.ok:
            raise AssertionError(f"words lost: {accounting.missing[:5]} {accounting.errors}")


def _own(section: articlekit.Section) -> list[articlekit.Block]:
    return ([section.heading] if section.heading is not None else []) + list(section.blocks)


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    mode = provider.ConsumeIntInRange(0, 2)
    source: str | bytes
    if mode == 0:
        source = provider.ConsumeBytes(provider.remaining_bytes())
    elif mode == 1:
        source = provider.ConsumeUnicode(provider.remaining_bytes())
    else:
        source = _text_from_fragments(provider)
    try:
        article = articlekit.parse(source)
    except ArticleKitError:
        return
    _check(article, source)
    if isinstance(source, str):
        once = articlekit.clean(source)
        if articlekit.clean(once) != once:
            raise AssertionError("clean is not idempotent")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
