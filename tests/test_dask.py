"""articlekit.dask on a real local cluster (2 worker processes) against the one-process result."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from articlekit import parse_record

pytest.importorskip("dask")
pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

from articlekit.dask import DATAFRAME_COLUMNS, parse_bag, parse_dataframe  # noqa: E402

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev" / "corrupted.jsonl"


def _records() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    if DEV.exists():
        with DEV.open(encoding="utf-8") as stream:
            for _, line in zip(range(8), stream):
                row = json.loads(line)
                rows.append({"id": row["id"], "lang": row["lang"], "text": row["text"]})
    else:
        rows = [
            {"id": str(n), "lang": "en", "text": f"Title {n}\n\nSome&nbsp;text about {n}.\n"}
            for n in range(8)
        ]
    rows.insert(3, {"id": "empty", "lang": "en", "text": "   "})
    rows.insert(5, {"id": "missing", "lang": "en"})
    rows.insert(6, {"id": "number", "lang": "en", "text": 7})
    return rows


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as dask_client,
    ):
        yield dask_client


def test_parse_bag_matches_parse_record(client: Client) -> None:
    records = _records()
    bag = db.from_sequence(records, npartitions=4)
    out = parse_bag(bag, wpm=200).compute()
    from articlekit import Options

    assert out == [parse_record(record, options=Options(wpm=200)) for record in records]
    assert [record["error"] is None for record in out].count(False) == 3


def test_parse_bag_written_by_the_workers(client: Client, tmp_path: Path) -> None:
    records = _records()
    bag = parse_bag(db.from_sequence(records, npartitions=3), fields=["title", "text"])
    bag.map(json.dumps).to_textfiles(str(tmp_path / "part-*.jsonl"))
    lines = [
        json.loads(line)
        for path in sorted(tmp_path.glob("part-*.jsonl"))
        for line in path.read_text().splitlines()
    ]
    assert lines == [parse_record(record, fields=["title", "text"]) for record in records]


def test_parse_bag_rejects_unknown_fields_on_the_client() -> None:
    with pytest.raises(ValueError, match="unknown field"):
        parse_bag(db.from_sequence([{"text": "x"}]), fields=["colour"])


def _frame() -> Any:
    records = [record for record in _records() if isinstance(record.get("text"), str)]
    records.append({"id": "null", "lang": "en", "text": None})
    return pd.DataFrame(records)


def test_parse_dataframe_matches_one_process(client: Client) -> None:
    frame = _frame()
    expected = parse_dataframe(dd.from_pandas(frame, npartitions=1)).compute(scheduler="sync")
    result = parse_dataframe(dd.from_pandas(frame, npartitions=3))
    got = result.compute()
    pd.testing.assert_frame_equal(got, expected)
    new = [f"article_{name}" for name in DATAFRAME_COLUMNS]
    assert list(got.columns) == [*frame.columns, *new]
    # The declared meta is what the partitions really hold.
    assert got.dtypes.to_dict() == result.dtypes.to_dict()
    empty = got.set_index("id").loc["empty"]
    assert empty["article_error_type"] == "EmptyArticleError"
    assert pd.isna(empty["article_title"])
    null = got.set_index("id").loc["null"]
    assert null["article_error_type"] == "TypeError"
    first = got.iloc[0]
    assert json.loads(first["article_json"])["title"] == first["article_title"]


def test_a_clear_message_without_dask(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask", None)
    with pytest.raises(ImportError, match=r"pip install 'articlekit\[dask\]'"):
        parse_bag([])
