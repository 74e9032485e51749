"""The ``articlekit`` command line: a thin shell over the library.

articlekit parse FILE|- [--format json|markdown|text] [--explain]
articlekit corpus IN [IN ...] -o OUT [--text-field F] [--id-field F] [--workers N] [--resume] ...
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from articlekit.corpus import ARTICLE_FIELDS, EXTRA_FIELDS, CorpusStats, convert_corpus
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


def _counts(counter: dict[str, int]) -> str:
    return ", ".join(f"{name}: {n:,}" for name, n in sorted(counter.items(), key=lambda kv: -kv[1]))


def _print_summary(stats: CorpusStats) -> None:
    seconds = max(stats.seconds, 1e-9)
    done = stats.records_out
    lines = [
        f"articlekit corpus: {stats.records_in:,} records in, {done:,} out"
        + (
            f", {stats.skipped_existing:,} skipped (already in output)"
            if stats.skipped_existing
            else ""
        )
        + f", {stats.blank_lines:,} blank lines skipped",
        f"  {stats.bytes_in / 1e6:,.1f} MB in {stats.seconds:,.1f} s "
        f"({done / seconds:,.1f} docs/s, {stats.bytes_in / 1e6 / seconds:,.2f} MB/s)",
        f"  errors: {stats.error_count:,}"
        + (f" ({_counts(stats.errors)})" if stats.errors else ""),
        f"  repairs: {sum(stats.repairs.values()):,}"
        + (f" ({_counts(stats.repairs)})" if stats.repairs else ""),
        f"  boilerplate lines removed: {sum(stats.removed.values()):,}"
        + (f" ({_counts(stats.removed)})" if stats.removed else ""),
    ]
    print("\n".join(lines), file=sys.stderr)


class _Interrupt:
    """SIGTERM as Ctrl-C: raise ``KeyboardInterrupt``, and remember it.

    A signal that arrives while a finalizer of ``multiprocessing`` runs raises inside it, and
    Python only prints an exception raised there ("Exception ignored in …"): the remembered
    signal is raised again after the next chunk.
    """

    def __init__(self) -> None:
        self.received = False

    def __call__(self, signum: int, frame: object) -> None:
        self.received = True
        raise KeyboardInterrupt


def _run_corpus(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    fields = (
        [name.strip() for name in args.fields.split(",") if name.strip()] if args.fields else None
    )
    if args.format == "markdown":
        fields = [*(fields or []), "markdown"]
    for name in args.inputs:
        if name != "-" and not Path(name).exists():
            print(f"articlekit: {name}: no such file or folder", file=sys.stderr)
            return EXIT_INPUT
    bar = tqdm(unit="doc", file=sys.stderr, disable=args.quiet or not sys.stderr.isatty())

    interrupt = _Interrupt()

    def show(stats: CorpusStats) -> None:
        if interrupt.received:  # raised once already, and swallowed
            raise KeyboardInterrupt
        bar.update(stats.records_out - bar.n)
        speed = stats.bytes_in / 1e6 / max(stats.seconds, 1e-9)
        bar.set_postfix({"MB/s": f"{speed:.2f}", "errors": stats.error_count}, refresh=False)

    stop_on_term = threading.current_thread() is threading.main_thread()
    if stop_on_term:  # a scheduler's SIGTERM stops the run as cleanly as Ctrl-C does
        previous_int = signal.getsignal(signal.SIGINT)
        signal.signal(signal.SIGTERM, interrupt)
        if previous_int is signal.default_int_handler:  # (not where SIGINT is ignored)
            signal.signal(signal.SIGINT, interrupt)
    try:
        stats = convert_corpus(
            args.inputs,
            args.output,
            errors=args.errors,
            text_field=args.text_field,
            id_field=args.id_field,
            fields=fields,
            options=Options(max_chars=args.max_chars),
            workers=args.workers or None,
            resume=args.resume,
            chunksize=args.chunksize,
            on_progress=show,
        )
    except (ValueError, OSError) as error:
        print(f"articlekit: {error}", file=sys.stderr)
        return EXIT_USAGE if isinstance(error, ValueError) else EXIT_INPUT
    except BrokenProcessPool:
        print(
            "articlekit: a worker process died (out of memory?); what was written is valid, "
            "rerun with --resume to finish",
            file=sys.stderr,
        )
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("articlekit: interrupted; rerun with --resume to finish", file=sys.stderr)
        return 130
    finally:
        bar.close()
        if stop_on_term:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, previous_int)
    if not args.quiet:
        _print_summary(stats)
    if args.summary_json:
        Path(args.summary_json).write_text(json.dumps(stats.to_dict(), indent=2) + "\n")
    return EXIT_INPUT if args.strict and stats.error_count else EXIT_OK


def _add_corpus_command(commands: Any) -> None:
    known = ", ".join((*ARTICLE_FIELDS, *EXTRA_FIELDS))
    c = commands.add_parser(
        "corpus",
        help="parse a JSONL corpus (or folders of .txt files) into one JSONL record per input",
        description="One output record per input record, in input order; bad records become "
        "error records. See docs/corpus.md.",
    )
    c.add_argument("inputs", nargs="+", metavar="IN", help="JSONL file (.gz: gzip), folder, or -")
    c.add_argument("-o", "--output", required=True, metavar="OUT", help="JSONL (.gz: gzip) or -")
    c.add_argument(
        "--text-field",
        default="text",
        metavar="NAME",
        help="field holding the text (default: text)",
    )
    c.add_argument(
        "--id-field", default="id", metavar="NAME", help="field holding the id (default: id)"
    )
    c.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="worker processes (default 1; 0: one per CPU)",
    )
    c.add_argument(
        "--format",
        choices=("json", "markdown"),
        default="json",
        help="json: the article's fields; markdown: a 'markdown' field",
    )
    c.add_argument(
        "--fields", metavar="A,B", help=f"comma-separated article fields to emit, from: {known}"
    )
    c.add_argument("--errors", metavar="FILE", help="write error records here instead of OUT")
    c.add_argument("--resume", action="store_true", help="append, skipping ids already written")
    c.add_argument("--strict", action="store_true", help="exit with status 1 if any record failed")
    c.add_argument(
        "--max-chars",
        type=int,
        metavar="N",
        default=Options().max_chars,
        help="records with longer text become error records",
    )
    c.add_argument(
        "--chunksize", type=int, default=64, metavar="N", help="records per unit of work"
    )
    c.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    c.add_argument("--summary-json", metavar="FILE", help="also write the summary as JSON")
    c.set_defaults(run=_run_corpus)


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
    _add_corpus_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    status: int = args.run(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
