"""Adversarial inputs: parse never hangs, never raises anything undocumented, drops no text.

Time is checked by scaling, never by the wall clock: each case is parsed at size n and at 10n in
the same test, and the ratio must stay under 15 (10 is linear; quadratic would give 100). The
second half feeds every compiled regex in ``src/articlekit`` long adversarial lines the same way,
so a regex added tomorrow is covered without anyone writing a test for it.
"""

from __future__ import annotations

import gc
import importlib
import multiprocessing
import pkgutil
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import regex

import articlekit
from articlekit import (
    Article,
    ArticleKitError,
    EmptyArticleError,
    NotTextError,
)

MAX_RATIO = 15.0

# --- scaling helpers ------------------------------------------------------------------------


def _best_seconds(function: Callable[[Any], object], argument: Any, repeat: int) -> float:
    # CPU time of this process: other work on a busy machine does not count.
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            function(argument)
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def _ratio(function: Callable[[Any], object], make: Callable[[int], Any], n: int) -> str:
    small, large = make(n), make(10 * n)
    t_small = _best_seconds(function, small, 3)
    t_large = _best_seconds(function, large, 1)
    if t_large / t_small >= MAX_RATIO:  # one slow run is noise; a slow best of three is not
        t_large = min(t_large, _best_seconds(function, large, 2))
        t_small = min(t_small, _best_seconds(function, small, 3))
    ratio = t_large / t_small
    report = f"n={n}: {t_small:.4f}s, 10n: {t_large:.4f}s, ratio {ratio:.1f}"
    return report if ratio >= MAX_RATIO else ""


def _in_child(task: Callable[[], str], timeout: float) -> None:
    """Run ``task`` in a forked child: it returns "" or a problem, and must end in time."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def child() -> None:
        try:
            sender.send(task())
        except BaseException as error:
            sender.send(f"{type(error).__name__}: {error}")

    process = context.Process(target=child, daemon=True)
    process.start()
    try:
        if not receiver.poll(timeout):
            pytest.fail(f"no answer within {timeout:.0f}s: a hang")
        problem = receiver.recv()
    finally:
        process.kill()
        process.join()
    assert not problem, problem


def assert_scales_linearly(
    function: Callable[[Any], object],
    make: Callable[[int], Any],
    n: int,
    timeout: float = 60.0,
) -> None:
    """Time ``function(make(n))`` and ``function(make(10 * n))``; the ratio must be < 15.

    It runs in a forked child, so that a hang fails the test after ``timeout`` seconds
    instead of stopping the suite.
    """
    _in_child(lambda: _ratio(function, make, n), timeout)


def _outcome(
    text: str | bytes, allowed: tuple[type[ArticleKitError], ...] = (), **changes: Any
) -> Article | ArticleKitError:
    """Return the article, or the documented error ``parse`` raised (any other fails)."""
    try:
        return articlekit.parse(text, **changes)
    except ArticleKitError as error:
        if not isinstance(error, allowed):
            raise AssertionError(f"undocumented here: {type(error).__name__}: {error}") from error
        return error


def _check_kept(text: str | bytes, **changes: Any) -> Article | ArticleKitError:
    result = _outcome(text, (EmptyArticleError, NotTextError), **changes)
    if isinstance(result, Article):
        accounting = articlekit.account(text, result)
        assert accounting.ok, str(accounting)
        assert all(0 <= b.start <= b.end <= result.source_length for b in result.blocks)
    return result


# --- inputs ---------------------------------------------------------------------------------

SENTENCE = "The quick brown fox, who was not at all slow; jumped over the lazy dog. "


def _single_line(n: int) -> str:
    return "A Title\n\n" + (SENTENCE * (n // len(SENTENCE) + 1))[:n]


def _blank_lines(n: int) -> str:
    return "A Title\n" + "\n" * n + "The only paragraph, at the very end.\n"


def _attribute_tails(n: int) -> str:
    return "A Title\n\nText " + '">' * (n // 2) + " tail.\n"


def _open_link_tags(n: int) -> str:
    return "A Title\n\nText " + '<a href="' * (n // 9) + "tail\n"


def _nested_tags(n: int) -> str:
    depth = n // 40
    opening = "<div><span><strong><em>" * depth
    closing = "</em></strong></span></div>" * depth
    return "A Title\n\n" + opening + "Deep text, deep down." + closing + "\n"


def _headings(n: int) -> str:
    lines = ["A Title", ""]
    for i in range(n):
        lines += [f"{i % 9 + 1}.{i % 7 + 1} Section Heading Number {i}", ""]
    return "\n".join(lines)


def _unpunctuated(n: int) -> str:
    words = ("lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit")
    chunk = " ".join(words) + " "
    return "A Title\n\n" + (chunk * (n // len(chunk) + 1))[:n]


def _all_emoji() -> list[str]:
    pattern = regex.compile(r"\p{Emoji}|\p{Extended_Pictographic}")
    return [
        chr(c)
        for c in range(sys.maxunicode + 1)
        if not 0xD800 <= c <= 0xDFFF and pattern.match(chr(c))
    ]


EMOJI = _all_emoji()
EMOJI_SEQUENCES = [
    "👩\u200d💻",  # ZWJ sequence
    "👨\u200d👩\u200d👧\u200d👦",
    "👍🏽",  # skin tone modifier
    "🇫🇷🇯🇵",  # regional indicator flags
    "1\ufe0f\u20e3",  # keycap
    "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # tag sequence
    "❤\ufe0f",  # variation selector
]


def _emoji_text(n: int) -> str:
    line = " ".join(EMOJI + EMOJI_SEQUENCES)
    lines = ["Emoji Everywhere", ""]
    size = 0
    while size < n:
        lines += [f"📅 {line}", "", f"Words between {line} and more words.", ""]
        size += 2 * len(line)
    return "\n".join(lines)


RTL = (
    "\u202bשלום עולם, זה טקסט בעברית.\u202c "
    "\u200fمرحبا بالعالم، هذا نص عربي.\u200f "
    "\u2067mixed \u05e2\u05d1\u05e8\u05d9\u05ea and English\u2069 "
    "\u202eReversed override\u202c \u2066isolate\u2069 \u061c"
)


def _rtl(n: int) -> str:
    paragraph = RTL * 3
    return "\u200fכותרת המאמר\n\n" + "\n\n".join([paragraph] * (n // len(paragraph) + 1))


MIXED_CJK = (
    "日本語の文章と English words が混ざっています。中文和Latin字母mixed在一起。"
    "한국어 텍스트도 있습니다. "
)


def _mixed_cjk(n: int) -> str:
    return "混合テキスト Mixed Title\n\n" + "\n\n".join(
        [MIXED_CJK * 4] * (n // (4 * len(MIXED_CJK)) + 1)
    )


def _controls(n: int) -> str:
    piece = "Some text\x00 with\x01 controls\x85 and C1\x80\x99 marks,\x9d here. "
    return "A Title\n\n" + "\n\n".join([piece * 5] * (n // (5 * len(piece)) + 1))


def _surrogates(n: int) -> str:
    piece = "Broken \ud83d text and \udc00 halves \ud83d\ude00 in a line. "
    return "A Title\n\n" + "\n\n".join([piece * 5] * (n // (5 * len(piece)) + 1))


ARTICLE = (
    "A Title With Words\n\nBy Jane Doe\n\nFirst paragraph of the article, with text.\n\n"
    "A Heading\n\nSecond paragraph under the heading.\n\n- one item\n- two items\n"
)


def _marker_run(n: int) -> str:
    return "A Title\n\nContents\n" + "1." * (n // 2) + "\nIntro\n\nIntro\n\nBody text.\n"


def _with_newline(newline: str) -> Callable[[int], str]:
    def make(n: int) -> str:
        return newline.join((ARTICLE * (n // len(ARTICLE) + 1)).split("\n"))

    return make


# --- parse: each adversarial input, at n and 10n --------------------------------------------

CASES: dict[str, tuple[Callable[[int], str], int]] = {
    "1MB-single-line": (_single_line, 100_000),
    "100k-blank-lines": (_blank_lines, 10_000),
    "1MB-attribute-tails": (_attribute_tails, 100_000),
    "1MB-unclosed-link-tags": (_open_link_tags, 100_000),
    "deeply-nested-tags": (_nested_tags, 50_000),
    "10k-headings": (_headings, 1_000),
    "every-emoji": (_emoji_text, 20_000),
    "rtl-with-bidi-controls": (_rtl, 20_000),
    "mixed-cjk-latin": (_mixed_cjk, 20_000),
    "nul-and-c1-controls": (_controls, 20_000),
    "lone-surrogates": (_surrogates, 20_000),
    "100k-numbered-marker-run": (_marker_run, 10_000),
    "crlf": (_with_newline("\r\n"), 20_000),
    "cr-only": (_with_newline("\r"), 20_000),
    "u2028": (_with_newline("\u2028"), 20_000),
}


# Known failures, each naming its cause: strict, so that the fix is noticed.
KNOWN_SLOW_CASES: dict[str, str] = {}
KNOWN_SLOW_PATTERNS: dict[str, str] = {}


def _known(name: str, known: dict[str, str]) -> Any:
    if name in known:
        return pytest.param(name, marks=pytest.mark.xfail(reason=known[name], strict=True))
    return name


@pytest.mark.parametrize("name", [_known(name, KNOWN_SLOW_CASES) for name in sorted(CASES)])
def test_parse_scales_linearly(name: str) -> None:
    make, n = CASES[name]
    timeout = 15.0 if name in KNOWN_SLOW_CASES else 60.0
    assert_scales_linearly(lambda text: _outcome(text, (EmptyArticleError,)), make, n, timeout)


def _kept(make: Callable[[int], str], n: int) -> str:
    _check_kept(make(n))
    return ""


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_word_is_lost(name: str) -> None:
    make, n = CASES[name]
    size = n // 100 if name in KNOWN_SLOW_CASES else n // 10
    _in_child(lambda: _kept(make, size), 30.0)


@pytest.mark.slow
def test_ten_megabyte_paragraph_without_punctuation() -> None:
    assert_scales_linearly(
        lambda text: _outcome(text, max_chars=20_000_000),
        lambda n: _unpunctuated(n),
        1_000_000,
    )


def test_every_emoji_survives() -> None:
    article = _outcome(_emoji_text(1))
    assert isinstance(article, Article)
    kept = "".join(
        [article.title or "", article.summary or "", *article.metadata.lines]
        + [b.text for b in article.blocks]
        + [r.text for r in article.removed]
    )
    assert set(EMOJI) <= set(kept)
    for sequence in EMOJI_SEQUENCES:
        assert sequence in kept


def test_rtl_text_and_bidi_controls_keep_the_words() -> None:
    article = _check_kept(_rtl(1000))
    assert isinstance(article, Article)
    assert "שלום" in article.text
    assert "مرحبا" in article.text


def test_line_ends_do_not_change_the_article() -> None:
    expected = articlekit.parse(ARTICLE)
    for newline in ("\r\n", "\r", "\u2028", "\u2029"):
        article = articlekit.parse(newline.join(ARTICLE.split("\n")))
        assert article.title == expected.title, repr(newline)
        assert [(b.kind, b.text) for b in article.blocks] == [
            (b.kind, b.text) for b in expected.blocks
        ], repr(newline)


def test_control_heavy_str_and_bytes_are_refused_as_not_text() -> None:
    garbage = "".join(chr(c) for c in range(32)) * 200
    _outcome(garbage, (NotTextError,))
    _outcome(garbage.encode(), (NotTextError,))
    assert isinstance(_outcome("A Title\n\nText\x00 with one NUL.\n"), Article)


def test_bytes_forms_of_the_adversarial_inputs() -> None:
    for name in ("mixed-cjk-latin", "rtl-with-bidi-controls", "crlf"):
        make, n = CASES[name]
        text = make(n // 10)
        for encoding in ("utf-8", "utf-16", "utf-16-le"):
            article = _check_kept(text.encode(encoding))
            assert isinstance(article, Article)


# --- every compiled regex in src/articlekit -------------------------------------------------

PatternType = (re.Pattern, type(regex.compile("")))
REGEX_N = 1_000
# Below this (at 10n) a ratio is timer and cache noise; a quadratic pattern at 10n is far above.
NOISE_FLOOR = 0.02
CONFIRM_RATIO = 30.0
REGEX_TIMEOUT = 240.0
UNITS = (
    "a",
    " ",
    "\t",
    "a ",
    "A",
    "Aa ",
    "1",
    "1.",
    "1.2 ",
    "<",
    ">",
    '">',
    '<a href="',
    '="',
    '" ',
    "</a>",
    "<br>",
    "&",
    "&amp;",
    "&#",
    "&#8217;",
    ";",
    "#",
    "# ",
    "-",
    "- ",
    "*",
    "•",
    ".",
    ",",
    ":",
    "'",
    '"',
    "(",
    ")",
    "[",
    "](",
    "![",
    "|",
    "/",
    "\\",
    "_",
    "@",
    "http://",
    "www.",
    "x<",
    "\u00a0",
    "\u200b",
    "\u00ad",
    "\ufeff",
    "â€",
    "Ã",
    "Â",
    "\x85",
    "—",
    "…",
    "汉",
    "かな",
    "한",
    "😀",
    "\u200d",
    "\ufffd",
    "\ud800",
    "\n",
    "a\n",
    "\r\n",
)


def _module_patterns() -> Iterator[tuple[str, Any]]:
    package = articlekit.__path__
    names = ["articlekit"] + [m.name for m in pkgutil.walk_packages(package, "articlekit.")]
    for name in names:
        try:
            module = importlib.import_module(name)
        except ImportError:  # an optional dependency (dask) is missing
            continue
        yield from _patterns_in(name, vars(module), depth=0)


def _patterns_in(where: str, namespace: dict[str, Any], depth: int) -> Iterator[tuple[str, Any]]:
    for attribute, value in namespace.items():
        name = f"{where}.{attribute}"
        if isinstance(value, PatternType):
            yield name, value
        elif depth < 2 and isinstance(value, (tuple, list, set, frozenset)):
            items = {f"[{i}]": v for i, v in enumerate(value)}
            yield from _patterns_in(name, items, depth + 1)
        elif depth < 2 and isinstance(value, dict):
            yield from _patterns_in(name, {f"[{k!r}]": v for k, v in value.items()}, depth + 1)
        elif depth == 0 and isinstance(value, type) and value.__module__ == where:
            yield from _patterns_in(name, dict(vars(value)), depth + 1)


def _collect() -> dict[str, Any]:
    found: dict[str, Any] = {}
    seen: set[int] = set()
    for name, pattern in _module_patterns():
        if id(pattern) not in seen:
            seen.add(id(pattern))
            found[name] = pattern
    return found


PATTERNS = _collect()
SEARCHING = frozenset({"search", "finditer", "findall", "sub", "subn", "split"})


SOURCES = {
    name: Path(module.__file__).read_text(encoding="utf-8")
    for name, module in list(sys.modules.items())
    if name.startswith("articlekit") and getattr(module, "__file__", None)
}


def _operations(name: str) -> frozenset[str]:
    """Return how the package calls the pattern: one only ever ``match``-ed is only matched.

    A pattern used with ``search``, ``sub``, ``split``…, or in a way this cannot see (inside a
    container, passed around) is also searched: ``finditer`` tries it at every position.
    """
    every_way = frozenset({"finditer", "match", "fullmatch"})
    module, _, attribute = name.rpartition(".")
    if not attribute.isidentifier() or module not in SOURCES:
        return every_way
    importers = [
        text
        for other, text in SOURCES.items()
        if other != module and re.search(rf"\bimport\b[^\n]*\b{attribute}\b", text)
    ]
    calls = rf"\b{re.escape(attribute)}\.(\w+)\("
    used = {call for text in [SOURCES[module], *importers] for call in re.findall(calls, text)}
    if not used or used & SEARCHING:
        return every_way
    return frozenset({"match"} | (used & {"fullmatch"}))


OPERATIONS = {name: _operations(name) for name in PATTERNS}


def _units_for(pattern: Any) -> list[str]:
    source = pattern.pattern
    if isinstance(source, bytes):
        source = source.decode("latin-1")
    literal = sorted({c for c in source if c.isprintable() and c not in "\\^$.|?*+()[]{} "})
    units = list(UNITS) + literal[:40] + ["".join(literal[:20])]
    units = [unit for unit in units if unit]
    return units + [unit + "§" for unit in units if len(unit) > 1] + ["a" * 50 + "\n"]


def _exercise(
    pattern: Any, subject: Any, operations: frozenset[str], timeout: float | None = None
) -> None:
    # ``regex`` patterns take a timeout; ``re`` patterns are only run where they cannot hang.
    limit = {} if timeout is None or isinstance(pattern, re.Pattern) else {"timeout": timeout}
    if "finditer" in operations:
        for _ in pattern.finditer(subject, **limit):
            pass
    pattern.match(subject, **limit)
    if "fullmatch" in operations:
        pattern.fullmatch(subject, **limit)


def _measure(name: str) -> list[str]:
    """Return the adversarial lines on which ``PATTERNS[name]`` is not linear (in a child).

    A line is a failure when the time grows 15-fold or more from n to 10n *and* 30-fold from
    10n to 100n (or the 100n run times out): quadratic gives 100 at each step, while a line
    that outgrows a cache can jump 20-fold once, and a busy machine adds noise.
    """
    pattern, operations = PATTERNS[name], OPERATIONS[name]
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode()
    # A bounded quantifier ({0,2000}) is quadratic below its bound and linear above it: start
    # well above the largest bound.
    bounds = [int(b) for b in re.findall(r"\{\d*,?(\d+)\}", source)]
    n = max([REGEX_N] + [5 * bound for bound in bounds])

    def _seconds(subject: Any, repeat: int, timeout: float | None = None) -> float:
        best = float("inf")
        for _ in range(repeat):
            gc.disable()
            try:
                start = time.process_time()
                _exercise(pattern, subject, operations, timeout)
                best = min(best, time.process_time() - start)
            except TimeoutError:
                return float("inf")
            finally:
                gc.enable()
        return best

    failures = []
    for unit in _units_for(pattern):
        piece: str | bytes = unit
        if isinstance(pattern.pattern, bytes):
            piece = unit.encode("utf-8", "surrogatepass")
        small, large = [piece * (k * n // len(unit)) for k in (1, 10)]
        t_small, t_large = _seconds(small, 2), _seconds(large, 1)
        if t_large < NOISE_FLOOR or t_large / t_small < MAX_RATIO:
            continue
        t_small, t_large = _seconds(small, 5), _seconds(large, 2)
        if t_large < NOISE_FLOOR or t_large / t_small < MAX_RATIO:
            continue
        ways = "/".join(sorted(operations))
        found = f"{ways} on {unit!r}: {t_small:.5f}s at n={n}, {t_large:.5f}s at 10n"
        if t_large < 0.2:
            t_huge = _seconds(large * 10, 2, timeout=max(1.0, 20 * t_large))
            if t_huge / t_large < CONFIRM_RATIO:
                continue
            found += f", {t_huge:.3f}s at 100n"
        failures.append(found)
        break  # one proof is enough, and the next may take as long
    return failures


@pytest.fixture(scope="module")
def regex_results() -> dict[str, list[str] | str]:
    # Patterns run in child processes (two cores) so that a catastrophic one times out
    # instead of hanging the suite.
    context = multiprocessing.get_context("fork")
    results: dict[str, list[str] | str] = {}
    pool = context.Pool(2)
    try:
        pending = {name: pool.apply_async(_measure, (name,)) for name in PATTERNS}
        deadline = time.monotonic() + REGEX_TIMEOUT
        for name, job in pending.items():
            try:
                results[name] = job.get(timeout=max(1.0, deadline - time.monotonic()))
            except multiprocessing.TimeoutError:
                results[name] = f"no answer within {REGEX_TIMEOUT:.0f}s: catastrophic?"
    finally:
        pool.terminate()
        pool.join()
    return results


def test_regexes_were_found() -> None:
    # The walk must see the patterns of the decoding stage and of subpackages (repair/).
    assert "articlekit.decode._CONTROL" in PATTERNS
    assert any(name.startswith("articlekit.repair.") for name in PATTERNS)


@pytest.mark.parametrize("name", [_known(name, KNOWN_SLOW_PATTERNS) for name in sorted(PATTERNS)])
def test_regex_is_linear_on_adversarial_lines(
    name: str, regex_results: dict[str, list[str] | str]
) -> None:
    result = regex_results[name]
    assert result == [], f"{name} ({PATTERNS[name].pattern!r}): {result}"
