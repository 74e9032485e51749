"""Helpers for scaling tests: compare the time of the same work at n and 10n in one run.

Never an absolute wall-clock limit: only the ratio, measured so that load from other processes
does not decide the result.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable

import regex


def ratio(small: Callable[[], object], large: Callable[[], object]) -> float:
    """Time of ``large`` over time of ``small``: best of five alternating runs each, with the
    garbage collector paused; CPU time of this process, so that other processes on the
    machine do not count."""
    best = [float("inf"), float("inf")]
    gc.disable()
    try:
        for _ in range(5):
            for slot, run in enumerate((small, large)):
                start = time.process_time()
                run()
                best[slot] = min(best[slot], time.process_time() - start)
    finally:
        gc.enable()
    return best[1] / max(best[0], 1e-6)


def module_patterns(module: object) -> list[regex.Pattern[str]]:
    """The compiled ``regex`` patterns a module holds at top level."""
    return [value for value in vars(module).values() if isinstance(value, regex.Pattern)]


def regex_work(patterns: Iterable[regex.Pattern[str]], lines: list[str]) -> Callable[[], object]:
    """A function that runs ``search`` and ``fullmatch`` of every pattern on every line (both
    try every way a pattern can backtrack)."""
    chosen = list(patterns)
    return lambda: [(p.search(s), p.fullmatch(s)) for p in chosen for s in lines]
