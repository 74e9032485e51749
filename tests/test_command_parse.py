"""``articlekit parse``: the real command, run in a subprocess on real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SEED = Path(__file__).parent.parent / "fixtures" / "seed" / "partnership.txt"


def _articlekit(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "articlekit.cli", *args],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=120,
    )


def test_parse_json_on_the_seed_fixture() -> None:
    result = _articlekit("parse", str(SEED), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    expected = json.loads((SEED.parent / "expected.json").read_text(encoding="utf-8"))
    assert data["title"] == expected["title"]
    assert len(data["blocks"]) == len(expected["blocks"])


def test_parse_markdown_from_stdin() -> None:
    text = "Notes on Sourdough\n\nWhy starters fail\n\nMostly because of temperature.\n"
    result = _articlekit("parse", "-", "--format", "markdown", stdin=text.encode())
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert out.startswith("# Notes on Sourdough\n")
    assert "Mostly because of temperature." in out


def test_parse_text_format() -> None:
    result = _articlekit("parse", "-", "--format", "text", stdin=b"Title\n\nBody text here.\n")
    assert result.returncode == 0
    assert result.stdout.decode() == "Title\n\nBody text here.\n"


def test_explain_shows_features_per_block() -> None:
    result = _articlekit("parse", str(SEED), "--format", "text", "--explain")
    assert result.returncode == 0, result.stderr
    assert "score=" in result.stdout.decode()


def test_missing_file_is_a_clear_error_not_a_traceback() -> None:
    result = _articlekit("parse", "/nonexistent/article.txt")
    assert result.returncode == 1
    assert b"cannot read" in result.stderr
    assert b"Traceback" not in result.stderr


def test_binary_input_is_refused_with_the_error_type() -> None:
    result = _articlekit("parse", "-", stdin=b"\x00\x01\x02binary\x00")
    assert result.returncode == 1
    assert b"NotTextError" in result.stderr


def test_empty_input_is_refused() -> None:
    result = _articlekit("parse", "-", stdin=b"   \n\n")
    assert result.returncode == 1
    assert b"EmptyArticleError" in result.stderr
