"""Stage 1, the repairs: each repair, the registry and its switches, the log and its replay."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

import articlekit
from articlekit import Options, OptionsError, RepairKind
from articlekit.lines import join_lines, split_lines
from articlekit.repair import (
    REPAIRS,
    fix_mojibake,
    normalize_spaces,
    remove_invisible_characters,
    repair_line,
    repair_lines,
    strip_link_residue,
    strip_link_tags,
    strip_stray_tags,
    unescape_entities,
)

DEV = Path(__file__).parent.parent.parent / "shared" / "eval" / "dev"

# An invented article line in the shape of the nested auto-link residue (not from any data set).
NESTED = (
    "The studio also ships plug-ins for Blender, Maya and Acme Forge Studio Launches Cloud IDE"
    '">Acme Forge - Dev Tool Review" target="_blank" rel="noopener">Acme Forge.'
)
NESTED_BEFORE = (
    'Acme Forge Studio Launches Cloud IDE">Acme Forge - Dev Tool Review" target="_blank" '
    'rel="noopener">Acme Forge.'
)


def _repair(text: str, **options: object) -> str:
    return join_lines(repair_lines(split_lines(text), Options(**options)).lines)  # type: ignore[arg-type]


# --- the registry -------------------------------------------------------------------------


def test_registry_order_and_names() -> None:
    assert REPAIRS == (
        "unescape_entities",
        "fix_mojibake",
        "remove_invisible_characters",
        "normalize_spaces",
        "strip_link_tags",
        "strip_stray_tags",
        "strip_link_residue",
    )
    assert articlekit.REPAIRS == REPAIRS
    for name in REPAIRS:
        assert callable(getattr(articlekit.repair, name))


SKIP_CASES = {
    "unescape_entities": ("Fish &amp; chips", "Fish & chips"),
    "fix_mojibake": ("Itâ€™s", "It’s"),
    "remove_invisible_characters": ("bud\u200bget", "budget"),
    "normalize_spaces": ("9\u00a0am", "9 am"),
    "strip_link_tags": ('<a href="/x">docs</a>', "docs"),
    "strip_stray_tags": ("<em>yes</em>", "yes"),
    "strip_link_residue": ('the " rel="nofollow">forum today', "the forum today"),
}


@pytest.mark.parametrize("name", REPAIRS)
def test_each_repair_can_be_switched_off(name: str) -> None:
    broken, fixed = SKIP_CASES[name]
    assert _repair(broken) == fixed
    assert _repair(broken, skip_repairs=frozenset({name})) == broken


def test_unknown_repair_name_raises() -> None:
    with pytest.raises(OptionsError, match="fix_mojibakes"):
        articlekit.clean("text", skip_repairs=frozenset({"fix_mojibakes"}))


def test_all_repairs_off_changes_nothing() -> None:
    text = "It&rsquo;s <b>x</b>"
    assert _repair(text, skip_repairs=frozenset(REPAIRS)) == text


# --- entities -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Tom&amp;amp;Jerry", "Tom&Jerry"),
        ("say &amp;quot;hi&amp;quot;", 'say "hi"'),
        ("it&rsquo;s", "it’s"),
        ("it&#8217;s", "it’s"),
        ("it&#x2019;s", "it’s"),
        ("it&#39;s", "it's"),
        ("a&nbsp;b", "a\u00a0b"),
        ("&amp;amp;amp;amp;lt;", "<"),
    ],
)
def test_unescape_entities(before: str, after: str) -> None:
    assert unescape_entities(before) == after


@pytest.mark.parametrize("text", ["AT&T", "R&D", "Q&A", "a & b", "&nosuch;", "&#0;", "&amp"])
def test_unescape_entities_leaves_lookalikes(text: str) -> None:
    assert unescape_entities(text) == text


# --- mojibake -----------------------------------------------------------------------------


def test_fix_mojibake_keeps_other_text_as_is() -> None:
    # Curly quotes, ligatures, width, combining marks and controls are not ftfy's to change here.
    text = "“ok” ﬁ ＡＢ e\u0301 \x07 tab\t"
    assert fix_mojibake(text) == text
    assert fix_mojibake("â€œokâ€\x9d " + text) == "“ok” " + text


def test_fix_mojibake_never_adds_a_line_break() -> None:
    text = "a\u00e2\u0080\u00a8b"  # U+2028 LINE SEPARATOR as mojibake
    assert "\u2028" not in _repair(text)


def test_mojibake_detail_is_ftfy_plan() -> None:
    _, log = repair_line("cafÃ©")
    assert [(r.kind, r.before, r.after, r.detail) for r in log] == [
        (RepairKind.MOJIBAKE, "Ã©", "é", "fix_mojibake: encode latin-1, decode utf-8")
    ]


# --- invisible characters and spaces ------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("co\u00adop", "coop"),
        ("bud\u200bget", "budget"),
        ("\ufeffHello", "Hello"),
        ("mid\ufeffword", "midword"),
        ("x\u200dy", "xy"),
        ("open \u202a never closed", "open  never closed"),
        ("close \u202c never opened", "close  never opened"),
    ],
)
def test_remove_invisible_characters(before: str, after: str) -> None:
    assert remove_invisible_characters(before) == after


@pytest.mark.parametrize(
    "text",
    [
        "👩\u200d💻",
        "می\u200cخواهم",
        "क्\u200dष",
        "\u200f@name",
        "\u202bשלום\u202c",
        "\u2066abc\u2069",
        "ภาษา\u200bไทย",
    ],
)
def test_remove_invisible_characters_keeps_meaningful_ones(text: str) -> None:
    assert remove_invisible_characters(text) == text


def test_normalize_spaces() -> None:
    assert normalize_spaces("9\u00a0am\u00a0sharp") == "9 am sharp"
    assert normalize_spaces("thin\u2009space") == "thin\u2009space"


# --- tags ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("<strong>bold</strong> move", "bold move"),
        ("a<br>b", "a b"),
        ("a<br/>b", "a b"),
        ("a<BR />b", "a b"),
        ("a <br> b", "a b"),
        ("<p>para</p>", "para"),
        ('<span style="font-weight: 400;">x</span>', "x"),
        ("<i>it</i> and <em>em</em> and <u>u</u>", "it and em and u"),
    ],
)
def test_strip_stray_tags(before: str, after: str) -> None:
    assert strip_stray_tags(before) == after


@pytest.mark.parametrize(
    "text",
    [
        "a < b",
        "x<y",
        "Vec<T>",
        "HashMap<String, Vec<u8>>",
        "the <main> element",
        "<nick> hello",
        "use the <p> element",
        "write `<br>` here",
        '<div id="root"></div>',
        '<script src="app.js"></script> <b>x</b>',
    ],
)
def test_strip_stray_tags_leaves_prose_and_markup_lines(text: str) -> None:
    assert strip_stray_tags(text) == text


def test_strip_link_tags() -> None:
    assert strip_link_tags('see <a href="https://x.org/?a=1&b=2">the docs</a>.') == "see the docs."
    assert strip_link_tags('see <a href="https://x.org/">the docs.') == "see the docs."
    assert strip_link_tags("the docs</a>.") == "the docs."
    assert strip_link_tags("<abbr>x</abbr>") == "<abbr>x</abbr>"


# --- link residue -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            'Buy it at Acme Store - Shop" rel="nofollow">Acme Store today.',
            "Buy it at Acme Store today.",
        ),
        ('Read the " rel="nofollow">manual first.', "Read the manual first."),
        ('Read the >" rel="noopener">manual first.', "Read the manual first."),
        ('in the Docs > manual" rel="noopener">manual first.', "in the manual first."),
        ('Ask  Jane Doe" rel="noopener">Jane Doe now.', "Ask Jane Doe now."),
        (NESTED, "The studio also ships plug-ins for Blender, Maya and Acme Forge."),
    ],
)
def test_strip_link_residue(before: str, after: str) -> None:
    assert strip_link_residue(before) == after


@pytest.mark.parametrize(
    "text",
    [
        'He said "no"> and left.',
        '<meta charset="utf-8">',
        '    data-cover="lib/cover.js"></script>',
        'a demo of the man" said">nothing',
    ],
)
def test_strip_link_residue_leaves_prose_and_code(text: str) -> None:
    assert strip_link_residue(text) == text


def test_nested_residue_is_one_repair_with_exact_span() -> None:
    _, log = articlekit.clean(NESTED, explain=True)
    assert [(r.kind, r.before, r.after) for r in log] == [
        (RepairKind.LINK_MARKUP_RESIDUE, NESTED_BEFORE, "Acme Forge.")
    ]


def _mojibake_punctuation(text: str) -> str:
    return "".join(
        ch.encode("utf-8").decode("cp1252", errors="replace")
        if ord(ch) > 127 and unicodedata.category(ch).startswith("P")
        else ch
        for ch in text
    )


@pytest.mark.parametrize(
    "render",
    [
        lambda t: t,
        lambda t: t.replace("\n", "\r\n"),
        lambda t: "\n".join(line + "  \t " for line in t.split("\n")),
        _mojibake_punctuation,
    ],
    ids=["plain", "crlf", "trailing_spaces", "mojibake"],
)
def test_residue_repair_survives_renderings(render: object) -> None:
    text = "Intro — the plan.\n\n" + NESTED + "\n\nThe end — really.\n"
    source = render(text)  # type: ignore[operator]
    cleaned, log = articlekit.clean(source, explain=True)
    links = [(r.before, r.after) for r in log if r.kind is RepairKind.LINK_MARKUP_RESIDUE]
    assert links == [(NESTED_BEFORE, "Acme Forge.")]
    others = {r.kind for r in log} - {RepairKind.LINK_MARKUP_RESIDUE}
    assert others <= {RepairKind.MOJIBAKE}
    assert "—" in cleaned
    assert "â€" not in cleaned
    assert articlekit.apply_repairs(source, log) == cleaned


# --- the log ------------------------------------------------------------------------------


def test_merged_repair_takes_the_most_significant_kind_and_lists_steps() -> None:
    text = "by News &gt; Ada Lovelace&quot; rel=&quot;nofollow&quot;&gt;Ada Lovelace today"
    cleaned, log = articlekit.clean(text, explain=True)
    assert cleaned == "by Ada Lovelace today"
    assert len(log) == 1
    (repair,) = log
    assert repair.kind is RepairKind.LINK_MARKUP_RESIDUE
    assert repair.before == text[3 : repair.end]
    assert repair.detail.startswith("unescape_entities: &gt;; unescape_entities: &quot;")
    assert "strip_link_residue: " in repair.detail


def test_escaped_tag_is_one_stray_tag_repair() -> None:
    _, log = articlekit.clean("a &lt;strong&gt;b&lt;/strong&gt; c", explain=True)
    assert [(r.kind, r.before, r.after) for r in log] == [
        (RepairKind.STRAY_TAG, "&lt;strong&gt;", ""),
        (RepairKind.STRAY_TAG, "&lt;/strong&gt;", ""),
    ]


def test_log_offsets_lines_and_columns() -> None:
    source = "First&nbsp;line\r\nSecond <b>line</b>\n\nThird â€” line\u200b"
    cleaned, log = articlekit.clean(source, explain=True)
    assert cleaned == "First line\r\nSecond line\n\nThird — line"
    assert articlekit.apply_repairs(source, log) == cleaned
    line_starts = [line.start for line in split_lines(source)]
    previous_end = 0
    for repair in log:
        assert repair.before == source[repair.start : repair.end]
        assert repair.before != repair.after
        assert repair.start >= previous_end
        assert repair.start == line_starts[repair.line - 1] + repair.column
        previous_end = repair.end
    assert [(r.line, r.kind) for r in log] == [
        (1, RepairKind.HTML_ENTITY),
        (2, RepairKind.STRAY_TAG),
        (2, RepairKind.STRAY_TAG),
        (4, RepairKind.MOJIBAKE),
        (4, RepairKind.INVISIBLE_CHARACTER),
    ]


def test_protected_lines_stay_byte_identical() -> None:
    lines = split_lines("x = a&amp;b <b>\nprose&amp;more\n")
    result = repair_lines(lines, Options(), {0})
    assert result.lines[0] is lines[0]
    assert result.lines[1].text == "prose&more"
    assert all(r.line == 2 for r in result.repairs)


def test_line_count_and_breaks_never_change() -> None:
    source = "a<br>b\r\nc&#10;d\rx\u2028y<p>z</p>\n"
    repaired = repair_lines(split_lines(source), Options()).lines
    assert [line.newline for line in repaired] == [line.newline for line in split_lines(source)]
    assert all("\n" not in line.text and "\r" not in line.text for line in repaired)


def test_repair_is_recorded_only_for_changes() -> None:
    _, log = articlekit.clean("Plain text, nothing to do.\n", explain=True)
    assert log == ()


# --- the development set (skipped only where the shared eval data is absent) --------------


def _records(name: str) -> list[dict[str, object]]:
    path = DEV / name
    if not path.exists():
        pytest.skip(f"{path} is not present")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.mark.parametrize("field", ["text", "text_compact"])
def test_dev_clean_set_is_left_unchanged(field: str) -> None:
    for record in _records("clean.jsonl"):
        text = record[field]
        assert isinstance(text, str)
        assert articlekit.clean(text) == text, record["id"]
        assert _repair(text) == text, record["id"]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def test_dev_corrupted_blocks_are_repaired() -> None:
    total = repaired = 0
    by_kind: dict[str, list[int]] = {}
    for record in _records("corrupted.jsonl"):
        for block in record["blocks"]:  # type: ignore[attr-defined]
            if not block["artifacts"] or block["kind"] in ("code", "table_row"):
                continue
            ok = _norm(_repair(block["corrupted"])) == _norm(block["text"])
            total += 1
            repaired += ok
            for artifact in block["artifacts"]:
                by_kind.setdefault(artifact, [0, 0])[0] += ok
                by_kind[artifact][1] += 1
    assert repaired / total >= 0.95
    for artifact, (good, count) in by_kind.items():
        assert good / count >= 0.90, artifact


def _can_match_ascii(item: tuple[object, object]) -> bool:
    from regex_tree import sre_constants

    CATEGORY, IN, LITERAL = sre_constants.CATEGORY, sre_constants.IN, sre_constants.LITERAL
    NEGATE, RANGE = sre_constants.NEGATE, sre_constants.RANGE

    op, argument = item
    if op is LITERAL:
        return isinstance(argument, int) and argument < 128
    if op is not IN:
        return True  # anything else (``\\s?``, ``^``, ``.``) counts as ASCII: the safe side
    assert isinstance(argument, list)
    for inner, value in argument:
        if inner is NEGATE or inner is CATEGORY:
            return True
        if inner is LITERAL and value < 128:
            return True
        if inner is RANGE and value[0] < 128:
            return True
    return False


def test_badness_patterns_start_near_non_ascii() -> None:
    # ``mojibake._is_bad`` tries ftfy's BADNESS_RE only up to two characters before a non-ASCII
    # character; that is exact only while every pattern has one among its first three items.
    from ftfy.badness import BADNESS_RE

    from regex_tree import sre_parse as _parser

    tree = _parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    [(_, (_, branches))] = list(tree.data)
    for branch in branches:
        assert not all(_can_match_ascii(item) for item in list(branch.data)[:3]), branch


def _only_anchors(item: tuple[object, object]) -> bool:
    # Whether a pattern item can match nothing but ``mojibake._ANCHOR`` characters.
    try:  # the regular-expression parser moved in Python 3.11
        from re._constants import IN, LITERAL, RANGE  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - Python 3.10
        from sre_constants import IN, LITERAL, RANGE

    from articlekit.repair import mojibake

    op, argument = item
    if op is LITERAL:
        return isinstance(argument, int) and bool(mojibake._ANCHOR.match(chr(argument)))
    if op is not IN:
        return False
    assert isinstance(argument, list)
    codes: list[int] = []
    for inner, value in argument:
        if inner is LITERAL:
            codes.append(value)
        elif inner is RANGE:
            codes.extend(range(value[0], value[1] + 1))
        else:
            return False
    return all(mojibake._ANCHOR.match(chr(code)) for code in codes)


def test_badness_patterns_are_anchored() -> None:
    # ``mojibake._is_bad`` tries ftfy's BADNESS_RE only up to two characters before an
    # ``_ANCHOR`` character; that is exact only while every pattern has, among its first three
    # items, one that matches anchors only (the items before it match one character or none).
    try:  # the regular-expression parser moved in Python 3.11
        from re import _parser  # type: ignore[attr-defined]
        from re._constants import AT, IN, LITERAL, MAX_REPEAT  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse as _parser
        from sre_constants import AT, IN, LITERAL, MAX_REPEAT

    from ftfy.badness import BADNESS_RE

    assert not BADNESS_RE.flags & re.IGNORECASE
    tree = _parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    [(_, (_, branches))] = list(tree.data)
    for branch in branches:
        items = list(branch.data)
        first = next(i for i, item in enumerate(items) if _only_anchors(item))
        assert first < 3, branch
        for op, argument in items[:first]:
            assert op in (AT, IN, LITERAL) or (op is MAX_REPEAT and argument[1] == 1), branch


@pytest.mark.parametrize(
    "text",
    [
        "plain ascii",
        "café ’quoted’ – fine",
        "naÃ¯ve",
        "Ã tout",
        "x Â ",
        "a\u00e0\u00b2b",
        "ГўВЂВ™s",
        "日本語のテキスト" * 20,
        "word " * 50 + "Ã©",
        "Ã ",
        "ab" + "é" * 40 + "Ã©",
        "Zázrak jedné sezony? Pět vítězných duelů v řadě, „Čtvrté“ místo",
        "Příliš žluťoučký kůň úpěl ďábelské ódy",
        "x \u0412\u00a0\u0421 and \u00e2\u20ac\u2122 and \u00c2\u00b7",
        "\u00ff\u00b8 \u2591\u00f3 \u00c5\u00b2 \u00e9\u00b0 \u00e0\u00b2",
    ],
)
def test_is_bad_matches_ftfy(text: str) -> None:
    from ftfy.badness import is_bad

    from articlekit.repair import mojibake

    assert mojibake._is_bad(text) == is_bad(text)


@pytest.mark.parametrize(
    "text",
    [
        "naÃ¯ve cafÃ©",
        "Weâ€™re â€œliveâ€\x9d",
        "voilÃ le travail",
        "doubly: Ãƒâ€šÃ‚Â£5",
        "Ã¢â‚¬Å“quotedÃ¢â‚¬Â\x9d twice",
        "Ð¿Ñ€Ð¸Ð²ÐµÑ‚",
        "a correct line – with “quotes” and é",
        "",
        "plain",
    ],
)
def test_fix_encoding_matches_ftfy(text: str) -> None:
    # ``mojibake._fix_encoding`` runs ftfy's step loop with a quicker badness check in front.
    import ftfy

    from articlekit.repair import mojibake

    fixed, explanation = ftfy.fix_encoding_and_explain(text, mojibake._CONFIG)
    assert mojibake._ONE_STEP is not None
    assert mojibake._fix_encoding(text) == (fixed, explanation or [])
