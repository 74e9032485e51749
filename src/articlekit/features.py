"""Features of a line of text that say whether it reads as a heading, a list item or prose.

Pure functions over strings; every regex is compiled once here. ``classify`` combines the
features with the context of the line (what follows it, the rest of the document).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

import regex

__all__ = [
    "LineMeasures",
    "LineShape",
    "ListMarker",
    "display_width",
    "is_cjk_text",
    "is_markdown_heading",
    "line_shape",
    "markdown_level",
    "match_list_marker",
    "measure_line",
    "numbering_follows",
    "plain_measure",
    "sentence_like",
    "word_count",
]

_SHAPE_WINDOW = 400
_FIRST_LETTER = regex.compile(r"\p{L}")
_CJK = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}"
_CJK_CHAR = regex.compile(rf"[{_CJK}]")
# The blocks that hold every Han, Kana and Hangul character (a test checks it), for the faster
# stdlib engine: a line with none of them is no CJK text.
_MAYBE_CJK = re.compile(
    "[\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff66-\uffdc"
    "\U00016fe0-\U0001f200\U00020000-\U0003ffff]"
)
_WORD = regex.compile(rf"[{_CJK}]|[^\W_{_CJK}]++(?:['’]\p{{L}}+)?")
_LETTER_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")


def _narrow_ranges() -> str:
    # Blocks with no wide character (Latin, Greek, Cyrillic, general punctuation such as curly
    # quotes and dashes), checked against this Python's Unicode data: ``display_width`` looks
    # up only the characters outside them.
    candidates = [(0x80, 0x377), (0x384, 0x38A), (0x38E, 0x3A1), (0x3A3, 0x52F), (0x2000, 0x2064)]
    return "".join(
        f"{chr(low)}-{chr(high)}"
        for low, high in candidates
        if all(unicodedata.east_asian_width(chr(c)) not in "WF" for c in range(low, high + 1))
    )


_MAYBE_WIDE = re.compile(f"[^\x00-\x7f{_narrow_ranges()}]")
# The same patterns for pure-ASCII text, where they mean exactly the same as the Unicode ones
# (no CJK, ``\w`` is ``[A-Za-z0-9_]``, ``\p{L}`` is ``[A-Za-z]``) and the stdlib engine is
# faster: most lines of most articles are ASCII.
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")
_ASCII_LETTER_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_APOSTROPHE_JOIN = re.compile(r"'(?<=[A-Za-z0-9]')[A-Za-z]+(?![A-Za-z0-9])")
_APOSTROPHE_CHAIN = re.compile(r"'[A-Za-z]+'")
_RUN_BYTES = bytes(0x61 if chr(c).isascii() and chr(c).isalnum() else 0x20 for c in range(256))
# Typographic punctuation mapped to ASCII characters that play the same part in ``_WORD``,
# ``_LETTER_WORD`` and ``_INNER_SENTENCE``: the apostrophe stays an apostrophe, opening quotes
# stay opening quotes, everything else becomes ``#`` (no word, no letter, no space). A Latin line
# with curly quotes and dashes then takes the ASCII path.
_TO_ASCII = (
    ("’", "'"),
    ("‘", '"'),
    ("“", '"'),
    ("”", "#"),
    ("—", "#"),
    ("–", "#"),
    ("…", "#"),
    ("«", "#"),
    ("»", "#"),
    ("\u00a0", "#"),
    ("•", "#"),
    ("·", "#"),
    ("„", "#"),
    ("′", "#"),
    ("″", "#"),
    ("€", "#"),
    ("£", "#"),
    ("°", "#"),
    ("©", "#"),
    ("®", "#"),
    ("™", "#"),
    ("×", "#"),
)
_NOT_MAPPED = re.compile("[^\\x00-\\x7f" + "".join(source for source, _ in _TO_ASCII) + "]")


def _as_ascii(text: str) -> str | None:
    """``text`` with typographic punctuation made ASCII, or ``None`` if it still is not ASCII."""
    if text.isascii():
        return text
    if len(text) <= _SHAPE_WINDOW:
        # A line is mapped at once: every mapped character becomes ASCII, so what is still
        # not ASCII is mapped by nothing. A long text is searched first (it may stop early).
        mapped = _map_punctuation(text)
        return mapped if mapped.isascii() else None
    if _NOT_MAPPED.search(text):
        return None
    return _map_punctuation(text)


def _map_punctuation(text: str) -> str:
    for source, target in _TO_ASCII:
        if source in text:
            text = text.replace(source, target)
    return text


_NON_ASCII = re.compile("[^\\x00-\\x7f]")


@lru_cache(maxsize=4096)
def _word_class(char: str) -> str | None:
    # What a character outside ASCII is to ``_WORD``: a letter ("a"), an apostrophe, no part
    # of a word (" "), or ``None`` for one that is counted otherwise (CJK, digits, marks).
    if char == "’":
        return "'"
    if _CJK_CHAR.match(char):
        return None
    if regex.match(r"[^\W_]", char):
        return "a" if _FIRST_LETTER.match(char) else None
    return " "


def _as_word_ascii(text: str) -> str | None:
    """``text`` made ASCII for counting its words, or ``None`` when it has characters of the
    CJK blocks, or digits or marks outside ASCII: a letter becomes ``a``, a character that is
    no part of a word a space, the typographic apostrophe an apostrophe.

    ``_WORD`` reads such characters by their class only, as the ASCII word patterns read the
    characters that replace them: the count stays the same. Accented Latin text (Czech,
    French) and text with a few symbols (``±``, ``½``) is counted without ``_WORD``.
    """
    if _MAYBE_CJK.search(text):
        # Most CJK text is read by ``_WORD`` in the end: the characters are not looked at.
        return None
    for char in set(_NON_ASCII.findall(text)):
        target = _word_class(char)
        if target is None:
            return None
        text = text.replace(char, target)
    return text


# List markers: bullets, numbers and letters. ``(1)`` is not one: it reads as an enumeration
# inside a sentence or a quotation.
_BULLET_CHARS = "-*•–◦·▪►‣"
_BULLET = regex.compile(rf"([ \t]*)([{_BULLET_CHARS}])[ \t]+(?=\S)")
_NUMBERED = regex.compile(r"([ \t]*)(\d{1,3}[.)]|[a-zA-Z]\))[ \t]+(?=\S)")

# Heading numbering: "2.", "2.3", "2.3.", "IV.", "Chapter 3", "Part II", "Step 4:".
# A section number has a dot ("2.", "2.3", "2.3."): a bare "22 " starts a date or a count.
# Possessive: a run of "1.1.1…" is read once, never re-split.
_SECTION_NUMBER = regex.compile(r"(\d{1,3}+(?:\.\d{1,3}+)++\.?|\d{1,3}+\.)[ \t]+(?=\S)")
_ROMAN_NUMBER = regex.compile(r"([IVXLC]{1,6})\.[ \t]+(?=\S)")
_LABELS = (
    "Chapter", "Part", "Section", "Step", "Appendix", "Lesson", "Kapitel", "Teil", "Abschnitt",
    "Chapitre", "Partie", "Étape", "Capítulo", "Parte", "Kapitola", "Část", "第",
)  # fmt: skip
_LABEL_NUMBER = regex.compile(
    rf"((?:{'|'.join(_LABELS)})[ \t]*(?:\d{{1,3}}|[IVXLC]{{1,6}}|[A-Z])(?:章|節|部)?)"
    r"(?:[ \t]*[:.—–-][ \t]*|[ \t]+|$)"
)
# The first two characters of every label (or the one of a label of one character).
_LABEL_STARTS = frozenset(label[:2] for label in _LABELS)
_WORD_NUMBER = regex.compile(r"(\p{Lu}\p{Ll}{2,12}[ \t]\d{1,3})[:.][ \t]+(?=\S)")
_FOOTNOTES = regex.compile(r"(?:\[\d{1,4}\])+$")
_MARKDOWN_HEADING = regex.compile(r"(#{1,6})[ \t]+(?=\S)")
_SETEXT_UNDERLINE = regex.compile(r"[ \t]{0,3}(?:=+|-+)[ \t]*$")
# "Topic: Subtitle" — a short lead before a colon, then more words.
_COLON_LEAD = regex.compile(r"[^:：]{2,60}(?::[ \t]+|：[ \t]*)[\p{Lu}\p{Lo}\p{N}\"“‘«]")
_PATH_SLASH = regex.compile(r"[^\s/]/[^\s/]")
_BRACKETED = regex.compile(r"[(\[（［【].*[)\]）］】][.!?]?")
_ATTRIBUTION_START = regex.compile(r"(?:—|–|―|--)[ \t]*\S")
_LISTING_PARENTHETICAL = regex.compile(r"\([^()]{0,40},[^()]{0,40},[^()]{0,40}\)$")
_EMPHATIC = regex.compile(r"[!?！？]{2,}|[.。]{2}")
_COPYRIGHT = regex.compile(r"©|\(c\) \d{4}|\bcopyright\b", regex.IGNORECASE)
_URL = regex.compile(r"https?://|www\.\w|\w@\w+\.\w")
_BYLINE = regex.compile(r"(?:[Bb]y|Par|Von|Por|Od|Text|Written by|Posted by)[ \t]+\p{Lu}")
# The first two characters of every byline ``_BYLINE`` reads.
_BYLINE_STARTS = frozenset({"By", "by", "Pa", "Vo", "Po", "Od", "Te", "Wr"})
_DATE_PATTERN = (
    r"\b(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
    r"Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4}|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
    r"Oct|Nov|Dec)[a-z]*,? \d{4})\b"
)
_DATE = regex.compile(_DATE_PATTERN)
# Every date ``_DATE`` finds has a run of four digits or a digit, a "/" or ".", and a digit.
_ASCII_DATE_HINT = re.compile(r"\d\d\d\d|\d[/.]\d")
_ASCII_DATE = re.compile(_DATE_PATTERN)
# A sentence boundary inside the line: ". Next", "? Next", "。" followed by more text.
_INNER_SENTENCE = regex.compile(r"\p{Ll}[.!?][ \t]+[\p{Lu}\"“‘]|[。！？][^\s」』）)”]")
_ASCII_INNER_SENTENCE = re.compile(r"[a-z][.!?][ \t]+[A-Z\"]")
_OPEN_QUOTES = "\"“‘«„「『'"
_CLOSE_QUOTES = "\"”’»“」』'"
_TERMINAL_CLOSERS = _CLOSE_QUOTES + ")]）」』*_"
_TERMINAL_STOP = ".。．"
_TERMINAL_SOFT = ",;，；、"
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "nor",
        "but",
        "for",
        "of",
        "in",
        "on",
        "at",
        "to",
        "by",
        "with",
        "from",
        "as",
        "into",
        "via",
        "vs",
        "vs.",
        "per",
        "than",
        "de",
        "la",
        "le",
        "les",
        "des",
        "du",
        "et",
        "en",
        "à",
        "au",
        "aux",
        "un",
        "une",
        "pour",
        "sur",
        "par",
        "dans",
        "der",
        "die",
        "das",
        "und",
        "oder",
        "von",
        "zu",
        "im",
        "am",
        "mit",
        "für",
        "auf",
        "aus",
        "den",
        "dem",
        "ein",
        "eine",
        "o",
        "os",
        "as",
        "e",
        "do",
        "da",
        "dos",
        "das",
        "em",
        "no",
        "na",
        "nos",
        "nas",
        "um",
        "uma",
        "para",
        "por",
        "com",
        "a",
        "v",
        "ve",
        "na",
        "se",
        "z",
        "ze",
        "k",
        "o",
        "u",
        "i",
    ]
)


def _every_casing(word: str) -> list[str]:
    casings = [""]
    for char in word:
        casings = [done + case for done in casings for case in {char.lower(), char.upper()}]
    return casings


_SMALL_ASCII_ANY_CASE = frozenset(
    casing for word in _SMALL_WORDS if word.isascii() for casing in _every_casing(word)
)


def is_cjk_text(text: str) -> bool:
    """Return True when most letters of ``text`` are Han, Kana or Hangul.

    >>> is_cjk_text("出国前后关注点"), is_cjk_text("Plain words")
    (True, False)
    """
    return _is_cjk_text(text, _as_ascii(text))


def _is_cjk_text(text: str, ascii: str | None) -> bool:
    if ascii is not None or _MAYBE_CJK.search(text) is None:
        return False
    cjk = len(_CJK_CHAR.findall(text))
    return cjk > 0 and cjk * 2 >= len(_LETTER_WORD.findall(text)) + cjk


def word_count(text: str) -> int:
    """Return the number of words; each Han or Kana character counts as one.

    >>> word_count("Why measure? 中文")
    4
    """
    return _word_count(text, _as_ascii(text))


def _word_count(text: str, ascii: str | None) -> int:
    # ``ascii`` is ``_as_ascii(text)``, computed once by callers that need it several times.
    if ascii is not None:
        # A word is a run of letters and digits, and an apostrophe followed by letters joins
        # the next run to it ("don't"). After one join ("rock'n'roll") the pattern itself
        # counts. The runs are counted by C code: with every letter and digit made "a" and
        # every other byte a space, each run starts with " a".
        runs = (b" " + ascii.encode("ascii").translate(_RUN_BYTES)).count(b" a")
        if "'" not in ascii:
            return runs
        if _APOSTROPHE_CHAIN.search(ascii):
            return len(_ASCII_WORD.findall(ascii))
        return runs - len(_APOSTROPHE_JOIN.findall(ascii))
    word_ascii = _as_word_ascii(text)
    if word_ascii is not None:
        return _word_count(word_ascii, word_ascii)
    return len(_WORD.findall(text))


def display_width(text: str) -> int:
    """Return the width of ``text`` in columns: East Asian wide characters take two.

    >>> display_width("abc"), display_width("中文")
    (3, 4)
    """
    if text.isascii() or _MAYBE_WIDE.search(text) is None:
        return len(text)
    widths = map(unicodedata.east_asian_width, _MAYBE_WIDE.findall(text))
    return len(text) + sum(map("WF".__contains__, widths))


@dataclass(frozen=True, slots=True)
class ListMarker:
    """A list marker at the start of a line."""

    marker: str
    """The marker as written (``"•"``, ``"2."``, ``"b)"``)."""
    ordered: bool
    """True for numbers and letters."""
    indent: int
    """Columns of indentation before the marker."""
    content_start: int
    """Index in the line where the item's text starts."""


def match_list_marker(text: str) -> ListMarker | None:
    """Return the list marker that starts ``text``, or ``None``.

    >>> match_list_marker("  • Item").marker, match_list_marker("2) Two").ordered
    ('•', True)
    >>> match_list_marker("(1) not a list") is None
    True
    """
    # Most lines start with a word: the first character after the indent rules both out (an
    # ASCII one: the ``regex`` module may know a newer Unicode than ``str`` methods do).
    first = text.lstrip(" \t")[:2]
    if not first or (
        first[0].isascii()
        and first[0] not in _BULLET_CHARS
        and not first[0].isdigit()
        and not (first[0].isalpha() and first[1:] == ")")
    ):
        return None
    match = _BULLET.match(text) or _NUMBERED.match(text)
    if match is None:
        return None
    indent = len(match.group(1).expandtabs(4))
    marker = match.group(2)
    return ListMarker(marker, match.re is _NUMBERED, indent, match.end())


# Not frozen: a shape is built for every heading candidate, and a frozen dataclass's
# ``__init__`` (one ``object.__setattr__`` call per field) costs eight times as much. Nothing
# changes a shape once it is built.
@dataclass(slots=True)
class LineShape:
    """What a (stripped) line of text looks like, for heading detection."""

    text: str
    """The text the shape was read from."""
    words: int
    """Words, each Han/Kana character counted as one."""
    cjk: bool
    """Mostly Han, Kana or Hangul."""
    markdown_level: int
    """Number of ``#`` of a Markdown ATX heading, 0 when the line is not one."""
    numbering: str
    """Heading numbering found at the start (``"2.3"``, ``"IV"``, ``"Chapter 3"``), or ``""``."""
    numbering_marker: str
    """The numbering as written, separator included (``"2."``, ``"Chapter 3:"``)."""
    numbering_depth: int
    """Depth of a dotted section number (``2.3`` -> 2), 1 for other numberings, else 0."""
    terminal: str
    """``"stop"``, ``"soft"`` (comma, semicolon), ``"colon"``, ``"question"``, ``"exclaim"``,
    ``"ellipsis"`` or ``""`` for how the line ends."""
    starts_lower: bool
    """The first letter is a lower-case letter of a cased script."""
    title_case: float
    """Share of significant words that start with a capital letter (0.0–1.0)."""
    all_caps: bool
    """Every cased letter is upper case (and there are at least four)."""
    colon_lead: bool
    """Shaped ``Topic: Subtitle``."""
    inner_sentence: bool
    """A sentence ends inside the line and another begins."""
    quoted: bool
    """The whole line is inside quotation marks."""
    url: bool
    """Holds a URL or an e-mail address."""
    byline: bool
    """Starts like a byline (``By Name``)."""
    date: bool
    """Holds a date."""
    tab: bool
    """Holds a tab between words (a table row)."""
    slashes: int
    """Number of ``/`` between non-spaces (photo credits, paths)."""
    inner_semicolon: bool
    """A semicolon between clauses: the punctuation of a sentence, not of a title."""
    dangling: bool
    """Ends with a word that needs a continuation (``and``, ``the``, ``of``): a broken line."""
    emphatic: bool
    """Repeated ``!``/``?`` or a doubled full stop: the voice of prose, not of a heading."""
    copyright: bool
    """A copyright notice."""
    listing_parenthetical: bool
    """Ends with a parenthesis listing three things or more (``(film, 1h34, Netflix)``):
    the details line under a title, not a heading."""
    bracketed: bool
    """The whole line is inside parentheses or square brackets (an aside, a caption)."""
    attribution: bool
    """Starts with a dash, like the attribution line under a quotation."""


def _terminal(text: str) -> str:
    last = text.rstrip(_TERMINAL_CLOSERS)[-1:] or text[-1:]
    if text.endswith(("...", "…")):
        return "ellipsis"
    if last in _TERMINAL_STOP:
        return "stop"
    if last in _TERMINAL_SOFT:
        return "soft"
    if last in ":：":
        return "colon"
    if last in "?？":
        return "question"
    if last in "!！":
        return "exclaim"
    if (last in "—–-" and text[-2:-1] in " \u00a0") or last in "—–":
        return "dash"
    return ""


def _numbering(text: str) -> tuple[str, int, str, str]:
    # Each numbering pattern starts with its own kind of character: a digit, a Roman numeral,
    # a label's first letter, a capital. Only ASCII characters are ruled out here: the
    # ``regex`` module may know a newer Unicode than ``str`` methods do.
    first = text[:1]
    other = not first.isascii()
    if not first or not (other or first.isdigit() or first.isupper()):
        return "", 0, text, ""
    match = _SECTION_NUMBER.match(text) if other or first.isdigit() else None
    if match:
        number = match.group(1).rstrip(".")
        return number, number.count(".") + 1, text[match.end() :], match.group().strip()
    # ``_WORD_NUMBER`` ends its number with a ":" or a "." between the 6th and 18th characters.
    after_number = text[5:18]
    match = (
        # A Roman numeral of six letters at most, then its stop.
        (_ROMAN_NUMBER.match(text) if first in "IVXLC" and "." in text[1:7] else None)
        or (
            _LABEL_NUMBER.match(text)
            if text[:2] in _LABEL_STARTS or first in _LABEL_STARTS
            else None
        )
        or (_WORD_NUMBER.match(text) if ":" in after_number or "." in after_number else None)
    )
    if match:
        return match.group(1).strip(), 1, text[match.end() :], match.group().strip()
    return "", 0, text, ""


def numbering_follows(previous: str, number: str) -> bool:
    """Return True when the section number ``number`` can come right after ``previous``.

    >>> numbering_follows("2", "2.1"), numbering_follows("2.2", "3"), numbering_follows("1", "3")
    (True, True, False)
    """
    if not previous or not number or not (previous[0].isdigit() and number[0].isdigit()):
        return False
    previous_parts, parts = previous.split("."), number.split(".")
    if not all(part.isdecimal() for part in previous_parts + parts):
        # A digit that the ``regex`` module knows from a newer Unicode than ``int`` does.
        return False
    a = [int(x) for x in previous_parts]
    b = [int(x) for x in parts]
    if b == [*a, 1]:
        return True
    k = len(b) - 1
    return k < len(a) and b[:k] == a[:k] and b[k] == a[k] + 1


def _title_case(text: str, ascii: str | None) -> float:
    if ascii is not None:
        # Every ASCII letter is cased: the significant words are the cased ones. A small word
        # is looked up in every casing, without lowering it; an ASCII word starts with a
        # capital when it sorts before "a".
        ascii_words = _ASCII_LETTER_WORD.findall(ascii)
        if not ascii_words:
            return 0.0
        count = 1
        upper = 1 if ascii_words[0] < "a" else 0
        for word in ascii_words[1:]:
            if word not in _SMALL_ASCII_ANY_CASE:
                count += 1
                if word < "a":
                    upper += 1
        return upper / count
    words = _LETTER_WORD.findall(text)
    significant = [w for i, w in enumerate(words) if i == 0 or w.lower() not in _SMALL_WORDS]
    cased = [w for w in significant if w[0].lower() != w[0].upper()]
    if len(cased) < 2 and len(significant) > 1:
        return 0.0
    if not cased:
        return 0.0
    return sum(1 for w in cased if w[0].isupper()) / len(cased)


_DANGLING_WORDS = frozenset(
    [
        "and",
        "or",
        "nor",
        "but",
        "the",
        "a",
        "an",
        "of",
        "to",
        "with",
        "for",
        "from",
        "by",
        "in",
        "on",
        "at",
        "as",
        "than",
        "that",
        "which",
        "who",
        "und",
        "oder",
        "der",
        "die",
        "das",
        "mit",
        "von",
        "zu",
        "et",
        "ou",
        "le",
        "la",
        "les",
        "des",
        "du",
        "de",
        "avec",
        "pour",
        "e",
        "ou",
        "com",
        "para",
        "do",
        "da",
    ]
)


def _inner_sentence(text: str, ascii: str | None) -> bool:
    if ascii is not None:
        # The pattern needs a sentence mark before a space or a tab.
        return (
            ". " in ascii
            or "? " in ascii
            or "! " in ascii
            or ".\t" in ascii
            or "?\t" in ascii
            or "!\t" in ascii
        ) and _ASCII_INNER_SENTENCE.search(ascii) is not None
    return _INNER_SENTENCE.search(text) is not None


def _all_caps(text: str) -> bool:
    # Every cased letter upper case, and at least four of them. A prose line has a lower-case
    # letter within its first few characters: stop there.
    if text.isascii():
        return text == text.upper() and sum(1 for ch in text if ch.isalpha()) >= 4
    count = 0
    for ch in text:
        if ch.isalpha() and ch.lower() != ch.upper():
            if not ch.isupper():
                return False
            count += 1
    return count >= 4


def _dangling(text: str) -> bool:
    stripped = text.strip()
    return " " in stripped and stripped.rsplit(None, 1)[-1] in _DANGLING_WORDS


def line_shape(text: str) -> LineShape:
    """Return the shape of one stripped line of text.

    >>> shape = line_shape("2.3 Why Measure?")
    >>> shape.numbering, shape.numbering_depth, shape.terminal, shape.title_case
    ('2.3', 2, 'question', 1.0)
    """
    if len(text) > _SHAPE_WINDOW:
        # Only short lines can be headings: read the start and the end of a long line, so that
        # a megabyte-long paragraph costs no more than a short one.
        head = line_shape(text[:_SHAPE_WINDOW].rstrip())
        tail = text[-64:].strip()
        return replace(
            head,
            text=text,
            words=head.words + max(1, (len(text) - _SHAPE_WINDOW) // 8),
            terminal=_terminal(tail) if tail else "",
            quoted=False,
            bracketed=False,
            dangling=False,
            inner_semicolon=False,
            listing_parenthetical=False,
        )
    markdown = _MARKDOWN_HEADING.match(text) if text[:1] == "#" else None
    markdown_level = len(markdown.group(1)) if markdown else 0
    body = text[markdown.end() :].rstrip().rstrip("#").rstrip() if markdown else text
    numbering, depth, rest, written = _numbering(body)
    first = rest[:1]
    if first.isascii() and first.isalpha():
        # Most lines start with an ASCII letter: it is the first letter.
        starts_lower = first.islower()
    else:
        first_letter = _FIRST_LETTER.search(rest)
        starts_lower = bool(first_letter and first_letter.group().islower())
    stripped = body.strip()
    # Footnote calls at the end ("…Foundation:[41]") hide how the sentence ends.
    footnotes = _FOOTNOTES.search(stripped[-64:]) if stripped[-1:] == "]" else None
    if footnotes and footnotes.start() > 0:
        stripped = stripped[: len(stripped) - (len(stripped[-64:]) - footnotes.start())]
    quoted = (
        len(stripped) > 2
        and stripped[0] in _OPEN_QUOTES
        and stripped.rstrip(".,!?")[-1:] in _CLOSE_QUOTES
        and sum(stripped.count(q) for q in '“”"') <= 2
    )
    ascii = text.isascii()
    rest_ascii = _as_ascii(rest)
    # Cheap substring checks first: each regex below needs the substring to match at all.
    lowered = stripped.lower()
    copyright = ("©" in stripped or "(c) " in lowered or "copyright" in lowered) and bool(
        _COPYRIGHT.search(stripped)
    )
    url = ("://" in text or "www." in text or "@" in text) and bool(_URL.search(text))
    colon_lead = (":" in rest[:61] or "：" in rest[:61]) and bool(_COLON_LEAD.match(rest))
    # Positional, in the order of the fields: a shape is built for every heading candidate,
    # and keywords cost twice as much.
    return LineShape(
        text,  # text
        _word_count(rest, rest_ascii) or word_count(numbering),  # words
        rest_ascii is None and _is_cjk_text(rest, rest_ascii),  # cjk
        markdown_level,  # markdown_level
        numbering,  # numbering
        written,  # numbering_marker
        depth,  # numbering_depth
        _terminal(stripped) if stripped else "",  # terminal
        starts_lower,  # starts_lower
        _title_case(rest, rest_ascii),  # title_case
        _all_caps(rest),  # all_caps
        colon_lead,  # colon_lead
        _inner_sentence(rest, rest_ascii),  # inner_sentence
        quoted,  # quoted
        url,  # url
        text[:2] in _BYLINE_STARTS and bool(_BYLINE.match(text)),  # byline
        _has_date(text, ascii),  # date
        "\t" in text.strip(),  # tab
        len(_PATH_SLASH.findall(text)) if "/" in text else 0,  # slashes
        "; " in stripped or "；" in stripped,  # inner_semicolon
        _dangling(stripped),  # dangling
        _emphatic(stripped),  # emphatic
        copyright,  # copyright
        # listing_parenthetical
        stripped[-1:] == ")" and bool(_LISTING_PARENTHETICAL.search(stripped[-120:])),
        # bracketed
        stripped[:1] in "([（［【"
        and bool(_BRACKETED.fullmatch(stripped))
        and stripped.count("(") <= 1,
        stripped[:1] in "—–―-" and bool(_ATTRIBUTION_START.match(stripped)),  # attribution
    )


def _has_date(text: str, ascii: bool) -> bool:
    # Most lines hold no run of four digits (a year) and no digit next to a "/" or ".".
    if ascii:
        return _ASCII_DATE_HINT.search(text) is not None and _ASCII_DATE.search(text) is not None
    return _DATE.search(text) is not None


def _emphatic(text: str) -> bool:
    # ``_EMPHATIC`` needs a question or exclamation mark, or two stops in a row.
    if "!" in text or "?" in text or "！" in text or "？" in text or ".." in text:
        return _EMPHATIC.search(text) is not None
    return "。" in text and _EMPHATIC.search(text) is not None


def sentence_like(text: str) -> bool:
    """Return True when ``text`` reads as running prose: a long line, or one ending a sentence.

    >>> sentence_like("It works well, and it is fast."), sentence_like("Why Measure")
    (True, False)
    """
    stripped = text.strip()
    if len(stripped) <= _SHAPE_WINDOW:
        return _prose_measured(*measure_line(stripped))
    return _long_sentence_like(text)


def _prose_measured(words: int, terminal: str, cjk: bool) -> bool:
    if cjk:
        return words >= 40 or (terminal in ("stop", "question", "exclaim") and words >= 12)
    return words >= 18 or (terminal in ("stop", "question", "exclaim", "ellipsis") and words >= 6)


class LineMeasures:
    """``measure_line``, ``plain_measure`` and ``sentence_like`` of the lines of one document,
    each read once.

    The layout, the units, the heading scores and the lists ask about the same lines: the
    answers are kept by the line's stripped text.
    """

    __slots__ = ("_known", "_plain", "_prose")

    def __init__(self) -> None:
        self._known: dict[str, tuple[int, str, bool]] = {}
        self._plain: dict[str, bool] = {}
        self._prose: dict[str, bool] = {}

    def measure(self, stripped: str) -> tuple[int, str, bool]:
        """Return ``measure_line(stripped)``."""
        known = self._known.get(stripped)
        if known is None:
            known = self._known[stripped] = measure_line(stripped)
        return known

    def plain(self, stripped: str) -> bool:
        """Return ``plain_measure(stripped)``."""
        known = self._plain.get(stripped)
        if known is None:
            known = self._plain[stripped] = plain_measure(stripped)
        return known

    def sentence_like(self, text: str) -> bool:
        """Return ``sentence_like(text)``."""
        # Spaces around the text change no answer: the answer is kept by the stripped text.
        stripped = text.strip()
        known = self._prose.get(stripped)
        if known is None:
            words, terminal, cjk = self.measure(stripped)
            if len(stripped) <= _SHAPE_WINDOW:
                known = _prose_measured(words, terminal, cjk)
            else:
                # 40 words in the window settle it, as in ``sentence_like``.
                window_words = words - max(1, (len(stripped) - _SHAPE_WINDOW) // 8)
                known = window_words >= 40 or _long_sentence_like(stripped)
            self._prose[stripped] = known
        return known


def _long_sentence_like(text: str) -> bool:
    # A long text's start holds no more words than the whole: 40 words there settle it
    # for every script, without reading the rest.
    head = text[:_SHAPE_WINDOW]
    if _word_count(head, _as_ascii(head)) >= 40:
        return True
    ascii = _as_ascii(text)
    words = _word_count(text, ascii)
    terminal = _terminal(text.strip()) if text.strip() else ""
    if _is_cjk_text(text, ascii):
        return words >= 40 or (terminal in ("stop", "question", "exclaim") and words >= 12)
    return words >= 18 or (terminal in ("stop", "question", "exclaim", "ellipsis") and words >= 6)


#: ``measure_line`` counts words up to this many: every rule that reads the count draws its
#: lines at 40 words or fewer.
WORD_CAP = 41
# Words in a line's first characters are never more than in the whole line: when so many
# characters already hold ``WORD_CAP`` words, the rest is not read.
_CAP_PREFIX = 240


def measure_line(text: str) -> tuple[int, str, bool]:
    """Return ``words``, ``terminal`` and ``cjk`` as ``line_shape`` reads a line without markup,
    with ``words`` read only up to ``WORD_CAP`` in the window a shape reads.

    ``text`` is a stripped line. A line with Markdown hashes, numbering or a footnote call at
    the end has other values in its shape (``plain_measure`` says which lines are plain).

    >>> measure_line("It works well, and it is fast.")
    (7, 'stop', False)
    """
    if text.isascii() and len(text) <= _SHAPE_WINDOW:
        # Most lines: ``_word_count`` of an ASCII text, without the calls around it.
        if "'" in text:
            words = _word_count(text, text)
        else:
            words = (b" " + text.encode("ascii").translate(_RUN_BYTES)).count(b" a")
        return min(words, WORD_CAP), _terminal(text) if text else "", False
    window = text[:_SHAPE_WINDOW]
    if len(text) <= _SHAPE_WINDOW:
        ascii = _as_ascii(window)
        return (
            _capped_word_count(window, ascii),
            _terminal(text) if text else "",
            ascii is None and _is_cjk_text(text, ascii),
        )
    # As ``line_shape`` does: the start of a long line, and the end of its last 64 characters.
    window = window.rstrip()
    tail = text[-64:].strip()
    ascii = _as_ascii(window)
    words = _capped_word_count(window, ascii) + max(1, (len(text) - _SHAPE_WINDOW) // 8)
    return words, _terminal(tail) if tail else "", _is_cjk_text(window, ascii)


def _capped_word_count(text: str, ascii: str | None) -> int:
    # Only a pattern search costs more on a longer text: a text read as ASCII is counted whole.
    if ascii is None:
        ascii = _as_word_ascii(text)
    if (
        ascii is None
        and len(text) > _CAP_PREFIX
        and _word_count(text[:_CAP_PREFIX], None) >= WORD_CAP
    ):
        return WORD_CAP
    return min(_word_count(text, ascii), WORD_CAP)


def plain_measure(text: str) -> bool:
    """Return True when ``measure_line(text)`` reads the line as ``line_shape(text)`` does: it
    has no Markdown hashes, no numbering and no bracket at the end.

    >>> plain_measure("It works well."), plain_measure("2. Why?"), plain_measure("## Setup")
    (True, False, False)
    """
    if not text or text[0] == "#" or text[-1] == "]":
        return False
    return not _numbering(text[:_SHAPE_WINDOW].rstrip())[0]


def markdown_level(text: str) -> int:
    """Return ``line_shape(text).markdown_level`` without reading the rest of the shape.

    >>> markdown_level("## Setup"), markdown_level("#hashtag")
    (2, 0)
    """
    if len(text) > _SHAPE_WINDOW:
        # As ``line_shape`` does: the shape of a long line is read from its start.
        text = text[:_SHAPE_WINDOW].rstrip()
    markdown = _MARKDOWN_HEADING.match(text) if text[:1] == "#" else None
    return len(markdown.group(1)) if markdown else 0


def is_markdown_heading(text: str) -> bool:
    """Return True when ``text`` starts like a Markdown ATX heading (``## Title``).

    >>> is_markdown_heading("## Setup"), is_markdown_heading("#hashtag")
    (True, False)
    """
    stripped = text.strip()
    return stripped[:1] == "#" and _MARKDOWN_HEADING.match(stripped) is not None


def setext_underline(text: str) -> int:
    """Return 2 for a ``===`` underline, 3 for ``---``, 0 for anything else.

    >>> setext_underline("====="), setext_underline("---"), setext_underline("- item")
    (2, 3, 0)
    """
    stripped = text.strip()
    if len(stripped) < 3 or stripped[0] not in "=-" or not _SETEXT_UNDERLINE.match(text):
        return 0
    return 2 if stripped[0] == "=" else 3
