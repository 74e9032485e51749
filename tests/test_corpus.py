"""parse_many and parse_record: order, errors in place, laziness, workers, the record layout."""

from __future__ import annotations

import functools
import itertools
import json
import os
import threading
from collections.abc import Iterator
from typing import Any

import pytest

import articlekit
from articlekit import Article, Options, ParseFailure, corpus, parse_many, parse_record
from articlekit.corpus import ARTICLE_FIELDS, RECORD_SCHEMA_VERSION


def _doc(n: int) -> str:
    return f"Report number {n}\n\nThe committee met on day {n} and agreed on the budget.\n"


def test_parse_many_keeps_input_order() -> None:
    results = list(parse_many(_doc(n) for n in range(40)))
    assert [r.title for r in results if isinstance(r, Article)] == [
        f"Report number {n}" for n in range(40)
    ]


def test_failures_take_the_place_of_their_document() -> None:
    texts: list[object] = [_doc(0), "", _doc(2), 42, _doc(4)]
    results = list(parse_many(texts, chunksize=2))  # type: ignore[arg-type]
    assert [type(r).__name__ for r in results] == [
        "Article",
        "ParseFailure",
        "Article",
        "ParseFailure",
        "Article",
    ]
    empty, not_text = results[1], results[3]
    assert isinstance(empty, ParseFailure)
    assert isinstance(not_text, ParseFailure)
    assert (empty.index, empty.error_type) == (1, "EmptyArticleError")
    assert (not_text.index, not_text.error_type) == (3, "InputTypeError")
    assert empty.to_dict() == {
        "index": 1,
        "error_type": "EmptyArticleError",
        "message": empty.message,
    }


class _Counted:
    """An endless stream of documents that counts how many were taken from it."""

    def __init__(self) -> None:
        self.taken = 0

    def __iter__(self) -> Iterator[str]:
        for n in itertools.count():
            self.taken = n + 1
            yield _doc(n)


def test_parse_many_is_lazy_on_an_endless_generator() -> None:
    # list() of this input would never return: parse_many must pull only what it needs.
    source = _Counted()
    first = list(itertools.islice(parse_many(source, chunksize=8), 3))
    assert [r.title for r in first if isinstance(r, Article)] == [
        "Report number 0",
        "Report number 1",
        "Report number 2",
    ]
    assert source.taken == 8


def test_parse_many_with_workers_is_lazy_and_bounded() -> None:
    source = _Counted()
    results = parse_many(source, workers=2, chunksize=5)
    taken = list(itertools.islice(results, 12))
    results.close()  # shuts the pool down
    assert len(taken) == 12
    # At most 2 × workers chunks in flight, plus the one being read.
    assert 12 <= source.taken <= 5 * (2 * 2 + 3)


def test_a_worker_skips_the_rest_of_its_chunk_once_the_pool_stops(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Bug: an interrupted run terminated its workers, which could cut a result in the middle
    # of the pipe and leave the pool's reader thread (and so the command) waiting forever.
    # Workers now finish the document in hand and skip the rest when the stop flag is set.
    stop = threading.Event()
    monkeypatch.setattr(corpus, "_stop_flag", stop)
    chunk: tuple[int, list[str | bytes]] = (0, [_doc(0), _doc(1)])
    assert len(corpus._parse_chunk(Options(), chunk)) == 2
    stop.set()
    assert corpus._parse_chunk(Options(), chunk) == []


def test_stopping_a_pool_early_returns_promptly_again_and_again() -> None:
    # The consumer stops while chunks are in flight, many times over: the pool shuts down
    # every time (a hang would leave the thread alive).
    def consume() -> None:
        for _ in range(5):
            results = parse_many((_doc(n) for n in range(400)), workers=2, chunksize=2)
            next(results)
            results.close()

    thread = threading.Thread(target=consume, daemon=True)
    thread.start()
    thread.join(timeout=120)
    assert not thread.is_alive()


def test_workers_give_the_same_results_as_one_process() -> None:
    texts: list[str | bytes] = [_doc(n) for n in range(30)]
    texts[7] = "   \n"
    texts[11] = "Caf\xe9 menu\n\nOpen&nbsp;late on Fridays.\n".encode("cp1252")
    one = list(parse_many(texts, workers=1, chunksize=4))
    two = list(parse_many(texts, workers=2, chunksize=4))
    assert one == two
    assert isinstance(one[7], ParseFailure)
    assert isinstance(one[11], Article)


def test_parse_many_checks_its_arguments() -> None:
    with pytest.raises(ValueError, match="workers"):
        next(parse_many([_doc(1)], workers=0))
    with pytest.raises(ValueError, match="chunksize"):
        next(parse_many([_doc(1)], chunksize=0))


def test_parse_many_passes_options() -> None:
    (article,) = parse_many([_doc(1)], options=Options(wpm=100))
    assert isinstance(article, Article)
    assert article.reading_time.wpm == 100


def test_parse_record_keeps_fields_and_adds_the_article() -> None:
    record = {"url": "https://example.org/a", "text": _doc(3), "id": "a-3", "lang": "en"}
    out = parse_record(record)
    assert list(out)[0] == "id"
    assert out["url"] == "https://example.org/a"
    assert out["lang"] == "en"
    assert "text" not in out  # the raw text is replaced by the article
    assert out["articlekit_version"] == articlekit.__version__
    assert out["record_schema_version"] == RECORD_SCHEMA_VERSION
    assert out["error"] is None
    assert set(ARTICLE_FIELDS) <= set(out)
    assert out["title"] == "Report number 3"
    assert json.loads(json.dumps(out)) == out


def test_parse_record_with_chosen_fields() -> None:
    out = parse_record({"id": 1, "body": _doc(4)}, text_field="body", fields=["title", "text"])
    assert out["title"] == "Report number 4"
    assert out["text"] == "The committee met on day 4 and agreed on the budget."
    assert "blocks" not in out
    assert "body" not in out
    assert parse_record({"text": _doc(4)}, fields="title, text")["text"] == out["text"]
    markdown = parse_record({"text": _doc(5)}, fields=["markdown"])["markdown"]
    assert markdown.startswith("# Report number 5\n")
    blocks = parse_record({"text": _doc(5)}, fields=["blocks"])["blocks"]
    assert blocks[0]["kind"] == "paragraph"


def test_parse_record_rejects_unknown_fields() -> None:
    with pytest.raises(ValueError, match="unknown field"):
        parse_record({"text": _doc(1)}, fields=["title", "colour"])


@pytest.mark.parametrize(
    ("record", "error_type", "reason"),
    [
        ({"id": 1}, "RecordError", "missing_field"),
        ({"id": 2, "text": None}, "RecordError", "not_text"),
        ({"id": 3, "text": 12.5}, "RecordError", "not_text"),
        ({"id": 4, "text": ["a", "b"]}, "RecordError", "not_text"),
        (["not", "a", "mapping"], "RecordError", "not_object"),
        (None, "RecordError", "not_object"),
        ({"id": 5, "text": "  \n\n "}, "EmptyArticleError", None),
        ({"id": 6, "text": "x" * 50}, "InputTooLargeError", None),
    ],
)
def test_bad_records_give_error_records(record: object, error_type: str, reason: str) -> None:
    out = parse_record(record, options=Options(max_chars=40))
    assert out["error"]["type"] == error_type
    assert out["error"]["reason"] == reason
    assert out["error"]["message"]
    assert "title" not in out
    if isinstance(record, dict):
        assert {key: out[key] for key in record} == record  # kept for inspection
    json.dumps(out)


def test_article_fields_replace_record_fields_of_the_same_name() -> None:
    out = parse_record({"id": 9, "title": "old", "text": _doc(9)})
    assert out["title"] == "Report number 9"


# A worker process that dies (killed for memory, a crash in C code) must cost only the document
# that killed it. Nothing in articlekit crashes on purpose, so these stand-ins for the workers'
# functions exit the process on a marker; they live here so the workers can import them.


def _parse_or_die(chunk: tuple[int, list[str | bytes]]) -> list[Article | ParseFailure]:
    if any(text == "DIE" for text in chunk[1]):
        os._exit(3)
    return corpus._parse_chunk(Options(), chunk)


def _convert_or_die(chunk: list[Any]) -> Any:
    if any(b"DIE" in raw[4] for raw in chunk):
        os._exit(3)
    return corpus._convert_chunk(corpus._Config("text", "id", Options(), ("title",)), chunk)


def test_a_dead_worker_costs_only_its_document() -> None:
    texts: list[str | bytes] = [_doc(n) for n in range(23)]
    texts[5] = "DIE"
    texts[17] = "DIE"
    chunks = [(first, texts[first : first + 4]) for first in range(0, len(texts), 4)]
    recovery = corpus._Recovery(
        corpus._split_numbered, corpus._crashed_document, corpus._concatenate
    )
    results = [
        item
        for chunk_result in corpus._ordered_map(_parse_or_die, chunks, 2, recovery)
        for item in chunk_result
    ]
    assert len(results) == 23
    for index, result in enumerate(results):
        if index in (5, 17):
            assert isinstance(result, ParseFailure)
            assert (result.index, result.error_type) == (index, corpus.WORKER_CRASH)
        else:
            assert isinstance(result, Article)
            assert result.title == f"Report number {index}"


def test_the_pool_starts_all_its_workers_at_once() -> None:
    # Bug: a submit that spawned a worker while the pool's manager thread was failing the pool
    # after a worker died raced with it, and test_a_dead_worker_costs_only_its_document hung
    # about once in 30 runs. Workers now all start with the first chunk.
    pool = corpus._Pool(len, 2, None)
    try:
        assert pool.submit([1, 2, 3]).result() == 3
        assert len(pool.executor._processes) == 2  # type: ignore[attr-defined]
    finally:
        pool.executor.shutdown(wait=True)


def test_a_dead_worker_gives_an_error_record_in_place() -> None:
    lines = [json.dumps({"id": f"r{n}", "text": _doc(n)}).encode() for n in range(9)]
    lines[4] = json.dumps({"id": "killer", "text": "DIE"}).encode()
    raws = [(corpus._JSON, "in.jsonl", n + 1, None, line, None) for n, line in enumerate(lines)]
    chunks = [raws[start : start + 3] for start in range(0, len(raws), 3)]
    config = corpus._Config("text", "id", Options(), ("title",))
    recovery = corpus._Recovery(
        corpus._split_raws, functools.partial(corpus._crashed_raw, config), corpus._join_results
    )
    results = list(corpus._ordered_map(_convert_or_die, chunks, 2, recovery))
    records = [json.loads(line) for result in results for _, line in result.lines]
    assert [record["id"] for record in records] == [f"r{n}" for n in range(4)] + [
        "killer",
        *[f"r{n}" for n in range(5, 9)],
    ]
    assert records[4]["error"]["type"] == corpus.WORKER_CRASH
    assert records[4]["error"]["line"] == 5
    assert sum(result.errors[f"{corpus.WORKER_CRASH}/worker_crashed"] for result in results) == 1
    assert records[5]["title"] == "Report number 5"
