"""Stage 2: code lines found before repair, and spans."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import articlekit
from articlekit.blocks import (
    STRONG,
    WEAK,
    closes_fence,
    code_line_strength,
    fence_end,
    find_code_lines,
    opening_fence,
    split_spans,
)
from articlekit.lines import split_lines


def _code(text: str) -> list[int]:
    return sorted(find_code_lines(split_lines(text)))


def test_script_tag_broken_over_two_lines_is_code() -> None:
    text = 'Add this:\n\n<script src="app.js"\n        data-x="1"></script>\n\nDone here.\n'
    assert _code(text) == [2, 3]


def test_html_document_is_code_up_to_its_end() -> None:
    text = "Intro.\n\n<!DOCTYPE html>\n<html>\n<body>\nHello there\n</body>\n</html>\n\nAfter.\n"
    assert _code(text) == [2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize(
    "line",
    [
        "<p>A whole sentence that only carries markup around it.</p>",
        '<span style="font-weight: 400;">A sentence in a styled span.</span>',
        '<a href="https://example.org/x">Read the full guide</a>',
        '<div class="entry">We went to the market on a sunny morning.</div>',
        "It <b>works</b>.",
        "for (a few) reasons, the plan changed",
        "let alone the cost of it all, which nobody had counted",
        "The ratio a < b holds when x > 2 in every case we tried.",
    ],
)
def test_prose_with_markup_or_symbols_is_not_code(line: str) -> None:
    assert _code(f"Before.\n\n{line}\n\nAfter.\n") == []


@pytest.mark.parametrize(
    ("line", "strength"),
    [
        ("  return this.name;", STRONG),
        ("});", STRONG),
        ("$ hg clone public review", STRONG),
        ("npm install some-package --save", STRONG),
        ("function greet(name) {", STRONG),
        ("evolve =", WEAK),
        ("[extensions]", WEAK),
    ],
)
def test_code_line_strength(line: str, strength: int) -> None:
    assert code_line_strength(line) == strength


def test_shell_session_with_output_is_one_region() -> None:
    text = (
        "Clone it:\n\n$ hg clone public test\nupdating to branch default\n0 files updated\n\n"
        "Now edit it.\n"
    )
    assert _code(text) == [2, 3, 4]


def test_shell_output_stops_at_a_sentence_or_heading() -> None:
    text = "$ hg push\npushing to remote\nthen type the same words.\nExample 3: Another Case\n"
    assert _code(text) == [0, 1]


@pytest.mark.parametrize(
    "sentence",
    [
        "(The -B flag pushes only the bookmarked head, and the bookmark with it.)",
        '"The -B flag pushes only the bookmarked head, and the bookmark with it."',
    ],
)
def test_shell_output_stops_at_a_sentence_in_brackets_or_quotes(sentence: str) -> None:
    # Bug: a sentence in parentheses right under a session's output was taken as more output,
    # so its scraping artifacts were left unrepaired as "code".
    text = f"$ hg push -B bug15\n[...]\nexporting bookmark bug15\n{sentence}\n"
    assert _code(text) == [0, 1, 2]


def test_code_lines_are_not_repaired() -> None:
    text = "Use it:\n\n<script>var a = 1 &amp;&amp; b;</script>\n\nIt&rsquo;s <b>easy</b>.\n"
    article = articlekit.parse("Title\n\n" + text)
    assert [b.text for b in article.blocks][-2:] == [
        "<script>var a = 1 &amp;&amp; b;</script>",
        "It’s easy.",
    ]


def test_fenced_block_with_blank_lines_is_one_span() -> None:
    spans = split_spans(split_lines("Text.\n\n```\na = 1\n\nb = 2\n```\n\nMore.\n"))
    assert [span.text for span in spans] == ["Text.", "```\na = 1\n\nb = 2\n```", "More."]
    assert _code("Text.\n\n```\nnot code really\n\nstill inside\n```\n") == [2, 3, 4, 5, 6]


@pytest.mark.parametrize(
    ("line", "fence"),
    [
        ("```", "```"),
        ("```python", "```"),
        ("   ~~~~ shell title=run.sh", "~~~~"),
        ('```">Heading Two', "```"),
        ("~~~ info with ` a backtick", "~~~"),
        ("    ```", None),  # four columns in: indented text, not a fence
        ("``", None),
        ("```a``` is inline code", None),
        ("A line with ``` inside", None),
    ],
)
def test_opening_fence(line: str, fence: str | None) -> None:
    assert opening_fence(line) == fence


@pytest.mark.parametrize(
    ("line", "fence", "closes"),
    [
        ("```", "```", True),
        ("  ```  \t", "```", True),
        ("`````", "```", True),
        ("```", "````", False),
        ("~~~", "```", False),
        ("```python", "```", False),
        ('```">Heading Two more words', "```", False),
    ],
)
def test_closing_fence_is_the_same_fence_alone(line: str, fence: str, closes: bool) -> None:
    assert closes_fence(line, fence) is closes


def test_fence_line_with_text_does_not_close_the_block() -> None:
    text = 'Text.\n\n```js\nx = 1;\n```">Heading Two more\n\ny = 2;\n```\n\nMore.\n'
    lines = split_lines(text)
    assert fence_end(lines, 2) == 8
    assert _code(text) == [2, 3, 4, 5, 6, 7]
    spans = split_spans(lines)
    assert [span.text for span in spans][1:] == [
        '```js\nx = 1;\n```">Heading Two more\n\ny = 2;\n```',
        "More.",
    ]


def test_fence_closes_only_on_its_own_character_and_length() -> None:
    text = "Text.\n\n````md\n```\ninner\n~~~\n\n```\n````\n\nMore.\n"
    assert _code(text) == [2, 3, 4, 5, 6, 7, 8]
    assert [span.text for span in split_spans(split_lines(text))][-1] == "More."


def test_unclosed_fence_runs_to_the_end() -> None:
    text = "Text.\n\n```\na = 1\n\nStill inside the block."
    assert _code(text) == [2, 3, 4, 5]
    assert len(split_spans(split_lines(text))) == 2


def test_inline_code_line_is_not_a_fence() -> None:
    text = "Text.\n\n```a``` is what the docs call it.\n\nMore.\n"
    assert _code(text) == []


def test_spans_keep_offsets() -> None:
    text = "one\r\ntwo\r\n\r\nthree"
    spans = split_spans(split_lines(text))
    assert [(s.start, s.end) for s in spans] == [(0, 8), (12, 17)]
    assert [text[s.start : s.end] for s in spans] == ["one\r\ntwo", "three"]


@pytest.mark.slow
def test_code_detection_is_linear() -> None:
    from tests.test_adversarial import assert_scales_linearly

    assert_scales_linearly(
        find_code_lines, lambda n: split_lines("x = f(a);\n  y\nprose line here.\n" * n), 2000
    )


_RESCAN_LINES = [
    "Some prose that introduces the example:",
    "",
    "$ hg clone public test-repo",
    "updating to branch default",
    "0 files updated, 0 files merged",
    "",
    "```sh",
    "make install",
    "```",
    "x = compute(a, b);",
    "  y = other(x);",
    "<!DOCTYPE html>",
    "<html>",
    "</html>",
    "&ldquo;Yes,&rdquo; she said;",
    "function f() {",
    "}",
    "A closing sentence of the article, with enough words to be prose.",
    "ls -la /tmp",
    "[section]",
]


@pytest.mark.parametrize("seed", range(40))
def test_code_scan_of_changed_lines_equals_a_fresh_scan(seed: int) -> None:
    # ``find_code_lines`` reuses the steps of its last scan that read no changed line: scanning
    # the lines again with some of them changed must give what a first scan gives.
    import random

    from articlekit import blocks

    rng = random.Random(seed)
    before = split_lines("\n".join(rng.choice(_RESCAN_LINES) for _ in range(30)))
    after = tuple(
        line.with_text(rng.choice(_RESCAN_LINES)) if rng.random() < 0.2 else line for line in before
    )
    find_code_lines(before)
    again = find_code_lines(after)
    blocks._last_scan = None
    assert again == find_code_lines(after)
    assert find_code_lines(before) == find_code_lines(list(before))


_STATEMENT_PIECES = st.sampled_from(
    [" ", "\t", "function", "var", "let", "const", "def", "class", "import", "from", "#include"]
    + ["#!/", "return", "public", "static", "SELECT", "if", "for", "while", "switch", "try"]
    + ["catch", "else", "elif", "fn", "func", "echo", "export", "require", "module", "console"]
    + ["this", "self", "print", "x", "é", "_", "1", ".", "(", ")", "{", ";", "=", "a.b", "é.x"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_STATEMENT_PIECES, max_size=8).map("".join))
def test_statement_precheck_never_hides_a_keyword_start(text: str) -> None:
    from articlekit.blocks import _KEYWORD_START, _may_start_statement

    if _KEYWORD_START.match(text):
        assert _may_start_statement(text)


_LINE_PIECES = st.sampled_from(
    [" ", "  ", "\t", "`", "```", "~~~", "<", ">", "/", "*", "$", "#", "}", ")", "]", "{", "(", "["]
    + [";", ":", ",", "=", "=>", "()", "-", " -", " --x", "a", "ls", "x.y(", "return", "if", "é"]
    + ["<!DOCTYPE html>", "<html>", "<div>", "// c", "/* c", "$ ls", "# x", "function f", "word"]
)


@settings(max_examples=800, deadline=None)
@given(st.lists(_LINE_PIECES, max_size=8).map("".join))
def test_a_line_that_is_no_candidate_starts_no_code(text: str) -> None:
    # ``find_code_lines`` looks only at candidate lines for where code may start.
    from articlekit.blocks import _code_step, _is_candidate
    from articlekit.lines import Line

    if not _is_candidate(text):
        assert _code_step([Line(0, 0, len(text), text)], 0) == (0, 1, ())


def test_new_line_is_a_line() -> None:
    # ``lines._new_line`` fills the slots of a ``Line`` without its ``__init__``: that is a
    # ``Line`` only while the class has these fields, in this order, and no ``__post_init__``.
    import dataclasses
    import pickle

    from articlekit.lines import Line, _new_line

    names = tuple(field.name for field in dataclasses.fields(Line))
    assert names == ("index", "start", "end", "text", "newline")
    assert not hasattr(Line, "__post_init__")
    made = _new_line(3, 10, 14, "text", "\r\n")
    assert made == Line(3, 10, 14, "text", "\r\n")
    assert hash(made) == hash(Line(3, 10, 14, "text", "\r\n"))
    assert pickle.loads(pickle.dumps(made)) == made
    assert split_lines("a\nb")[1] == Line(1, 2, 3, "b", "")


def test_parse_keeps_no_scan_of_its_lines_after_the_repair_stage() -> None:
    # The code scan is remembered for the repair stage's settling rounds only: a long
    # document's lines must not stay alive until the next call.
    from articlekit import blocks

    articlekit.parse("Title\n\n$ ls -la\nfile&amp;name\n\nIt&rsquo;s done.\n")
    assert blocks._last_scan is None
    articlekit.clean("$ ls\nIt&rsquo;s done.\n")
    assert blocks._last_scan is None
