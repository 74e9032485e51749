"""Golden repair cases from ``fixtures/repairs/``: in the wild, synthetic, must not change, and
known failures (run as strict xfail, so a fix shows up as an unexpected pass)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import articlekit

FIXTURES = Path(__file__).parent.parent / "fixtures" / "repairs"


def _cases(name: str) -> list[Any]:
    cases: list[dict[str, Any]] = json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))
    return [pytest.param(case, id=f"{name}-{index}") for index, case in enumerate(cases)]


def _check(case: dict[str, Any]) -> None:
    source = case["input"]
    cleaned, log = articlekit.clean(source, explain=True)
    assert cleaned == case.get("output", source), case["note"]
    assert articlekit.apply_repairs(source, log) == cleaned
    if "kinds" in case:
        assert sorted({str(r.kind) for r in log}) == sorted(case["kinds"])
    assert articlekit.clean(cleaned) == cleaned


@pytest.mark.parametrize("case", _cases("in_the_wild") + _cases("synthetic"))
def test_repaired(case: dict[str, Any]) -> None:
    assert case["output"] != case["input"]
    _check(case)


@pytest.mark.parametrize("case", _cases("must_not_change"))
def test_not_changed(case: dict[str, Any]) -> None:
    assert "output" not in case
    _, log = articlekit.clean(case["input"], explain=True)
    assert log == ()
    _check(case)


@pytest.mark.parametrize("case", _cases("known_failures"))
@pytest.mark.xfail(strict=True, reason="documented in fixtures/repairs/known_failures.json")
def test_known_failure(case: dict[str, Any]) -> None:
    _check(case)
