"""Rules must be general: no string of the seed article or of the eval set may appear in src/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SEED = ROOT / "fixtures" / "seed" / "partnership.txt"
EVAL = ROOT.parent / "shared" / "eval" / "dev"
SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "src").rglob("*.py")))


def test_no_seed_line_or_name_in_src() -> None:
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    leaks = [line for line in lines if len(line) >= 12 and line in SOURCE]
    names = [n for n in ("Microsoft", "OpenAI", "Copilot", "AI Tool Review") if n in SOURCE]
    assert leaks == []
    assert names == []


@pytest.mark.skipif(not EVAL.is_dir(), reason="the eval set is not beside this checkout")
def test_no_eval_title_heading_or_boilerplate_in_src() -> None:
    leaks: set[str] = set()
    for path in EVAL.glob("*.jsonl"):
        for raw in path.read_text(encoding="utf-8").split("\n"):
            if not raw.strip():
                continue
            record = json.loads(raw)
            candidates = [record["title"], *(h["text"] for h in record["headings"])]
            candidates += [b["text"] for b in record.get("boilerplate", [])]
            leaks.update(c for c in candidates if len(c) >= 16 and c in SOURCE)
    assert sorted(leaks) == []
