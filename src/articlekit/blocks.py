"""Stage 2: find code before repair, and cut the lines into spans (runs of non-blank lines).

``find_code_lines`` runs on the raw input lines, before the repair stage, so that code examples
inside an article (``<script src=…>``, ``<!DOCTYPE html>``, ``x = a < b;``) reach the reader
byte-identical; the repair stage leaves every line it names alone. A prose line that merely
carries stray inline markup (``<p>…</p>``, ``<span style=…>…</span>``, ``<a href=…>…</a>``) is
not code: that markup is exactly what the repair stage removes.

``split_spans`` cuts the lines into runs of non-blank lines; a fenced code block (````` ``` `````
or ``~~~``) stays one span even when it holds blank lines.

Fences follow CommonMark: an opening fence is three or more backticks or tildes, indented by at
most three columns, and may carry an info string (````` ```python `````; after backticks it may
hold no backtick, or the line is inline code, not a fence). The block ends at a closing fence:
the same character, at least as many times, and nothing but spaces after it. Any other line,
even one that starts with fence characters, is inside the block; an unclosed block runs to the
end of the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from articlekit.lines import Line, Span

__all__ = [
    "closes_fence",
    "code_line_strength",
    "fence_end",
    "find_code_lines",
    "forget_last_scan",
    "opening_fence",
    "split_spans",
]

# The fence characters at the start of a line; what follows them is checked with str methods.
_FENCE_START = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
_FENCE_FIRST = (" ", "\t", "`", "~")

# A line that opens like a statement of a programming language. Keywords are matched case-
# sensitively and need code punctuation on the same line (checked separately), so that a
# wrapped prose line starting with "for" or "let" is not taken for code.
_KEYWORD_START = regex.compile(
    r"[ \t]*(?:function\b|var |let |const |def |class \w|import |from [\w.]+ import\b|"
    r"#include\b|#!/|return\b|public |private |protected |static |package |using |"
    r"namespace |SELECT |INSERT |UPDATE |DELETE |CREATE |if ?\(|for ?\(|while ?\(|"
    r"switch ?\(|try ?\{|catch ?\(|else\b|elif |fn |func |echo |export |require\(|"
    r"module\.|console\.|document\.|window\.|this\.|self\.|print\(|\w{1,40}\.\w{1,40}\()"
)
# What each alternative of ``_KEYWORD_START`` starts with, after the indent; the last one needs
# a "." and a "(" in the line.
_KEYWORD_PREFIXES = (
    *("function", "var ", "let ", "const ", "def ", "class ", "import ", "from ", "#include"),
    *("#!/", "return", "public ", "private ", "protected ", "static ", "package ", "using "),
    *("namespace ", "SELECT ", "INSERT ", "UPDATE ", "DELETE ", "CREATE ", "if", "for", "while"),
    *("switch", "try", "catch", "else", "elif ", "fn ", "func ", "echo ", "export ", "require("),
    *("module.", "console.", "document.", "window.", "this.", "self.", "print("),
)
# ASCII only: the stdlib engine matches it exactly as ``regex`` would, and faster.
_CODE_PUNCTUATION = re.compile(r"[(){}\[\];=<>]")
_COMMENT_START = regex.compile(r"[ \t]*(?://|/\*|\*/|<!--)")
# A shell prompt followed by a command, or a bare command with an option flag.
_SHELL_PROMPT = regex.compile(r"[ \t]*[$#>] [a-z./~]")
_PROMPTS = ("$ ", "# ", "> ")  # (how a line that ``_SHELL_PROMPT`` matches goes on, unindented)
_COMMAND_WITH_FLAG = regex.compile(r"[ \t]*[a-z][\w.-]*(?: [\w./:@=-]+)*? --?[a-z][\w-]*(?: |$)")
# Markup that only appears in documents and templates, never as inline residue in prose.
_STRUCTURAL_TAG = regex.compile(
    r"[ \t]*</?(?:!doctype|html|head|body|meta|link|script|style|div|iframe|template|svg|"
    r"form|input|button|select|option|textarea|noscript|section|article|nav|header|footer|"
    r"main|aside|table|thead|tbody|tr|td|th|ul|ol|li|canvas|object|embed|\?xml|\?php)\b",
    regex.IGNORECASE,
)
_HTML_FIRST = ("<", " ", "\t")
_HTML_DOCUMENT = regex.compile(r"[ \t]*<(?:!doctype|html\b|\?xml)", regex.IGNORECASE)
_HTML_DOCUMENT_END = regex.compile(r"</html>[ \t]*$", regex.IGNORECASE)
_ASSIGNMENT = regex.compile(r"[ \t]*[\w.\[\]\"'-]+[ \t]*[-+*/:]?=(?:[ \t]|$)")
_INI_SECTION = regex.compile(r"[ \t]*\[[\w .-]+\][ \t]*$")
_LIST_MARKER = regex.compile(r"[ \t]*(?:[-*•–◦·]|\d{1,3}[.)]|[a-z]\))[ \t]")
_WORD = regex.compile(r"\p{L}+")
_CAPITALISED_WORD = regex.compile(r"\p{Lu}\p{Ll}+\b")
_ANY_TAG = regex.compile(r"</?[A-Za-z!?][^<>]{0,300}>")
# Inline markup left in prose by a scraper; it says nothing about code.
_INLINE_TAG = regex.compile(
    r"</?(?:a|b|i|u|em|strong|span|p|br|font|small|mark|sup|sub|s|del|ins|abbr|cite)\b[^<>]{0,300}>",
    regex.IGNORECASE,
)

# The first and last characters (of the stripped line) that fences, HTML documents and the strong
# rules of ``code_line_strength`` need, apart from the command rule's lowercase letter.
_OPENS_CODE = frozenset("`~</*$#>})]")
_ENDS_CODE = frozenset("{}[]();:,=>")
_STATEMENT_ENDS = ("{", ";", "()", "=>")

#: Strength of a line's evidence for code: strong lines can start a code region, weak ones
#: only continue it.
STRONG = 2
WEAK = 1
NONE = 0


def code_line_strength(text: str) -> int:
    """Return how much ``text`` (one line) looks like code: ``STRONG``, ``WEAK`` or ``NONE``.

    >>> code_line_strength("  return this.name;"), code_line_strength("The end.")
    (2, 0)
    >>> code_line_strength("<p>A sentence that only carries markup.</p>")
    0
    """
    stripped = text.strip()
    if not stripped:
        return NONE
    strength = _strong_evidence(text, stripped)
    if strength is not None:
        return strength
    if ("=" in text and _ASSIGNMENT.match(text)) or (
        stripped[0] == "[" and _INI_SECTION.match(text)
    ):
        return WEAK
    bare = _INLINE_TAG.sub("", stripped) if "<" in stripped else stripped
    if len(_CODE_PUNCTUATION.findall(bare)) >= 2 and (
        len("".join(_WORD.findall(bare))) < 0.6 * len(bare)
    ):
        return WEAK
    if text.startswith(("  ", "\t")) and not _LIST_MARKER.match(text):
        return WEAK
    return NONE


def _is_strong(text: str) -> bool:
    # The question a region's first line must answer, without the weak rules' regexes.
    stripped = text.strip()
    return bool(stripped) and _strong_evidence(text, stripped) == STRONG


def _strong_evidence(text: str, stripped: str) -> int | None:
    """Return ``STRONG`` or ``NONE`` when the strong rules decide, ``None`` when they do not."""
    # Each pattern below needs its first character, or a substring, to be there: checked first,
    # with str methods, so that a prose line costs few regex calls.
    first = stripped[0]
    if first == "<" and _STRUCTURAL_TAG.match(text):
        # "<div>A whole sentence.</div>" is prose in leftover markup, which repair strips.
        bare = _ANY_TAG.sub(" ", text)
        words = len(_WORD.findall(bare))
        return NONE if words >= 10 or (words >= 5 and _is_prose(bare)) else STRONG
    if (first in "/*<" and _COMMENT_START.match(text)) or (
        first in "$#>" and _SHELL_PROMPT.match(text)
    ):
        return STRONG
    # Lone closing brackets (`});`, `]`) and statement ends (`{`, `;`, `()`, `=>`).
    if first in "})]" and not stripped.strip("})];,"):
        return STRONG
    # Counted only for the lines the two rules below can apply to (most prose lines are not).
    if stripped.endswith(_STATEMENT_ENDS) and len(_CODE_PUNCTUATION.findall(text)) >= 2:
        return STRONG
    if (
        stripped[-1] in "{}[]();:,=>"
        and _may_start_statement(text)
        and _CODE_PUNCTUATION.search(text) is not None
        and _KEYWORD_START.match(text)
    ):
        return STRONG
    if (
        "a" <= first <= "z"
        and len(text) < 120
        and " -" in text
        and not text.rstrip().endswith(".")
        and _COMMAND_WITH_FLAG.match(text)
    ):
        return STRONG
    return None


def _may_start_statement(text: str) -> bool:
    # False when ``_KEYWORD_START`` cannot match ``text``: a str test before the regex.
    start = text.lstrip(" \t")
    return start.startswith(_KEYWORD_PREFIXES) or ("." in start and "(" in start)


def _fence_start(text: str) -> re.Match[str] | None:
    # The fence characters at the start of ``text``; a line that cannot start with them is
    # answered without the pattern.
    return _FENCE_START.match(text) if text.startswith(_FENCE_FIRST) else None


def opening_fence(text: str) -> str | None:
    """Return the fence characters when ``text`` opens a fenced code block, else ``None``.

    >>> opening_fence("```python"), opening_fence("~~~~"), opening_fence("```a``` is inline")
    ('```', '~~~~', None)
    """
    match = _fence_start(text)
    if match is None:
        return None
    fence = match.group(1)
    if fence[0] == "`" and "`" in text[match.end() :]:
        return None
    return fence


def closes_fence(text: str, fence: str) -> bool:
    """Return whether ``text`` closes the block that ``fence`` (as ``opening_fence`` gave) opened.

    >>> closes_fence("```  ", "```"), closes_fence("```` ", "```"), closes_fence("``` and", "```")
    (True, True, False)
    """
    match = _fence_start(text)
    if match is None:
        return False
    chars = match.group(1)
    return chars[0] == fence[0] and len(chars) >= len(fence) and not text[match.end() :].strip()


def fence_end(lines: Sequence[Line], start: int) -> int:
    """Return the position just past the fenced block that opens at ``lines[start]``.

    That is one past its closing fence, or ``len(lines)`` when the block is not closed; ``start
    + 1`` when ``lines[start]`` opens no block.

    >>> from articlekit.lines import split_lines
    >>> lines = split_lines("```sh\\n``` not a close\\n```\\nafter\\n")
    >>> fence_end(lines, 0), fence_end(lines[:2], 0), fence_end(lines, 3)
    (3, 2, 4)
    """
    fence = opening_fence(lines[start].text)
    if fence is None:
        return start + 1
    for j in range(start + 1, len(lines)):
        if closes_fence(lines[j].text, fence):
            return j + 1
    return len(lines)


# Closing brackets and quotes that may follow a sentence's last stop: "(See the guide.)".
_SENTENCE_CLOSERS = ")]\"'”’»"


def _is_prose(text: str) -> bool:
    # A sentence: several words and ends like one (also inside brackets or quotes); such a line
    # never continues a code region even when it is indented.
    stripped = text.strip()
    return (
        stripped.rstrip(_SENTENCE_CLOSERS)[-1:] in ".!?:…"
        and "{" not in stripped
        and len(_WORD.findall(stripped)) >= 5
    )


# What one step of the code scan found, from a candidate line at position ``i``: (the last
# position it read, the position the scan goes on from, the positions of the code lines found).
# A step reads nothing but the lines from ``i`` to that last one (and the number of lines).
_Step = tuple[int, int, tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class _Scan:
    """A finished code scan: the lines it read, its candidate lines and its steps by position."""

    lines: tuple[Line, ...]
    candidates: list[int]
    steps: dict[int, _Step]


# The last scan. The repair stage scans the same lines again after repair, where most lines are
# unchanged; a step that read none of the changed lines is taken from here instead of redone.
_last_scan: _Scan | None = None


def _is_candidate(text: str) -> bool:
    """Return False when ``text`` can start no code: no fence, no document, no strong line.

    Those need a first character of ``_OPENS_CODE`` (fences and documents too); or the line
    ends like a statement; or it may open with a statement keyword and ends with one of
    ``_ENDS_CODE``; or it is a lowercase command with an option. Most prose lines are never
    looked at again.
    """
    stripped = text.strip()
    return bool(stripped) and (
        stripped[0] in _OPENS_CODE
        or ("a" <= stripped[0] <= "z" and " -" in text)
        or (
            stripped[-1] in _ENDS_CODE  # (every one of ``_STATEMENT_ENDS`` ends with one)
            and (stripped.endswith(_STATEMENT_ENDS) or _may_start_statement(text))
        )
    )


def _candidates(lines: Sequence[Line]) -> list[int]:
    # The positions of the candidate lines.
    return [position for position, line in enumerate(lines) if _is_candidate(line.text)]


def find_code_lines(lines: Sequence[Line]) -> frozenset[int]:
    """Return the indices of the lines that are code, which the repair stage must leave alone.

    Code is a fenced block, an HTML document (``<!DOCTYPE …>`` or ``<html>`` to ``</html>``), or
    a run of lines that look like code (statements ending in ``;`` or ``{``, shell prompts,
    structural tags, indented continuations) holding at least as many strong lines as weak ones.

    The scan is remembered: called again on as many lines of which only a few have other text
    (the repair stage's settling rounds), it reads again only the stretches around those lines.

    >>> from articlekit.lines import split_lines
    >>> text = "Add this line:\\n\\n<script src=\\"app.js\\"></script>\\n\\nIt <b>works</b>.\\n"
    >>> sorted(find_code_lines(split_lines(text)))
    [2]
    """
    global _last_scan
    lines = tuple(lines)  # (kept for the next call: a list could change in between)
    last = _last_scan
    steps: dict[int, _Step] = {}
    found: set[int] = set()
    if last is None or len(last.lines) != len(lines):
        candidates = _candidates(lines)
        i = 0
        for position in candidates:
            if position >= i:  # (else inside the region found last)
                i = position
                steps[i] = step = _code_step(lines, i)
                if step[2]:
                    found.update(step[2])
                i = step[1]
    else:
        changed = [
            position
            for position, (old, new) in enumerate(zip(last.lines, lines, strict=True))
            if old is not new and old.text != new.text
        ]
        candidates = last.candidates
        if changed:
            kept = set(candidates)
            kept.difference_update(changed)
            kept.update(position for position in changed if _is_candidate(lines[position].text))
            candidates = sorted(kept)
        i = 0
        for position in candidates:
            if position >= i:
                i = position
                earlier = last.steps.get(i)
                if earlier is not None and _unchanged(changed, i, earlier[0]):
                    step = earlier
                else:  # the step read a changed line, or none ran from here
                    step = _code_step(lines, i)
                steps[i] = step
                found.update(step[2])
                i = step[1]
    _last_scan = _Scan(lines, candidates, steps)
    return frozenset(lines[position].index for position in found)


def forget_last_scan() -> None:
    """Drop the scan ``find_code_lines`` remembers, and the lines it holds.

    ``parse`` and ``clean`` call it once the repair stage is done, so that a long document's
    lines are not kept alive until the next call.
    """
    global _last_scan
    _last_scan = None


def _unchanged(changed: list[int], first: int, last: int) -> bool:
    # Whether no position in the sorted ``changed`` lies in first..last.
    k = bisect.bisect_left(changed, first)
    return k == len(changed) or changed[k] > last


def _code_step(lines: Sequence[Line], i: int) -> _Step:
    """Return what the code scan finds from the candidate line at position ``i``."""
    count = len(lines)
    text = lines[i].text
    if opening_fence(text) is not None:
        j = fence_end(lines, i)
        return j - 1 if j < count else count - 1, j, tuple(range(i, j))
    if text.startswith(_HTML_FIRST) and _HTML_DOCUMENT.match(text):
        j = i
        while j < count and not _HTML_DOCUMENT_END.search(lines[j].text):
            j += 1
        return min(j, count - 1), j + 1, tuple(range(i, min(j + 1, count)))
    if not _is_strong(text):
        return i, i + 1, ()
    # Grow a region from a strong line over strong and weak lines, and over single blank lines
    # between them.
    j = i
    strong = weak = 0
    last_code = i
    shell_output = False
    while j < count:
        line_text = lines[j].text
        if not line_text.strip():
            shell_output = False
            if j - last_code > 1:
                break
            j += 1
            continue
        if opening_fence(line_text) is not None:
            # A fenced block starts a region of its own.
            break
        strength = code_line_strength(line_text)
        if strength == NONE or (strength == WEAK and _is_prose(line_text)):
            output = shell_output and _could_be_output(line_text)
            if not (output or _continues_tag(lines, j, last_code)) or _is_prose(line_text):
                break
            # Command output and tag continuations neither prove nor disprove code.
            strength = NONE
        elif line_text.lstrip(" \t").startswith(_PROMPTS) and _SHELL_PROMPT.match(line_text):
            # The lines after a prompt, up to a blank line, are the command's output.
            shell_output = True
        strong += strength == STRONG
        weak += strength == WEAK
        last_code = j
        j += 1
    code: tuple[int, ...] = ()
    if strong >= weak:
        code = tuple(k for k in range(i, last_code + 1) if lines[k].text.strip())
    return min(j, count - 1), last_code + 1, code


def _could_be_output(text: str) -> bool:
    # Command output ("updating to branch default", "0 files updated", "[...]"), not a sentence
    # or a heading that follows the session without a blank line.
    stripped = text.strip().rstrip(_SENTENCE_CLOSERS)
    if stripped.endswith((".", ":")) and stripped[-2:-1].isalpha():
        return False
    return not _CAPITALISED_WORD.match(stripped.lstrip("([\"'“‘«"))


def _continues_tag(lines: Sequence[Line], j: int, last_code: int) -> bool:
    # The second line of a tag whose attributes were broken over lines stays in the region.
    previous = lines[last_code].text
    return j == last_code + 1 and previous.count("<") > previous.count(">")


def split_spans(lines: Sequence[Line]) -> tuple[Span, ...]:
    """Return the runs of non-blank lines, noting blank lines around each.

    A fenced code block is kept in one span with the blank lines inside it.

    >>> from articlekit.lines import split_lines
    >>> [span.text for span in split_spans(split_lines("a\\nb\\n\\n\\nc\\n"))]
    ['a\\nb', 'c']
    """
    spans: list[Span] = []
    run: list[Line] = []
    fence: str | None = None
    for line in lines:
        if fence is None:
            fence = opening_fence(line.text)
        elif closes_fence(line.text, fence):
            fence = None
        if line.is_blank and fence is None:
            if run:
                spans.append(Span(tuple(run)))
                run = []
        else:
            run.append(line)
    if run:
        spans.append(Span(tuple(run)))
    return tuple(spans)
