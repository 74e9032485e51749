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
            raise AssertionError(f"words lost: {accounting}")
    if isinstance(source, str):
        once = articlekit.clean(source)
        if articlekit.clean(once) != once:
            raise AssertionError("clean is not idempotent")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
