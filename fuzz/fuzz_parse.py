"""Atheris (libFuzzer) harness: ``articlekit.parse`` must never raise anything but an
``ArticleKitError``, and what it returns must keep its invariants.

Run it (see ``fuzz/README.md``)::

    .venv/bin/pip install -e '.[fuzz]'
    .venv/bin/python fuzz/fuzz_parse.py -max_total_time=600 -rss_limit_mb=4096 \\
        -timeout=30 fuzz/corpus fuzz/seeds

Each input is read by a ``FuzzedDataProvider``: its first byte picks the mode (raw bytes, a
Unicode string, or text stitched from scraped-artifact fragments), the rest is the data. The
invariants and the fragments are those of ``tests/test_fuzz.py``, so the fuzzer and the test
suite check the same promises. Set ``ARTICLEKIT_FUZZ_ACCOUNTING=1`` to also require that every
input word is accounted for (``articlekit.account``).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

with atheris.instrument_imports():
    import articlekit
    from articlekit import ArticleKitError

from test_fuzz import FRAGMENTS, check_invariants

ACCOUNTING = os.environ.get("ARTICLEKIT_FUZZ_ACCOUNTING") == "1"
# With a log file, failures of the two "soft" checks (accounting, idempotence of clean) are
# appended to it as JSON lines and the run goes on: a long run then finds every kind of
# failure instead of stopping at the first known one. Exceptions and broken invariants of the
# Article always stop the run.
SOFT_LOG = os.environ.get("ARTICLEKIT_FUZZ_SOFT_LOG")
_logged: set[str] = set()


def _soft_failure(check: str, source: str | bytes, detail: str) -> None:
    if SOFT_LOG is None:
        raise AssertionError(f"{check}: {detail}")
    key = f"{check}:{detail[:60]}"
    if key in _logged or len(_logged) >= 200:
        return
    _logged.add(key)
    with open(SOFT_LOG, "a", encoding="utf-8") as log:
        record = {"check": check, "detail": detail, "input": repr(source)}
        log.write(json.dumps(record, ensure_ascii=False) + "\n")


def _source(provider: atheris.FuzzedDataProvider) -> str | bytes:
    mode = provider.ConsumeIntInRange(0, 2)
    if mode == 0:
        return provider.ConsumeBytes(provider.remaining_bytes())
    if mode == 1:
        return provider.ConsumeUnicode(provider.remaining_bytes())
    count = provider.ConsumeIntInRange(0, 80)
    return "".join(
        FRAGMENTS[provider.ConsumeIntInRange(0, len(FRAGMENTS) - 1)] for _ in range(count)
    )


def test_one_input(data: bytes) -> None:
    source = _source(atheris.FuzzedDataProvider(data))
    try:
        article = articlekit.parse(source)
    except ArticleKitError:
        return
    check_invariants(article)
    if ACCOUNTING:
        accounting = articlekit.account(source, article)
        if not accounting.ok:
            _soft_failure("accounting", source, str(accounting))
    if isinstance(source, str):
        once = articlekit.clean(source)
        twice = articlekit.clean(once)
        if twice != once:
            _soft_failure("clean idempotence", source, f"{once!r} -> {twice!r}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
