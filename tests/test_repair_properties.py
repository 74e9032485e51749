"""Properties of the repair stage over generated prose, with and without injected artifacts.

Clean prose comes back byte for byte with an empty log; one injected artifact is repaired back
to the prose exactly, by repairs that stay inside the artifact; any text is repaired
idempotently, and its log replays to the output.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

import articlekit
from articlekit import Options, RepairKind
from articlekit.lines import join_lines, split_lines
from articlekit.repair import repair_lines

SETTINGS = settings(max_examples=150, deadline=None)

_LATIN = "abcdefghijklmnopqrstuvwxyz"
_ACCENTED = "éèàüöçñøåß"
word = st.text(alphabet=_LATIN + _LATIN.upper() + _ACCENTED, min_size=1, max_size=10)
cjk_word = st.text(alphabet="日本語中文字漢かなカナ", min_size=1, max_size=4)
punctuation = st.sampled_from([",", ".", ";", ":", " —", "!", "?", "’s", "”", "…", " (a)", " 42%"])
token = st.one_of(
    word,
    word.map(lambda w: w + "’s"),
    cjk_word,
    st.builds(lambda w, p: w + p, word, punctuation),
    st.sampled_from(["AT&T", "R&D", "Q&A", "a < b", "Vec<T>", "x<y", "“quoted”", "‘single’"]),
    st.sampled_from(["👩\u200d💻", "e\u0301", "ﬁne", "ＡＢ", "\t", "10 km", "#tag", "@name"]),
)
line = st.lists(token, min_size=1, max_size=25).map(" ".join)
prose = st.lists(line, min_size=1, max_size=6).map("\n".join)


def _repair(text: str) -> tuple[str, tuple[articlekit.Repair, ...]]:
    result = repair_lines(split_lines(text), Options())
    return join_lines(result.lines), result.repairs


@SETTINGS
@given(prose)
def test_clean_prose_is_unchanged(text: str) -> None:
    assert _repair(text) == (text, ())


# Each injector turns a word into its artifact; the word is what must come back.
Injector = Callable[[str], str]
INJECTORS: dict[str, Injector] = {
    "entity_apostrophe": lambda w: w + "&rsquo;s",
    "double_escape": lambda w: w + "&amp;amp;" + w,
    "numeric": lambda w: w + "&#8217;s",
    "mojibake": lambda w: (w + "’é").encode("utf-8").decode("cp1252", errors="replace"),
    "zero_width": lambda w: w[:1] + "\u200b" + w[1:],
    "soft_hyphen": lambda w: w[:1] + "\u00ad" + w[1:],
    "strong": lambda w: "<strong>" + w + "</strong>",
    "span": lambda w: '<span style="font-weight: 400;">' + w + "</span>",
    "literal_link": lambda w: '<a href="https://example.org/x?a=1&b=2">' + w + "</a>",
    "closing_tag": lambda w: w + "</a>",
    "residue": lambda w: w + ' - Review" target="_blank" rel="noopener">' + w,
    "nested_residue": lambda w: w + ' Gets a Major Update">' + w + ' - Guide" rel="nofollow">' + w,
    "dangling_tail": lambda w: '" rel="nofollow">' + w,
    "escaped_residue": lambda w: w + "&quot; rel=&quot;nofollow&quot;&gt;" + w,
}
EXPECTED: dict[str, Injector] = {
    "entity_apostrophe": lambda w: w + "’s",
    "double_escape": lambda w: w + "&" + w,
    "numeric": lambda w: w + "’s",
    "mojibake": lambda w: w + "’é",
}


@SETTINGS
@given(
    st.lists(word, min_size=1, max_size=12),
    # "<b> tag" names a tag instead of using one, so the word after the artifact is not "tag".
    st.lists(word.filter(lambda w: w not in ("tag", "tags", "element", "elements")), max_size=12),
    st.text(alphabet=_LATIN, min_size=3, max_size=10),
    st.sampled_from(sorted(INJECTORS)),
)
def test_one_artifact_is_repaired_locally(
    head: list[str], tail: list[str], target: str, kind: str
) -> None:
    before = " ".join(head) + " "
    after = (" " + " ".join(tail)) if tail else ""
    artifact = INJECTORS[kind](target)
    corrupted = before + artifact + after
    expected = before + EXPECTED.get(kind, lambda w: w)(target) + after
    cleaned, log = _repair(corrupted)
    assert cleaned == expected
    assert articlekit.apply_repairs(corrupted, log) == cleaned
    for repair in log:  # local: inside the artifact, give or take the space next to it
        assert len(before) - 1 <= repair.start
        assert repair.end <= len(before) + len(artifact) + 1


@SETTINGS
@given(
    st.lists(
        st.tuples(st.lists(word, min_size=1, max_size=6), st.sampled_from(sorted(INJECTORS))),
        min_size=1,
        max_size=4,
    ),
    st.text(alphabet=_LATIN, min_size=3, max_size=10),
)
def test_several_artifacts_lose_no_word(parts: list[tuple[list[str], str]], target: str) -> None:
    corrupted = expected = ""
    for words, kind in parts:
        corrupted += " ".join(words) + " " + INJECTORS[kind](target) + " "
        expected += " ".join(words) + " " + EXPECTED.get(kind, lambda w: w)(target) + " "
    cleaned, log = _repair(corrupted)
    assert cleaned == expected
    assert articlekit.apply_repairs(corrupted, log) == cleaned


artifact_soup = st.lists(
    st.one_of(
        token,
        st.sampled_from(
            [
                "&amp;",
                "&amp;amp;",
                "&lt;b&gt;",
                "&quot;",
                "&nbsp;",
                "<br>",
                "<p>",
                "</p>",
                "<strong>",
                '<a href="x">',
                "</a>",
                '">',
                '" rel="nofollow">',
                ">",
                '"',
                "â€™",
                "Ã©",
                "\u200b",
                "\u00ad",
                "\ufeff",
                "\u00a0",
                "\u202a",
                "&#10;",
            ]
        ),
    ),
    max_size=30,
).map("".join)


@SETTINGS
@given(st.one_of(artifact_soup, st.text(max_size=80)))
def test_any_text_repairs_idempotently_and_replays(text: str) -> None:
    cleaned, log = _repair(text)
    assert articlekit.apply_repairs(text, log) == cleaned
    assert _repair(cleaned)[0] == cleaned
    assert len(split_lines(cleaned)) == len(split_lines(text))
    positions = [(r.start, r.end) for r in log]
    assert positions == sorted(positions)
    assert all(end <= next_start for (_, end), (next_start, _) in zip(positions, positions[1:]))
    assert all(r.before == text[r.start : r.end] and r.before != r.after for r in log)


@st.composite
def _passes(draw: st.DrawFn) -> tuple[str, list[list[tuple[int, int, str]]]]:
    original = draw(st.text(alphabet="abcxyz", max_size=30))
    length = len(original)
    passes = []
    for _ in range(draw(st.integers(1, 4))):
        points = sorted(draw(st.sets(st.integers(0, length), max_size=8)))
        edits = []
        for start, end in zip(points[::2], points[1::2]):
            after = draw(st.text(alphabet="PQ", max_size=3))
            edits.append((start, end, after))
            length += len(after) - (end - start)
        passes.append(edits)
    return original, passes


@SETTINGS
@given(_passes())
def test_edit_trail_replays_any_sequence_of_passes(
    case: tuple[str, list[list[tuple[int, int, str]]]],
) -> None:
    from articlekit.repair._edits import Edit, EditTrail

    original, passes = case
    trail = EditTrail(original)
    for number, edits in enumerate(passes):
        current = trail.current
        valid = [
            Edit(start, end, after, RepairKind.HTML_ENTITY)
            for start, end, after in edits
            if end <= len(current)
        ]
        trail.apply(valid, f"pass{number}")
    pieces, position = [], 0
    for region in trail.regions:
        assert region.source_start >= position
        assert region.source_start <= region.source_end
        pieces += [
            original[position : region.source_start],
            trail.current[region.start : region.end],
        ]
        position = region.source_end
    assert "".join([*pieces, original[position:]]) == trail.current


# Pieces of every artifact the finders look for, and of near misses, to test the per-line gate.
_GATE_PIECES = st.sampled_from(
    ["&amp;", "&eacute;", "AT&T", "&", "<b>", "</a>", "a < b", "<", '">', '" >', '"/>', '"']
    + ["Ã©", "â€™", "Â ", "Ã", "Ð¿", "\x9d", "é", "’", "–", "— ", "\u00a0", "\u00ad", "\u200b"]
    + ["\u200d", "\ufeff", "\u202e", "\u2069", "word", " ", "x", "日本"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_GATE_PIECES, max_size=12).map("".join))
def test_a_line_the_gate_lets_pass_is_left_as_it_is(text: str) -> None:
    # ``_may_need_repair`` keeps lines from the chain; the chain run anyway must find nothing.
    from articlekit.repair import _active, _may_need_repair, _repair_text

    if not _may_need_repair(text):
        trail = _repair_text(text, _active(()))
        assert (trail.current, trail.regions) == (text, [])


_MOJIBAKE_CHARS = (
    "".join(chr(code) for code in range(0x80, 0x100)) + "‘’“”–—…•€™ŠšŒœŽžŸ†‡‰‹›ƒˆ˜вГРСЂ√≈Ä"
)


@settings(max_examples=600, deadline=None)
@given(
    st.lists(
        st.one_of(
            _GATE_PIECES, st.sampled_from(list(_MOJIBAKE_CHARS)), st.sampled_from(" ?\ufffd")
        ),
        max_size=12,
    ).map("".join)
)
def test_the_trigger_search_is_the_two_searches_it_joins(text: str) -> None:
    # ``_TRIGGER`` is one search for what was two: a trigger character, or a mojibake candidate.
    import re

    from articlekit.repair import _TRIGGER
    from articlekit.repair.invisible import INVISIBLE_CLASS
    from articlekit.repair.mojibake import may_hold_mojibake

    two = bool(re.search(f"[&<\u00a0{INVISIBLE_CLASS}]", text)) or may_hold_mojibake(text)
    assert (_TRIGGER.search(text) is not None) == two
