"""Reading the parse tree of a stdlib regular expression, for tests that prove a shortcut.

A fast path that skips a pattern unless a line starts with certain text is exact only if every
match of the pattern starts with that text: ``literal_starts`` lists what a pattern can start
with, read from the pattern itself.
"""

from __future__ import annotations

try:  # the regular-expression parser moved in Python 3.11
    import re._constants as sre_constants  # type: ignore[import-not-found]
    import re._parser as sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants
    import sre_parse

__all__ = ["literal_starts", "sre_constants", "sre_parse"]


def literal_starts(items: object, prefix: str = "") -> set[str]:
    """The literal texts a parsed stdlib pattern can start with, each cut at its first
    non-literal item (lower case)."""
    states = {prefix}
    done: set[str] = set()
    for op, av in items:  # type: ignore[attr-defined]
        if op is sre_constants.AT:
            continue
        following: set[str] = set()
        for state in states:
            if op is sre_constants.LITERAL:
                following.add(state + chr(av).lower())
            elif op is sre_constants.SUBPATTERN:
                following |= literal_starts(av[-1], state)
            elif op is sre_constants.BRANCH:
                for branch in av[1]:
                    following |= literal_starts(branch, state)
            elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
                if av[0] == 0:
                    following.add(state)
                done.update(literal_starts(av[2], state))
            else:
                done.add(state)
        states = following
    return states | done
