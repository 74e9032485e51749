"""``articlekit corpus``, run as a real command in a subprocess on real files.

The corpus is built from the development articles when they are present
(``../shared/eval/dev``), else from a few synthetic articles, plus broken lines of every kind.
"""

from __future__ import annotations

import gzip
import json
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path
from typing import Any

import pytest

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev" / "clean.jsonl"


def _articles(count: int = 6) -> list[dict[str, Any]]:
    if DEV.exists():
        with DEV.open(encoding="utf-8") as stream:
            rows = [json.loads(line) for _, line in zip(range(count), stream)]
        return [
            {"id": f"dev-{row['id']}", "url": row["source"], "text": row["text"]} for row in rows
        ]
    return [
        {"id": f"syn-{n}", "url": f"https://example.org/{n}", "text": _synthetic(n)}
        for n in range(count)
    ]


def _synthetic(n: int) -> str:
    return (
        f"Notes from the harbour, part {n}\n\nBy A. Writer\n\nThe boats came in early.\n\n"
        "## Weather\n\nIt rained &amp; the wind rose.\n\nShare this article\n"
    )


# The line separators inside a JSON string are legal JSON: a reader that splits on
# str.splitlines would cut this record in two.
SEPARATORS = {
    "id": "seps",
    "text": "Line\u2028separated title\n\nA body\x85 with NEL\u2029inside.\n",
}


def _lines(articles: list[dict[str, Any]]) -> list[bytes]:
    def dump(record: Any) -> bytes:
        return json.dumps(record, ensure_ascii=False).encode("utf-8")

    good = [dump(record) for record in articles]
    return [
        good[0],
        b"{not json at all",
        good[1],
        b"",
        dump({"id": "no-text", "body": "the text is elsewhere"}),
        b"   ",
        dump({"id": "number", "text": 12345}),
        dump(SEPARATORS),
        b'{"id": "latin1", "text": "caf\xe9"}',
        dump(["an", "array"]),
        *good[2:],
    ]


def _write(path: Path, lines: list[bytes]) -> Path:
    data = b"\n".join(lines) + b"\n"
    if path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return path


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "articlekit.cli", "corpus", *args],
        input=stdin,
        capture_output=True,
        timeout=180,
        check=False,
    )


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    return [json.loads(line) for line in data.split(b"\n") if line]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    return _write(folder / "in.jsonl.gz", _lines(_articles()))


@pytest.fixture(scope="module")
def full_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("full") / "out.jsonl"
    summary = out.with_suffix(".summary.json")
    result = _run(str(corpus), "-o", str(out), "--summary-json", str(summary))
    assert result.returncode == 0, result.stderr.decode()
    return out


def test_every_record_gives_one_output_record_in_order(full_run: Path) -> None:
    records = _read_jsonl(full_run)
    ids = [record["id"] for record in records]
    articles = _articles()
    assert (
        ids
        == [
            articles[0]["id"],
            ids[1],  # the invalid line: its id is "<source>:<line>", checked below
            articles[1]["id"],
            "no-text",
            "number",
            "seps",
            ids[6],  # not UTF-8: its id cannot be read either
            ids[7],  # an array, not an object
            *[article["id"] for article in articles[2:]],
        ]
    )
    assert ids[1].endswith("in.jsonl.gz:2")
    assert ids[6].endswith("in.jsonl.gz:9")
    assert ids[7].endswith("in.jsonl.gz:10")
    errors = {record["id"]: record["error"] for record in records if record["error"]}
    assert {key: (value["type"], value["reason"]) for key, value in errors.items()} == {
        ids[1]: ("RecordError", "invalid_json"),
        "no-text": ("RecordError", "missing_field"),
        "number": ("RecordError", "not_text"),
        ids[6]: ("RecordError", "undecodable"),
        ids[7]: ("RecordError", "not_object"),
    }
    assert errors["number"]["line"] == 7
    assert errors["number"]["source"].endswith("in.jsonl.gz")
    assert records[3]["body"] == "the text is elsewhere"  # bad records keep their fields


def test_line_separators_inside_strings_do_not_split_records(full_run: Path) -> None:
    data = full_run.read_bytes()
    # Escaped on output, so even a str.splitlines reader sees one record per line.
    for separator in ("\u2028", "\u2029", "\x85"):
        assert separator.encode() not in data
    assert len(data.decode().splitlines()) == len(data.split(b"\n")) - 1
    (seps,) = [record for record in _read_jsonl(full_run) if record["id"] == "seps"]
    assert seps["error"] is None
    assert seps["title"].startswith("Line")


def test_summary_counts(full_run: Path) -> None:
    summary = json.loads(full_run.with_suffix(".summary.json").read_text())
    assert summary["records_in"] == summary["records_out"] == 12
    assert summary["blank_lines"] == 2
    assert summary["errors"] == {
        "RecordError/invalid_json": 1,
        "RecordError/missing_field": 1,
        "RecordError/not_object": 1,
        "RecordError/not_text": 1,
        "RecordError/undecodable": 1,
    }
    assert summary["boilerplate_lines_removed"] == sum(summary["removed"].values())


def test_summary_on_stderr_and_strict_exit_status(corpus: Path, tmp_path: Path) -> None:
    result = _run(str(corpus), "-o", str(tmp_path / "o.jsonl"), "--strict")
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert "12 records in, 12 out" in stderr
    assert "errors: 5" in stderr
    assert "RecordError/invalid_json: 1" in stderr
    assert "boilerplate lines removed" in stderr
    clean = _write(tmp_path / "clean.jsonl", _lines(_articles())[:1])
    result = _run(str(clean), "-o", str(tmp_path / "c.jsonl"), "--strict", "--quiet")
    assert result.returncode == 0
    assert result.stderr == b""


def test_errors_file_takes_the_error_records(corpus: Path, tmp_path: Path) -> None:
    out, errors = tmp_path / "good.jsonl", tmp_path / "bad.jsonl.gz"
    result = _run(str(corpus), "-o", str(out), "--errors", str(errors), "--quiet")
    assert result.returncode == 0
    good, bad = _read_jsonl(out), _read_jsonl(errors)
    assert len(good) == 7
    assert len(bad) == 5
    assert all(record["error"] is None for record in good)
    assert all(record["error"] for record in bad)


def test_workers_give_the_same_output(corpus: Path, full_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "w2.jsonl"
    result = _run(str(corpus), "-o", str(out), "--workers", "2", "--chunksize", "2", "--quiet")
    assert result.returncode == 0, result.stderr.decode()
    assert out.read_bytes() == full_run.read_bytes()


def _cut(path: Path, fraction: float) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * fraction)])


@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz"])
def test_resume_after_an_interrupted_run(
    corpus: Path, full_run: Path, tmp_path: Path, name: str
) -> None:
    out = tmp_path / name
    args = (str(corpus), "-o", str(out), "--chunksize", "2", "--quiet")
    assert _run(*args).returncode == 0
    _cut(out, 0.6)  # as if killed while writing: a partial line, or a partial gzip member
    if name.endswith(".gz"):
        # Each chunk is its own gzip member: what was written before the cut still reads.
        partial = _complete_members(out.read_bytes())
        assert partial
        assert all(json.loads(line)["id"] for line in partial.split(b"\n") if line)
    else:
        assert not out.read_bytes().endswith(b"\n")
    result = _run(*args, "--resume", "--summary-json", str(tmp_path / "s.json"))
    assert result.returncode == 0, result.stderr.decode()
    assert _read_jsonl(out) == _read_jsonl(full_run)
    summary = json.loads((tmp_path / "s.json").read_text())
    assert 0 < summary["skipped_existing"] < 12
    assert summary["records_out"] + summary["skipped_existing"] == 12


def _complete_members(data: bytes) -> bytes:
    out = b""
    while data:
        decompressor = zlib.decompressobj(wbits=31)
        text = decompressor.decompress(data)
        if not decompressor.eof:
            break
        out += text
        data = decompressor.unused_data
    return out


def test_resume_skips_everything_already_done(corpus: Path, full_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "again.jsonl"
    out.write_bytes(full_run.read_bytes())
    result = _run(str(corpus), "-o", str(out), "--resume", "--quiet")
    assert result.returncode == 0
    assert out.read_bytes() == full_run.read_bytes()


def test_folder_of_text_files(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    (folder / "2024" / "may").mkdir(parents=True)
    (folder / "front.txt").write_text(_synthetic(1), encoding="utf-8")
    (folder / "2024" / "may" / "story.txt").write_bytes(_synthetic(2).encode("cp1252"))
    (folder / "2024" / "empty.txt").write_text("\n\n", encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = _run(str(folder), "-o", str(out), "--fields", "title,text", "--quiet")
    assert result.returncode == 0, result.stderr.decode()
    records = _read_jsonl(out)
    assert [record["id"] for record in records] == [
        "2024/empty.txt",
        "2024/may/story.txt",
        "front.txt",
    ]
    assert records[0]["error"]["type"] == "EmptyArticleError"
    assert records[1]["title"] == "Notes from the harbour, part 2"
    assert set(records[2]) == {
        "id",
        "articlekit_version",
        "record_schema_version",
        "title",
        "text",
        "error",
    }


def test_stdin_to_stdout_as_markdown() -> None:
    lines = [json.dumps({"doc": "a", "content": _synthetic(3)}).encode(), b""]
    result = _run(
        "-",
        "-o",
        "-",
        "--text-field",
        "content",
        "--id-field",
        "doc",
        "--format",
        "markdown",
        stdin=b"\n".join(lines),
    )
    assert result.returncode == 0, result.stderr.decode()
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["doc"] == "a"
    assert record["markdown"].startswith("# Notes from the harbour, part 3\n")
    assert "content" not in record


def test_gzip_on_stdin(corpus: Path, full_run: Path) -> None:
    result = _run("-", "-o", "-", "--quiet", stdin=corpus.read_bytes())
    assert result.returncode == 0, result.stderr.decode()
    got = [json.loads(line) for line in result.stdout.split(b"\n") if line]
    expected = _read_jsonl(full_run)
    for record in (*got, *expected):
        if record["error"]:  # their ids and sources name the file or <stdin>
            record["id"] = record["error"]["source"] = None
    assert got == expected


def test_records_without_id_get_source_and_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": _synthetic(4)}).encode(),
        json.dumps({"id": None, "text": _synthetic(5)}).encode(),
    ]
    source = _write(tmp_path / "noid.jsonl", lines)
    out = tmp_path / "out.jsonl"
    assert _run(str(source), "-o", str(out), "--fields", "title", "--quiet").returncode == 0
    records = _read_jsonl(out)
    assert [record["id"] for record in records] == [f"{source}:1", f"{source}:2"]
    assert list(records[1])[0] == "id"


def test_oversized_records_are_refused(tmp_path: Path) -> None:
    big = json.dumps({"id": "big", "text": "word " * 50_000}).encode()
    small = json.dumps({"id": "medium", "text": "Title\n\n" + "word " * 300}).encode()
    source = _write(tmp_path / "big.jsonl", [big, small])
    out = tmp_path / "out.jsonl"
    result = _run(str(source), "-o", str(out), "--max-chars", "1000", "--quiet", "--strict")
    assert result.returncode == 1
    big_out, medium_out = _read_jsonl(out)
    assert big_out["error"]["type"] == "InputTooLargeError"
    assert big_out["error"]["reason"] == "line_too_large"
    assert "text" not in big_out  # never decoded
    assert medium_out["error"]["type"] == "InputTooLargeError"


def test_truncated_gzip_input_gives_an_error_record(corpus: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(corpus.read_bytes()[:-200])
    out = tmp_path / "out.jsonl"
    result = _run(str(cut), "-o", str(out), "--quiet")
    assert result.returncode == 0
    last = _read_jsonl(out)[-1]
    assert last["error"]["reason"] == "unreadable_input"


def test_usage_errors(tmp_path: Path, corpus: Path) -> None:
    assert _run(str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o")).returncode == 1
    bad_field = _run(str(corpus), "-o", str(tmp_path / "o"), "--fields", "colour")
    assert bad_field.returncode == 2
    assert b"unknown field" in bad_field.stderr
    assert _run(str(corpus), "-o", "-", "--resume").returncode == 2


def test_resume_with_an_errors_file(corpus: Path, tmp_path: Path) -> None:
    out, errors = tmp_path / "good.jsonl.gz", tmp_path / "bad.jsonl"
    args = (str(corpus), "-o", str(out), "--errors", str(errors), "--chunksize", "3", "--quiet")
    assert _run(*args).returncode == 0
    full_good, full_bad = _read_jsonl(out), _read_jsonl(errors)
    _cut(out, 0.5)
    errors.write_bytes(errors.read_bytes()[:-10])  # a partial last error record
    result = _run(*args, "--resume", "--summary-json", str(tmp_path / "s.json"))
    assert result.returncode == 0, result.stderr.decode()
    assert sorted(r["id"] for r in _read_jsonl(out)) == sorted(r["id"] for r in full_good)
    assert [r["id"] for r in _read_jsonl(errors)] == [r["id"] for r in full_bad]
    summary = json.loads((tmp_path / "s.json").read_text())
    assert summary["records_out"] + summary["skipped_existing"] == 12


def test_sigterm_stops_cleanly_and_resume_finishes(tmp_path: Path) -> None:
    articles = _articles()
    # Enough work that the signal lands mid-run: the first flush comes after a few records.
    records = 1000
    lines = [
        json.dumps({"id": f"n{n}", "text": articles[n % len(articles)]["text"]}).encode()
        for n in range(records)
    ]
    source = _write(tmp_path / "many.jsonl", lines)
    out = tmp_path / "out.jsonl"
    args = [str(source), "-o", str(out), "--workers", "2", "--chunksize", "2", "--quiet"]
    command = [sys.executable, "-m", "articlekit.cli", "corpus", *args]
    process = subprocess.Popen(command, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size == 0):
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr.decode()
    assert b"--resume" in stderr
    done = _read_jsonl(out)  # every line complete and valid
    assert 0 < len(done) < records
    assert _run(*args, "--resume").returncode == 0
    assert [record["id"] for record in _read_jsonl(out)] == [f"n{n}" for n in range(records)]
