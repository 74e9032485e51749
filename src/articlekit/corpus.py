"""Many documents at once: stream a corpus through ``parse``, one result per input, in order.

Three entry points, from the smallest to the largest:

- ``parse_record(record)`` turns one JSON record (a ``dict`` with a text field) into one output
  record: the record's other fields plus the article's fields, or an ``error`` field. It never
  raises, and its output is always JSON-serialisable. The layout is versioned by
  ``RECORD_SCHEMA_VERSION`` and documented in ``docs/corpus.md``.
- ``parse_many(texts, workers=…)`` parses an iterable of texts lazily, in input order, in a
  process pool when ``workers > 1``. A text that fails gives a ``ParseFailure`` in its place.
- ``convert_corpus(inputs, output, …)`` is the engine of ``articlekit corpus``: JSONL (plain or
  gzip) or folders of ``.txt`` files in, one JSONL record per input record out, resumable.

Memory does not grow with the corpus: at most ``2 × workers`` chunks are in flight, and the input
is read one line at a time (split on ``\\n`` only, never with ``str.splitlines``, which would cut
records at the U+2028 and U+0085 that scraped text contains).
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import threading
import time
import zlib
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, fields
from functools import partial
from multiprocessing import get_context
from multiprocessing.context import BaseContext
from multiprocessing.reduction import ForkingPickler
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any, Generic, TypeVar

from articlekit.errors import InputTooLargeError, RecordError
from articlekit.model import SCHEMA_VERSION, Article
from articlekit.options import Options
from articlekit.pipeline import parse
from articlekit.render import render_markdown

__all__ = [
    "ARTICLE_FIELDS",
    "RECORD_SCHEMA_VERSION",
    "WORKER_CRASH",
    "CorpusStats",
    "ParseFailure",
    "convert_corpus",
    "parse_many",
    "parse_record",
]

#: The ``error_type`` (and error ``type``) given to a document whose worker process died.
WORKER_CRASH = "WorkerCrash"

#: Version of the layout of ``parse_record`` output; bumped on any incompatible change.
RECORD_SCHEMA_VERSION = "1.0"

#: The keys of ``Article.to_dict()``: the default fields of an output record.
ARTICLE_FIELDS: tuple[str, ...] = ("schema_version", *(f.name for f in fields(Article)))

#: Fields that are not in ``Article.to_dict()`` but may be asked for: the clean body as plain
#: text (``Article.text``) and the whole article as Markdown (``Article.to_markdown()``).
EXTRA_FIELDS: tuple[str, ...] = ("text", "markdown")

# Fields read straight off the Article; any other field needs the full ``to_dict()``.
_CHEAP_FIELDS = frozenset({"schema_version", "title", "summary", "source_length", *EXTRA_FIELDS})
# Characters that JSON allows raw in a string but that line splitters such as
# ``str.splitlines`` (and JavaScript before ES2019) take for line ends: escape them on output.
_LINE_SEPARATORS = ("\u2028", "\u2029", "\x85")
_WINDOW_PER_WORKER = 2
_TypeT = TypeVar("_TypeT")
_ResultT = TypeVar("_ResultT")


def _mapping_proxy(data: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(data)


def _reduce_mapping_proxy(proxy: MappingProxyType[Any, Any]) -> tuple[Any, tuple[Any, ...]]:
    return _mapping_proxy, (dict(proxy),)


# ``Metadata.extra`` is a read-only mapping proxy, which pickle refuses; results of worker
# processes must cross back to the parent, so teach multiprocessing (only) to copy it.
ForkingPickler.register(MappingProxyType, _reduce_mapping_proxy)


@dataclass(frozen=True, slots=True)
class ParseFailure:
    """A document that ``parse_many`` could not parse, yielded in the document's place."""

    index: int
    """0-based position of the document in the input iterable."""
    error_type: str
    """The exception's class name, e.g. ``"EmptyArticleError"``."""
    message: str
    """The exception's message."""

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"index": ..., "error_type": ..., "message": ...}``."""
        return {"index": self.index, "error_type": self.error_type, "message": self.message}


# ---------------------------------------------------------------------------------------------
# Ordered, bounded parallel map


def _pool_context() -> BaseContext:
    # forkserver: workers fork from a clean server process, so threads of the parent (a progress
    # bar, a dask client) are never forked; spawn where forkserver does not exist (Windows).
    method = "forkserver" if sys.platform != "win32" else "spawn"
    return get_context(method)


def _resolve_workers(workers: int | None) -> int:
    if workers is None:
        if hasattr(os, "sched_getaffinity"):
            return max(1, len(os.sched_getaffinity(0)))
        return max(1, os.cpu_count() or 1)  # pragma: no cover - platforms without affinity
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a positive integer or None, got {workers!r}")
    return workers


# Set in a worker process by ``_start_worker``: the pool's "stop now" flag.
_stop_flag: Any = None


def _stopping() -> bool:
    """Return whether the pool that runs this worker is stopping (always False in the parent)."""
    return _stop_flag is not None and bool(_stop_flag.is_set())


def _start_worker(parent: int, stop: Any) -> None:
    """Keep the pool's stop flag, and end this worker when ``parent`` is gone."""
    global _stop_flag
    _stop_flag = stop
    _exit_with_parent(parent)


def _exit_with_parent(parent: int) -> None:
    """Start a thread that ends this worker when ``parent`` is gone.

    A parent killed outright (SIGKILL, the OOM killer) cannot stop its workers, and forkserver
    workers are not its children, so they would wait for work forever.
    """

    def watch() -> None:
        while True:
            time.sleep(1.0)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # pragma: no cover - the pid was reused by another user
                os._exit(1)

    threading.Thread(target=watch, name="articlekit-parent-watch", daemon=True).start()


@dataclass(frozen=True, slots=True)
class _Recovery(Generic[_TypeT, _ResultT]):
    """How to find, and stand in for, the item of a chunk that killed its worker process."""

    split: Callable[[_TypeT], list[_TypeT]]
    """Cut a chunk into chunks of one item."""
    crashed: Callable[[_TypeT], _ResultT]
    """The result to give for a one-item chunk whose worker died."""
    join: Callable[[list[_ResultT]], _ResultT]
    """Put the results of the one-item chunks back together."""


class _Pool(Generic[_TypeT, _ResultT]):
    """A process pool that survives a worker dying: the chunk that did it is isolated."""

    def __init__(
        self,
        function: Callable[[_TypeT], _ResultT],
        workers: int,
        recovery: _Recovery[_TypeT, _ResultT] | None,
    ) -> None:
        self.function = function
        self.workers = workers
        self.recovery = recovery
        self.context = _pool_context()
        self.stop = self.context.Event()
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        executor = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=self.context,
            initializer=_start_worker,
            initargs=(os.getpid(), self.stop),
        )
        # Start every worker with the first chunk, as the pool does for "fork", instead of one
        # more on each submit: a submit that spawns a worker while the pool's manager thread is
        # failing the pool after a worker died races with it (CPython 3.10-3.13). The manager
        # then iterates a changing dict of processes and dies, or joins the new, idle worker
        # forever, and the run hangs.
        if hasattr(executor, "_safe_to_dynamically_spawn_children"):
            executor._safe_to_dynamically_spawn_children = False
        return executor

    def _restart(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._start()

    def submit(self, chunk: _TypeT) -> Future[_ResultT]:
        try:
            return self.executor.submit(self.function, chunk)
        except BrokenProcessPool as error:
            # The pool broke before this chunk went in: fail it like the chunks in flight.
            failed: Future[_ResultT] = Future()
            failed.set_exception(error)
            return failed

    def result(
        self, chunk: _TypeT, future: Future[_ResultT], later: deque[tuple[_TypeT, Future[_ResultT]]]
    ) -> _ResultT:
        """Return the chunk's result; after a worker died, rerun what was in flight."""
        try:
            return future.result()
        except BrokenProcessPool:
            if self.recovery is None:
                raise
        # Every chunk in flight failed with the pool: run this one alone, then resubmit the
        # rest (one of them may be the culprit; it will come back here in its turn).
        self._restart()
        result = self._run_alone(chunk, self.recovery)
        retry = list(later)
        later.clear()
        for item, queued in retry:
            finished = queued.done() and not queued.cancelled() and queued.exception() is None
            later.append((item, queued if finished else self.submit(item)))
        return result

    def _run_alone(self, chunk: _TypeT, recovery: _Recovery[_TypeT, _ResultT]) -> _ResultT:
        try:
            return self.submit(chunk).result()
        except BrokenProcessPool:
            self._restart()
        results: list[_ResultT] = []
        for single in recovery.split(chunk):
            try:
                results.append(self.submit(single).result())
            except BrokenProcessPool:
                results.append(recovery.crashed(single))
                self._restart()
        return recovery.join(results)

    def stop_now(self) -> None:
        # The workers ignore SIGINT (forkserver children do), so ask them to stop: each one
        # finishes the document in hand and skips the rest of its chunk. Terminating them
        # instead could cut a result in the middle of the pipe, and the pool's reader thread
        # would wait for the rest of it forever.
        self.stop.set()
        self.executor.shutdown(wait=True, cancel_futures=True)


def _ordered_map(
    function: Callable[[_TypeT], _ResultT],
    chunks: Iterable[_TypeT],
    workers: int,
    recovery: _Recovery[_TypeT, _ResultT] | None = None,
) -> Iterator[_ResultT]:
    """Yield ``function(chunk)`` for each chunk, in order, with at most 2 × workers in flight.

    With ``recovery``, a worker process that dies (killed for memory, a crash in C code) costs
    only the item that killed it, which gets ``recovery.crashed``; without, the error is raised.
    """
    if workers == 1:
        for chunk in chunks:
            yield function(chunk)
        return
    window = _WINDOW_PER_WORKER * workers
    pool = _Pool(function, workers, recovery)
    pending: deque[tuple[_TypeT, Future[_ResultT]]] = deque()
    try:
        for chunk in chunks:
            pending.append((chunk, pool.submit(chunk)))
            if len(pending) >= window:
                yield pool.result(*pending.popleft(), pending)
        while pending:
            yield pool.result(*pending.popleft(), pending)
    except BaseException:
        # Interrupted (Ctrl-C, or the consumer stopped early): the chunks in flight are not
        # wanted, and waiting for them can take long.
        pool.stop_now()
        raise
    pool.executor.shutdown(wait=True)


def _chunked(items: Iterable[_TypeT], size: int) -> Iterator[list[_TypeT]]:
    chunk: list[_TypeT] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# ---------------------------------------------------------------------------------------------
# parse_many


def _parse_chunk(
    options: Options, chunk: tuple[int, list[str | bytes]]
) -> list[Article | ParseFailure]:
    first, texts = chunk
    results: list[Article | ParseFailure] = []
    for offset, text in enumerate(texts):
        if _stopping():  # the parent is interrupted: nobody will read the rest
            break
        try:
            results.append(parse(text, options=options))
        except Exception as error:  # one bad document must never stop a batch
            results.append(ParseFailure(first + offset, type(error).__name__, str(error)))
    return results


_CRASH_MESSAGE = (
    "the worker process died while parsing this document (killed for memory, or a crash in "
    "C code); the other documents were parsed"
)


def _split_numbered(chunk: tuple[int, list[str | bytes]]) -> list[tuple[int, list[str | bytes]]]:
    first, texts = chunk
    return [(first + offset, [text]) for offset, text in enumerate(texts)]


def _crashed_document(chunk: tuple[int, list[str | bytes]]) -> list[Article | ParseFailure]:
    return [ParseFailure(chunk[0], WORKER_CRASH, _CRASH_MESSAGE)]


def _concatenate(results: list[list[Article | ParseFailure]]) -> list[Article | ParseFailure]:
    return [item for result in results for item in result]


def parse_many(
    texts: Iterable[str | bytes],
    *,
    workers: int | None = 1,
    chunksize: int = 16,
    options: Options | None = None,
) -> Iterator[Article | ParseFailure]:
    """Yield one ``Article`` or ``ParseFailure`` per text, lazily and in input order.

    ``workers=1`` (the default) parses in this process; ``workers=N`` uses a pool of N processes
    (``forkserver`` start method, so call it under ``if __name__ == "__main__":`` in scripts);
    ``workers=None`` uses every CPU this process may run on. Texts are sent to the workers
    ``chunksize`` at a time and at most ``2 × workers`` chunks are in flight, so memory stays
    bounded whatever the length of ``texts``. A text that raises (any exception) yields a
    ``ParseFailure`` with its index; it never stops the batch. A text whose worker process dies
    (killed for memory…) yields a ``ParseFailure`` with ``error_type`` ``WORKER_CRASH``, and the
    other texts in flight are parsed again in a fresh pool.

    >>> results = list(parse_many(["Title\\n\\nSome text.\\n", "   "]))
    >>> results[0].title, results[1].error_type, results[1].index
    ('Title', 'EmptyArticleError', 1)
    """
    count = _resolve_workers(workers)
    if isinstance(chunksize, bool) or not isinstance(chunksize, int) or chunksize < 1:
        raise ValueError(f"chunksize must be a positive integer, got {chunksize!r}")
    opts = Options.build(options)
    numbered = (
        (index * chunksize, chunk) for index, chunk in enumerate(_chunked(texts, chunksize))
    )
    recovery: _Recovery[tuple[int, list[str | bytes]], list[Article | ParseFailure]]
    recovery = _Recovery(_split_numbered, _crashed_document, _concatenate)
    for results in _ordered_map(partial(_parse_chunk, opts), numbered, count, recovery):
        yield from results


# ---------------------------------------------------------------------------------------------
# parse_record


def _error_dict(error: BaseException) -> dict[str, Any]:
    reason = error.reason if isinstance(error, (_RecordProblem, _LineTooLarge)) else None
    return {"type": _error_type_name(error), "reason": reason, "message": str(error)}


class _RecordProblem(RecordError):
    """A RecordError that carries a machine-readable reason code."""

    def __init__(self, message: str, *, reason: str, record_id: str | None = None) -> None:
        super().__init__(message, record_id=record_id)
        self.reason = reason


class _LineTooLarge(InputTooLargeError):
    """An input line longer than the reader accepts, refused before decoding."""

    def __init__(self, message: str, *, size: int, limit: int) -> None:
        super().__init__(message, size=size, limit=limit)
        self.reason = "line_too_large"


def _error_type_name(error: BaseException) -> str:
    # The private carriers above are reported under their public parent's name.
    if isinstance(error, _RecordProblem):
        return "RecordError"
    if isinstance(error, _LineTooLarge):
        return "InputTooLargeError"
    return type(error).__name__


def _check_fields(fields_: Iterable[str] | None) -> tuple[str, ...] | None:
    if fields_ is None:
        return None
    if isinstance(fields_, str):  # "title,text" rather than ["title", "text"]
        fields_ = [name.strip() for name in fields_.split(",") if name.strip()]
    chosen = tuple(dict.fromkeys(fields_))
    known = (*ARTICLE_FIELDS, *EXTRA_FIELDS)
    unknown = [name for name in chosen if name not in known]
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(unknown)}; choose from {', '.join(known)}")
    return chosen


def _article_fields(article: Article, chosen: tuple[str, ...] | None) -> dict[str, Any]:
    if chosen is None:
        return article.to_dict()
    full = article.to_dict() if any(name not in _CHEAP_FIELDS for name in chosen) else None
    out: dict[str, Any] = {}
    for name in chosen:
        if name == "text":
            out[name] = article.text
        elif name == "markdown":
            out[name] = render_markdown(article)
        elif full is not None:
            out[name] = full[name]
        elif name == "schema_version":
            out[name] = SCHEMA_VERSION
        else:
            out[name] = getattr(article, name)
    return out


def _record_text(record: object, text_field: str) -> str | bytes:
    if not isinstance(record, Mapping):
        raise _RecordProblem(
            f"a record must be a JSON object, got {type(record).__name__}", reason="not_object"
        )
    if text_field not in record:
        raise _RecordProblem(
            f"the record has no {text_field!r} field (pass the field that holds the text)",
            reason="missing_field",
        )
    text = record[text_field]
    if not isinstance(text, (str, bytes)):
        raise _RecordProblem(
            f"the record's {text_field!r} field must be text, got {type(text).__name__}",
            reason="not_text",
        )
    return text


def _version() -> str:
    from articlekit import __version__

    return __version__


def _convert_record(
    record: object,
    *,
    text_field: str,
    id_field: str,
    options: Options,
    chosen: tuple[str, ...] | None,
) -> tuple[dict[str, Any], Article | None]:
    out: dict[str, Any] = {}
    if isinstance(record, Mapping):
        if id_field in record:
            out[id_field] = record[id_field]
        out.update((key, value) for key, value in record.items() if key != id_field)
    out["articlekit_version"] = _version()
    out["record_schema_version"] = RECORD_SCHEMA_VERSION
    try:
        text = _record_text(record, text_field)
        article = parse(text, options=options)
        article_fields = _article_fields(article, chosen)
    except Exception as error:  # a bad record becomes an error record, never an exception
        out["error"] = _error_dict(error)
        return out, None
    del out[text_field]
    out.update(article_fields)
    out["error"] = None
    return out, article


def parse_record(
    record: object,
    *,
    text_field: str = "text",
    id_field: str = "id",
    options: Options | None = None,
    fields: Iterable[str] | None = None,
) -> dict[str, Any]:
    """Return the output record for one input record: its fields plus the article's, or an error.

    The output keeps every field of ``record`` (the id field first) except the text field, adds
    ``articlekit_version`` and ``record_schema_version``, then the article's ``to_dict()`` keys
    (or only ``fields``, which may also name ``"text"``, the clean body, and ``"markdown"``),
    then ``"error": None``. An article field with the same name as a record field replaces it.
    When the record is unusable (not a mapping, no text field, text not ``str``/``bytes``) or the
    text cannot be parsed, the record keeps all its fields and gets ``"error": {"type": …,
    "reason": …, "message": …}`` instead of article fields. It never raises for a bad record
    (only for unknown ``fields``, a programming error), and the output is JSON-serialisable
    when the input record is. The layout is documented in ``docs/corpus.md``.

    >>> out = parse_record({"id": 7, "text": "A Title\\n\\nSome text.\\n"}, fields=["title"])
    >>> out["id"], out["title"], out["error"]
    (7, 'A Title', None)
    >>> parse_record({"id": 8, "body": "x"})["error"]["reason"]
    'missing_field'
    """
    chosen = _check_fields(fields)
    out, _ = _convert_record(
        record,
        text_field=text_field,
        id_field=id_field,
        options=Options.build(options),
        chosen=chosen,
    )
    return out


# ---------------------------------------------------------------------------------------------
# convert_corpus: the engine of ``articlekit corpus``


@dataclass(slots=True)
class CorpusStats:
    """Counts kept while a corpus is converted; ``convert_corpus`` returns the final ones."""

    records_in: int = 0
    """Records read (blank lines excluded), including those skipped by ``resume``."""
    records_out: int = 0
    """Records written, error records included."""
    skipped_existing: int = 0
    """Records skipped because their id was already in the output (``resume``)."""
    blank_lines: int = 0
    """Blank input lines, skipped: they are not records."""
    bytes_in: int = 0
    """Bytes of the records read (uncompressed)."""
    errors: Counter[str] = field(default_factory=Counter)
    """Error records by ``type`` (and ``type/reason`` when there is a reason)."""
    repairs: Counter[str] = field(default_factory=Counter)
    """Repairs made, by kind."""
    removed: Counter[str] = field(default_factory=Counter)
    """Boilerplate lines left out of article bodies, by reason."""
    seconds: float = 0.0
    """Wall time so far."""

    @property
    def error_count(self) -> int:
        """How many error records were written."""
        return sum(self.errors.values())

    def to_dict(self) -> dict[str, Any]:
        """Return the counts as plain data."""
        return {
            "records_in": self.records_in,
            "records_out": self.records_out,
            "skipped_existing": self.skipped_existing,
            "blank_lines": self.blank_lines,
            "bytes_in": self.bytes_in,
            "errors": dict(sorted(self.errors.items())),
            "repairs": dict(sorted(self.repairs.items())),
            "removed": dict(sorted(self.removed.items())),
            "boilerplate_lines_removed": sum(self.removed.values()),
            "seconds": round(self.seconds, 3),
        }


# A raw record as read by the parent process and sent to a worker:
# (kind, source name, 1-based line number or 0, id for text files, payload bytes).
_JSON, _TEXT, _UNREADABLE = 0, 1, 2
_Raw = tuple[int, str, int, str | None, bytes, BaseException | None]


@dataclass(frozen=True, slots=True)
class _Config:
    text_field: str
    id_field: str
    options: Options
    chosen: tuple[str, ...] | None


@dataclass(slots=True)
class _ChunkResult:
    lines: list[tuple[bool, bytes]]
    errors: Counter[str] = field(default_factory=Counter)
    repairs: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)


def _fallback_id(source: str, line: int) -> str:
    return f"{source}:{line}"


def _dump_line(record: Mapping[str, Any]) -> bytes:
    try:
        text = json.dumps(record, ensure_ascii=False)
        for separator in _LINE_SEPARATORS:
            if separator in text:
                text = text.replace(separator, f"\\u{ord(separator):04x}")
        return text.encode("utf-8") + b"\n"
    except UnicodeEncodeError:  # lone surrogates from ``\\udxxx`` escapes in the input
        return json.dumps(record, ensure_ascii=True).encode("ascii") + b"\n"


def _decode_raw(raw: _Raw, config: _Config) -> object:
    kind, _, line, text_id, payload, problem = raw
    if problem is not None:
        raise problem
    if kind == _TEXT:
        return {config.id_field: text_id, config.text_field: payload}
    try:
        record = json.loads(payload)
    except UnicodeDecodeError as error:
        raise _RecordProblem(
            f"line {line} is not valid UTF-8 ({error.reason} at byte {error.start})",
            reason="undecodable",
        ) from None
    except ValueError as error:
        raise _RecordProblem(
            f"line {line} is not valid JSON ({error})", reason="invalid_json"
        ) from None
    return record


def _convert_chunk(config: _Config, chunk: list[_Raw]) -> _ChunkResult:
    result = _ChunkResult([])
    for raw in chunk:
        if _stopping():  # the parent is interrupted: nobody will read the rest
            break
        _, source, line, _, _, _ = raw
        try:
            record = _decode_raw(raw, config)
        except Exception as error:
            record = None
            failure: BaseException | None = error
        else:
            failure = None
        if isinstance(record, dict) and record.get(config.id_field) is None:
            record = {**record, config.id_field: _fallback_id(source, line)}
        if failure is None:
            out, article = _convert_record(
                record,
                text_field=config.text_field,
                id_field=config.id_field,
                options=config.options,
                chosen=config.chosen,
            )
        else:
            out = {config.id_field: _fallback_id(source, line)}
            out["articlekit_version"] = _version()
            out["record_schema_version"] = RECORD_SCHEMA_VERSION
            out["error"] = _error_dict(failure)
            article = None
        if config.id_field not in out:  # a JSON value that is not an object
            out = {config.id_field: _fallback_id(source, line), **out}
        if article is None:
            problem = out["error"]
            problem["source"] = source
            problem["line"] = line
            name = problem["type"] if problem["reason"] is None else f"{problem['type']}/"
            result.errors[name + (problem["reason"] or "")] += 1
            if isinstance(record, dict) and config.text_field in out:
                # Bytes from a .txt file are not JSON: keep them as text for inspection.
                value = out[config.text_field]
                if isinstance(value, bytes):
                    out[config.text_field] = value.decode("utf-8", "replace")
        else:
            result.repairs.update(str(repair.kind) for repair in article.repairs)
            result.removed.update(str(removed.reason) for removed in article.removed)
        result.lines.append((article is None, _dump_line(out)))
    return result


def _split_raws(chunk: list[_Raw]) -> list[list[_Raw]]:
    return [[raw] for raw in chunk]


def _crashed_raw(config: _Config, chunk: list[_Raw]) -> _ChunkResult:
    (raw,) = chunk
    _, source, line, _, _, _ = raw
    record_id = json.loads(_raw_id_key(raw, config.id_field))
    out: dict[str, Any] = {config.id_field: record_id}
    out["articlekit_version"] = _version()
    out["record_schema_version"] = RECORD_SCHEMA_VERSION
    out["error"] = {
        "type": WORKER_CRASH,
        "reason": "worker_crashed",
        "message": _CRASH_MESSAGE,
        "source": source,
        "line": line,
    }
    return _ChunkResult([(True, _dump_line(out))], Counter({f"{WORKER_CRASH}/worker_crashed": 1}))


def _join_results(results: list[_ChunkResult]) -> _ChunkResult:
    joined = _ChunkResult([])
    for result in results:
        joined.lines.extend(result.lines)
        joined.errors.update(result.errors)
        joined.repairs.update(result.repairs)
        joined.removed.update(result.removed)
    return joined


def _read_stream_lines(
    stream: IO[bytes], source: str, limit: int, stats: CorpusStats
) -> Iterator[_Raw]:
    number = 0
    while True:
        try:
            line = stream.readline(limit + 1)
        except (OSError, EOFError, zlib.error) as error:
            # A truncated or corrupt gzip file: report it once, keep what was read.
            problem = _RecordProblem(
                f"{source} cannot be read past line {number}: {error}", reason="unreadable_input"
            )
            yield (_UNREADABLE, source, number + 1, None, b"", problem)
            return
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
                size += len(line)
            too_large = _LineTooLarge(
                f"line {number} has {size} bytes, more than the {limit} read for one record "
                "(raise --max-chars to accept it)",
                size=size,
                limit=limit,
            )
            stats.bytes_in += size
            yield (_JSON, source, number, None, b"", too_large)
            continue
        stats.bytes_in += len(line)
        if not line.strip():
            stats.blank_lines += 1
            continue
        yield (_JSON, source, number, None, line, None)


def _read_folder(folder: Path, max_chars: int, stats: CorpusStats) -> Iterator[_Raw]:
    source = str(folder)
    paths = sorted(folder.rglob("*.txt"), key=lambda path: path.relative_to(folder).as_posix())
    for path in paths:
        if not path.is_file():
            continue
        text_id = path.relative_to(folder).as_posix()
        size = path.stat().st_size
        problem: BaseException | None = None
        payload = b""
        # A UTF-8 character is at most 4 bytes, so past 4 × max_chars bytes it is too large.
        if size > 4 * max_chars:
            problem = InputTooLargeError(
                f"{text_id} has {size} bytes, more than --max-chars allows",
                size=size,
                limit=max_chars,
            )
        else:
            try:
                payload = path.read_bytes()
            except OSError as error:
                problem = _RecordProblem(
                    f"{text_id} cannot be read: {error}", reason="unreadable_input"
                )
        stats.bytes_in += size
        yield (_TEXT, source, 0, text_id, payload, problem)


def _open_input(name: str) -> IO[bytes]:
    if name == "-":
        stdin = sys.stdin.buffer
        peek = getattr(stdin, "peek", None)
        if peek is not None and peek(2)[:2] == b"\x1f\x8b":  # gzip data piped in
            return gzip.GzipFile(fileobj=stdin, mode="rb")  # type: ignore[return-value]
        return stdin
    if name.endswith(".gz"):
        return gzip.open(name, "rb")  # type: ignore[return-value]
    return open(name, "rb", buffering=1 << 20)  # closed by the caller


def _read_inputs(inputs: Sequence[str], max_chars: int, stats: CorpusStats) -> Iterator[_Raw]:
    # A record's text may take up to 6 bytes per character in JSON (``\\uXXXX``).
    limit = 6 * max_chars + (1 << 16)
    for name in inputs:
        if name != "-" and Path(name).is_dir():
            yield from _read_folder(Path(name), max_chars, stats)
            continue
        stream = _open_input(name)
        try:
            yield from _read_stream_lines(stream, "<stdin>" if name == "-" else name, limit, stats)
        finally:
            if name != "-":
                stream.close()


def _id_key(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _raw_id_key(raw: _Raw, id_field: str) -> str:
    kind, source, line, text_id, payload, problem = raw
    if kind == _TEXT:
        return _id_key(text_id)
    value = None
    if problem is None:
        try:
            record = json.loads(payload)
        except ValueError:
            record = None
        if isinstance(record, dict):
            value = record.get(id_field)
    return _id_key(_fallback_id(source, line) if value is None else value)


def _complete_lines_plain(path: Path) -> Iterator[bytes]:
    """Yield the complete lines of ``path``; cut a partial last line off the file."""
    with open(path, "rb+") as stream:
        good = 0
        for line in stream:
            if not line.endswith(b"\n"):
                break
            good += len(line)
            yield line
        stream.truncate(good)


def _complete_lines_gzip(path: Path) -> Iterator[bytes]:
    """Yield the lines of the complete gzip members of ``path``; cut a partial member off."""
    with open(path, "rb+") as stream:
        good = 0
        consumed = 0
        decompressor = zlib.decompressobj(wbits=31)
        member = bytearray()
        while True:
            block = stream.read(1 << 20)
            if not block:
                break
            data = block
            while data:
                try:
                    member += decompressor.decompress(data)
                except zlib.error:
                    data = b""
                    consumed = -1
                    break
                if not decompressor.eof:
                    consumed += len(data)
                    break
                rest = decompressor.unused_data
                consumed += len(data) - len(rest)
                good = consumed
                lines = bytes(member).split(b"\n")
                yield from (line + b"\n" for line in lines[:-1])
                member = bytearray()
                decompressor = zlib.decompressobj(wbits=31)
                data = rest
            if consumed < 0:
                break
        stream.truncate(good)


def _existing_ids(path: Path, id_field: str) -> set[str]:
    """Return the id keys of the complete records of ``path``, after cutting any partial tail."""
    if not path.exists():
        return set()
    prefix = "{" + json.dumps(id_field, ensure_ascii=False) + ": "
    decoder = json.JSONDecoder()
    lines = _complete_lines_gzip(path) if path.name.endswith(".gz") else _complete_lines_plain(path)
    found: set[str] = set()
    for raw_line in lines:
        line = raw_line.decode("utf-8", "replace")
        try:
            if line.startswith(prefix):
                # Records are written with the id first: read only the id, not the article.
                value, _ = decoder.raw_decode(line, len(prefix))
            else:
                record = json.loads(line)
                value = record.get(id_field) if isinstance(record, dict) else None
        except ValueError:
            continue
        if value is not None:
            found.add(_id_key(value))
    return found


class _Writer:
    """Appends lines to a JSONL file (gzip: one member per write) or stdout; flushes each write."""

    def __init__(self, name: str, *, append: bool) -> None:
        self.name = name
        self.gzip = name.endswith(".gz")
        if name == "-":
            self.stream: IO[bytes] = sys.stdout.buffer
        else:
            self.stream = open(name, "ab" if append else "wb")  # noqa: SIM115

    def write(self, lines: list[bytes]) -> None:
        if not lines:
            return
        data = b"".join(lines)
        if self.gzip:
            # Each write is a complete gzip member: a file cut short stays readable up to its
            # last complete member, and resume can cut the partial one off.
            data = gzip.compress(data, compresslevel=6, mtime=0)
        self.stream.write(data)
        self.stream.flush()

    def close(self) -> None:
        if self.name != "-":
            self.stream.close()


def convert_corpus(
    inputs: Sequence[str],
    output: str,
    *,
    errors: str | None = None,
    text_field: str = "text",
    id_field: str = "id",
    fields: Iterable[str] | None = None,
    options: Options | None = None,
    workers: int | None = 1,
    resume: bool = False,
    chunksize: int = 64,
    chunk_bytes: int = 1 << 20,
    on_progress: Callable[[CorpusStats], None] | None = None,
) -> CorpusStats:
    """Return the counts after writing one output record per input record of ``inputs``.

    ``inputs`` are JSONL files (``.gz``: gzip), folders of ``.txt`` files (one record each, id
    = path relative to the folder) or ``-`` for standard input; ``output`` and ``errors`` are
    JSONL files (``.gz``: gzip) or ``-`` for standard output. Records are those of
    ``parse_record``; error records also say ``source`` and ``line`` in their ``error``, and go
    to ``errors`` when given. A record without an id gets ``"<source>:<line>"``. With ``resume``,
    the partial last line (or gzip member) of ``output``/``errors`` is cut off, records whose id
    is already there are skipped, and new records are appended. Output is written and flushed
    chunk by chunk. ``on_progress`` is called with the running counts after each chunk.
    See ``docs/corpus.md``.
    """
    chosen = _check_fields(fields)
    opts = Options.build(options)
    count = _resolve_workers(workers)
    if resume and "-" in (output, errors):
        raise ValueError("resume needs output files, not standard output")
    done: set[str] = set()
    if resume:
        done = _existing_ids(Path(output), id_field)
        if errors is not None:
            done |= _existing_ids(Path(errors), id_field)
    stats = CorpusStats()
    started = time.perf_counter()
    raws = _read_inputs(inputs, opts.max_chars, stats)
    if done:
        raws = _skip_done(raws, done, id_field, stats)
    config = _Config(text_field, id_field, opts, chosen)
    chunks = _chunk_raws(raws, chunksize, chunk_bytes, stats)
    out = _Writer(output, append=resume)
    err = _Writer(errors, append=resume) if errors is not None and errors != output else None
    try:
        recovery = _Recovery(_split_raws, partial(_crashed_raw, config), _join_results)
        for result in _ordered_map(partial(_convert_chunk, config), chunks, count, recovery):
            if err is None:
                out.write([line for _, line in result.lines])
            else:
                out.write([line for failed, line in result.lines if not failed])
                err.write([line for failed, line in result.lines if failed])
            stats.records_out += len(result.lines)
            stats.errors.update(result.errors)
            stats.repairs.update(result.repairs)
            stats.removed.update(result.removed)
            stats.seconds = time.perf_counter() - started
            if on_progress is not None:
                on_progress(stats)
    finally:
        out.close()
        if err is not None:
            err.close()
    stats.seconds = time.perf_counter() - started
    return stats


def _skip_done(
    raws: Iterable[_Raw], done: set[str], id_field: str, stats: CorpusStats
) -> Iterator[_Raw]:
    for raw in raws:
        if _raw_id_key(raw, id_field) in done:
            stats.records_in += 1
            stats.skipped_existing += 1
            continue
        yield raw


def _chunk_raws(
    raws: Iterable[_Raw], size: int, max_bytes: int, stats: CorpusStats
) -> Iterator[list[_Raw]]:
    chunk: list[_Raw] = []
    weight = 0
    for raw in raws:
        stats.records_in += 1
        chunk.append(raw)
        weight += len(raw[4])
        if len(chunk) >= size or weight >= max_bytes:
            yield chunk
            chunk, weight = [], 0
    if chunk:
        yield chunk
