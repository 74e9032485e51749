"""Every regex and scan of the repair stage stays linear on long adversarial lines.

Each case is timed at n and 10n characters in the same run (best of three, n grown until one run
is measurable); the ratio must stay well under the 100 that a quadratic path would give. No
absolute time is asserted.
"""

from __future__ import annotations

import time

import pytest

from articlekit.repair import repair_line

# name: (prefix, unit repeated to the size, suffix)
ADVERSARIAL = {
    "quote_gt": ("", '">', ""),
    "open_link_no_quote_end": ("", '<a href="', ""),
    "amp_entities": ("", "&amp;", ""),
    "amp_chain": ("&", "amp;", ""),
    "nested_tags": ("", "<b><i>", ""),
    "tags_and_spaces": ("", "<b>    ", ""),
    "attribute_chain": ("", '" a="b"', ">x"),
    "markers_with_anchor": ("", ' x" rel="nofollow">x', ""),
    "breadcrumbs": ("", "News > ", 'x" rel="nofollow">x'),
    "mojibake": ("", "Ã©â€™ x", ""),
    "mojibake_no_spaces": ("", "Ã©â€™", ""),
    "zero_width": ("", "a\u200b", ""),
    "bidi_openers": ("", "\u202a", ""),
    "lone_lt": ("", "<", ""),
    "tag_with_spaces": ("", "<a" + " " * 40, ""),
    "br_in_style": ("", '<span style="a:<br>b">x', ""),
    "cjk_residue": ("", '百物語" rel="nofollow">百物語', ""),
    "unclosed_attribute": ("", '<span style="', ""),
    "entity_lookalikes": ("", "&#x;&abc", ""),
    "gt_quote_words": ("", '>" ', ""),
}


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        repair_line(text)
        best = min(best, time.perf_counter() - start)
    return best


def _ratio(prefix: str, unit: str, suffix: str) -> float:
    size = 10_000
    # Grow n until one run takes a measurable time, so timer and scheduler noise stay small.
    while (small := _seconds(prefix + unit * (size // len(unit)) + suffix)) < 0.01:
        if size >= 400_000:
            break
        size *= 2
    large = _seconds(prefix + unit * (10 * size // len(unit)) + suffix)
    return large / max(small, 1e-6)


@pytest.mark.slow
@pytest.mark.parametrize("case", ADVERSARIAL.values(), ids=list(ADVERSARIAL))
def test_repair_is_linear(case: tuple[str, str, str]) -> None:
    # A second measurement only when the first is off: on a loaded machine one run can stall.
    assert _ratio(*case) < 15 or _ratio(*case) < 15
