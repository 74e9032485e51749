"""The ``articlekit`` command line: a thin shell over the library.

articlekit parse FILE|- [--format json|markdown|text] [--explain]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from articlekit.errors import ArticleKitError
from articlekit.model import Article
from articlekit.options import Options
from articlekit.pipeline import parse
from articlekit.render import render_markdown, render_text

__all__ = ["main"]

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2


def _read_input(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    return Path(name).read_bytes()


def _explain_lines(article: Article) -> str:
    rows = []
    for block in article.blocks:
        level = f"h{block.level}" if block.level else ""
        why = ""
        if block.explanation is not None:
            feats = ", ".join(f"{k}={v:g}" for k, v in block.explanation.features)
            why = f"  score={block.explanation.score:.2f} {block.explanation.reason} [{feats}]"
        rows.append(f"{block.line:>5}  {block.kind!s:<9} {level:<3} {block.text[:60]!r}{why}")
    return "\n".join(rows) + "\n"


def _run_parse(args: argparse.Namespace) -> int:
    try:
        data = _read_input(args.file)
    except OSError as error:
        print(f"articlekit: cannot read {args.file}: {error.strerror or error}", file=sys.stderr)
        return EXIT_INPUT
    try:
        article = parse(data, options=Options(explain=args.explain, wpm=args.wpm))
    except ArticleKitError as error:
        print(f"articlekit: {args.file}: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_INPUT
    if args.format == "json":
        out = article.to_json(indent=2) + "\n"
    elif args.format == "markdown":
        out = render_markdown(article)
    else:
        out = render_text(article)
    if args.explain and args.format != "json":
        out = _explain_lines(article) + "\n" + out
    sys.stdout.write(out)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``articlekit`` command."""
    parser = argparse.ArgumentParser(
        prog="articlekit", description="Scraped article text in, clean structured article out."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("parse", help="parse one article (a file, or - for stdin)")
    p.add_argument("file", help="the article's text file, or - to read standard input")
    p.add_argument("--format", choices=("json", "markdown", "text"), default="json")
    p.add_argument(
        "--explain", action="store_true", help="show why each block got its kind (features, score)"
    )
    p.add_argument("--wpm", type=int, default=Options().wpm, help="reading speed, words/minute")
    p.set_defaults(run=_run_parse)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    status: int = args.run(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
