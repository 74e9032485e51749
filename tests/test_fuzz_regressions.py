"""Inputs that broke, or nearly broke, articlekit: each must now parse (or raise a documented
error) and keep every invariant of ``tests/test_fuzz.py``.

Each case says where it came from: ``atheris`` (fuzz/fuzz_parse.py, with the run), or
``suite`` (found while writing the reliability tests). A case whose fix is pending is a strict
xfail naming the module at fault.
"""

from __future__ import annotations

import pytest

import articlekit
from articlekit import Article, ArticleKitError
from test_fuzz import check_invariants

CASES: dict[str, tuple[str | bytes, str]] = {
    # name: (input, where it came from)
    "nul-then-text-bytes": (b"\x00\x01\x02binary\x00", "suite: NUL bytes must be NotTextError"),
    "clean-twice-code-settles-in-rounds": (
        "Ã©&amp;amp;&eacute;Ã©\u2028iii. iii. a)  <p>\u2028<p>\r\n\n\n\n\n\n\n\n  &lt;b&gt;\n"
        '\u2028<p>  \t<main>">2.1 “Quoted words.”\t<p>Title\n👩\u200d💻â€œA sentence with '
        "words, and a comma.\n\n\n\n<p>\xad\n\u2028[edit]\n\n\n",
        "final atheris run of the lead (soft log, 630 s): one settling round left a <p> that the "
        "second clean removed; code lines now settle over several rounds",
    ),
    "clean-twice-tags-line-and-main": (
        "Ã©&amp;amp;&eacute;Ã©\u2028iii. iii. a)  <p>\u2028<p>\n\n\u2028\n\nTags: one, two\n\n"
        '👩\u200d💻  &lt;b&gt;\n\u2028<p>  \t<main>">\u2028“Quoted words.”\t\n\xad\n'
        "👩\u200d💻â€œA sentence with words, and a comma.\n\n<p>\xad\n\u2028[edit]\n",
        "final atheris run of the lead (soft log), same cause",
    ),
    "lone-surrogate-only": ("\ud800", "suite: surrogate alone"),
    "split-surrogate-pair": ("Title\n\nA \ud83d\ude00 face.\n", "suite: pair as two halves"),
    "control-only-str": ("\x00\x01\x02", "suite: controls become spaces, then empty"),
    "bom-only": (b"\xef\xbb\xbf", "suite: a BOM and nothing else"),
    "utf16-bom-odd-length": (b"\xff\xfeA\x00B", "suite: truncated UTF-16 after a BOM"),
    "utf32-pattern-without-bom": ("Hi\n\nyo".encode("utf-32-le"), "suite: UTF-32LE no BOM"),
    "c1-line-break": ("Title\x85\n\nText\x85more\n", "suite: NEL is mojibake, not a break"),
    "form-feed-pages": ("Title\n\nPage one\fPage two\n", "suite: form feed between pages"),
    "cr-only-heading": ("Title\r\rHeading\r\rText under it.\r", "suite: CR-only line ends"),
    "paragraph-separator": ("Title\u2029\u2029Text\u2029", "suite: U+2029 line ends"),
    "only-attribute-tails": ('">">">', "suite: markup residue and nothing else"),
    "only-boilerplate": ("Advertisement\n\nShare on Facebook\n", "suite: only boilerplate"),
    "zwj-emoji-title": ("👩\u200d💻\n\n👨\u200d👩\u200d👧\n", "suite: ZWJ sequences"),
    "bidi-override-heading": ("\u202eTitle\u202c\n\n\u2067Text\u2069\n", "suite: bidi"),
    "atheris-fence-line-text": (
        "\U0001f441 1,204 views\U0001f469\u200d\U0001f4bb\U0001f600<p>\U0001f469\u200d\U0001f4bb"
        "\U0001f600\u0645\u0631\u062d\u0628\u0627\ud800<p>\U0001f4ac 12 comments    return "
        "x\u00c3\u00a9\u2066<p>> A sentence with words, and a comma.\u2022     \n\n\U0001f441 "
        "1,204 views\U0001f441 1,204 views\u2028</strong>def f(x):\u2029 &#8217;</a>    <p><p>"
        "\u00c3\u00a9\u200bA sentence with words, and a comma.A sentence with words, and a "
        'comma.\n```">Heading Two\U0001f441 1,204 views\u2028</strong>def f(x):\u2029 &#8217;'
        "</a>    <p><p>\u00c3\u00a9\u200bA sentence with words, and a comma.A sentence with "
        'words, and a comma.\n```">Heading Two\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd'
        "&eacute;\nA sentence with words, and a comma.\u00e2\u20ac\u201d&eacute;<p><p>> A "
        "sentence with words, and a comma.\u2022     \n\u00c3\u00a9&amp;amp;&eacute;\u2028"
        "</strong>&#8217;\u2029    ",
        "atheris run 2 (ARTICLEKIT_FUZZ_ACCOUNTING=1), crash-a44cb4ee: words lost",
    ),
    "atheris-clean-twice": (
        " \nShort line    return x \nA sentence with words, and a comma.👁 1,204 viewsiii. 👁 1,2"
        '04 views<span style="font-weight: 400;">&rsquo;\n&nbsp;    return xPage Title">Anchor '
        '- Site Review"\n\n\n\n\n\n<strong><strong> \nShort line    return x \nA sentence with '
        'words, and a comma.👁 1,204 viewsiii. 👁 1,204 views<span style="font-weight: 400;">&rsq'
        'uo;\n&nbsp;    return xPage Title">Anchor - Site Review"\n  \u200b\u200b<strong>'
        '\u200b\u200b&#8217;\t  A sentence with words, and a comma.<p>Related articles2.1 ">'
        "\n\nTags: one, twoa)   \n\n\n\n\n\n\n\n\n\n\n\n\n\n",
        "atheris run 3, crash-3eb03bd9: clean is not idempotent",
    ),
    "clean-twice-entity-after-gt": (
        '>&rsquo;\n&nbsp; "\n  r',
        "atheris run 3, minimised: &rsquo; kept on the first pass, unescaped on the second",
    ),
    "heading-indented-continuation": (
        "Title\n\nIntro paragraph here.\n\n1. Getting started\n   Install the package first\n"
        "\nMore text follows here.\n",
        "atheris run 5 (soft log), minimised and made readable: line 6 is in the heading's "
        "line range but not in its text",
    ),
    "fence-info-string": (
        "Title\n\nText here.\n\n```python\nx = 1\n```\n\nMore text.\n",
        "atheris run 5 (soft log), minimised: the info string 'python' is lost",
    ),
    "clean-twice-entity-and-tag-lines-apart": (
        "&nbsp;;\n  x\n<p>  p",
        "final atheris run (soft log), minimised: &nbsp; kept until the <p> two lines down goes",
    ),
    "clean-twice-fence-after-tag": (
        "<p>```\n```\n\u200b",
        "final atheris run (soft log), minimised: removing <p> turns the line into a fence, "
        "which moves the code lines that repair leaves alone",
    ),
    "clean-twice-bom-after-main": (
        "<main\n>>\ufeff\ntwo\u00c2 \u00c2   \u23f1 8inead<main>",
        "final atheris run (soft log), minimised: a stray BOM removed only on the second pass",
    ),
    "fence-line-with-text": (
        'Title\n\nText here.\n\n```">Heading Two more words\nx = 1\n```\n\nMore text.\n',
        "atheris run 2, minimised by hand: the words after ``` are lost",
    ),
}

# Cases that fail today, with the module at fault (strict: the fix is noticed).
KNOWN: dict[str, str] = {}


def _params() -> list[object]:
    params: list[object] = []
    for name in sorted(CASES):
        marks = []
        if name in KNOWN:
            marks.append(pytest.mark.xfail(reason=KNOWN[name], strict=True))
        params.append(pytest.param(CASES[name][0], id=name, marks=marks))
    return params


@pytest.mark.parametrize("source", _params())
def test_regression(source: str | bytes) -> None:
    try:
        article = articlekit.parse(source)
    except ArticleKitError:
        return
    assert isinstance(article, Article)
    check_invariants(article)
    assert articlekit.account(source, article).ok
    if isinstance(source, str):
        once = articlekit.clean(source)
        assert articlekit.clean(once) == once
