"""Stage 3a: leave out the page's boilerplate lines (table of contents, ads, share lines…).

A scraper keeps what surrounds the article: a table of contents, "Advertisement" labels, share
buttons, newsletter boxes, "Read more: <another title>", related-article lists, tag lists,
copyright footers, comment prompts (see ``/work/shared/ARTIFACTS.md``). Each rule here matches a
whole line, short, against a closed phrase list, or a line whose place proves it (an entry of a
table of contents repeats a later line of the article; a network name sits in a cluster of share
lines). A heading or paragraph of the article is never removed: a sentence that mentions a
network or ends with "read more about it in our guide." stays. Every removed line is recorded
with its line number and a ``RemovalReason``.

The rules run in a fixed order: single-line rules, then the rules that look at neighbours
(tables of contents, share clusters, "Read more:" with the title on the next line, related
lists). Every regex is compiled once, anchored, without nested quantifiers.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence, Set
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter

import regex

from articlekit.lines import Line, Span
from articlekit.model import RemovalReason, Removed
from articlekit.options import Options

__all__ = ["Cleanup", "classify_line", "drop_lines", "remove_boilerplate"]


@dataclass(frozen=True, slots=True)
class Cleanup:
    """The spans left after boilerplate removal, and what was removed."""

    spans: tuple[Span, ...]
    """The remaining spans, in order (a span may have lost some of its lines)."""
    removed: tuple[Removed, ...]
    """The lines left out, with reasons."""
    heading_lines: frozenset[int] = frozenset()
    """0-based indices of lines that a removed table of contents named: likely headings."""


# Leading decoration a widget puts before its label: emoji, bullets, arrows.
_DECORATION = regex.compile(
    r"^[\s\p{Extended_Pictographic}\uFE0F\u200D\p{Emoji_Modifier}•·*»›>→▶►■□▪◆#\-–—]+"
)
# Look-behinds here and below let a run of spaces or marks start a match only once, so a long
# run costs linear time.
_TRAILING = regex.compile(r"(?<![\s:：.!»›>→…])[\s:：.!»›>→…]+$")
_SPACES = regex.compile(r"\s+")
_TRAILING_MARKS = ":：.!»›>→…"
# ``_TRAILING``'s class: the marks and every character ``\s`` matches in ``regex``.
_TRAILING_CHARACTERS = (
    _TRAILING_MARKS
    + "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    + "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# Every character ``\s`` matches in ``regex`` but the space, or two spaces in a row.
_ODD_SPACE = re.compile(
    "[\t\n\x0b\x0c\r\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]|  "
)


# The one letter or digit that ``_DECORATION`` removes (an emoji; a test checks there is no
# other): most lines start with a letter or digit, and have no decoration to remove.
_ALPHANUMERIC_DECORATION = "ℹ"


def _undecorate(text: str) -> str:
    if text[:1].isalnum() and text[:1] != _ALPHANUMERIC_DECORATION:
        return text
    return str(_DECORATION.sub("", text))


def _strip_trailing(text: str) -> str:
    # What ``_TRAILING`` removes: the run of end marks and spaces at the end, read from the end.
    return text.rstrip(_TRAILING_CHARACTERS)


def _key_is_longer(text: str, length: int) -> bool:
    """True when ``_key(text)`` is surely longer than ``length`` (``length`` below 30).

    The key keeps every character of the text that is not decoration, end mark or space.
    """
    core = _strip_trailing(_undecorate(text.strip()))
    return len("".join(core[:30].split())) > length


def _key(text: str) -> str:
    """``"📑 Contents:"`` -> ``"contents"``: the label without decoration, case or end marks."""
    text = _strip_trailing(_undecorate(text.strip()))
    # ``_SPACES`` changes only a text with a whitespace other than a single space. Every such
    # whitespace is unprintable, so a printable text needs only the look for two spaces.
    if (not text.isprintable() or "  " in text) and _ODD_SPACE.search(text) is not None:
        text = _SPACES.sub(" ", text)
    return text.casefold()


_TOC_MARKER = regex.compile(
    r"^(?:table of contents|contents|content|in this (?:article|post|guide|story|page|piece)"
    r"|on this page|jump to|jump to section|skip to section|quick links|article contents"
    r"|inhalt|inhaltsverzeichnis|sommaire|table des matières|índice|indice|conteúdo|contenido"
    r"|obsah|目次|目录|目錄)(?: \((?:hide|show)\)| \[(?:hide|show)\]| toggle| hide| show)?$"
)
_ADVERTISEMENT = regex.compile(
    r"^(?:advertisements?|advertising|advertorial|ad|ads|sponsored|sponsored (?:content|links?"
    r"|post|stories)|paid (?:content|post|partner content)|promoted(?: content)?|anzeige|werbung"
    r"|publicité|publicidade|publicidad|pubblicità|reklama"
    r"|(?:the )?(?:story|article|text|content|post) continues (?:below|after)(?: (?:this |the )?"
    r"(?:advertisement|ad))?|continue reading below|continue reading (?:the )?(?:main )?story"
    r"|scroll (?:down )?to continue(?: with content| reading)?"
    r"|advertisement[ -]+scroll to continue(?: with content)?|skip advert(?:isement)?)$"
)
_SHARE = regex.compile(
    r"^(?:share|share (?:this|the) (?:article|post|story|page|video|recipe)|share this"
    r"|share (?:on|via|to) (?:x|twitter|facebook|linkedin|whatsapp|reddit|pinterest|e-?mail"
    r"|telegram|bluesky|threads|mastodon|messenger)|share (?:on )?social(?: media)?"
    r"|tweet(?: this)?|post to x|email this(?: article| story)?|print this (?:article|page|story)"
    r"|click to (?:share|email|print|tweet)\b.{0,80}|copy link(?: to clipboard)?|pin it"
    r"|follow us(?: on [\p{L} ,&]{1,60})?|artikel teilen|teilen|partager(?: cet article)?"
    r"|compartilhe|compartilhar|compartir|sdílet)$"
)
# The longest line a single-line rule reads.
_LONGEST_LABEL_LINE = 300
# The keys of a share button's network name (a key never ends with a line break, so a set
# lookup finds what the anchored alternation of these names did).
_NETWORK_NAMES = frozenset(
    {
        *("facebook", "twitter", "x", "linkedin", "email", "e-mail", "whatsapp", "reddit"),
        *("pinterest", "telegram", "print", "messenger", "flipboard", "tumblr", "pocket"),
        *("bluesky", "threads", "mastodon", "sms", "copy", "copy link", "link", "xing", "vk"),
        *("weibo", "wechat", "line"),
    }
)
_LONGEST_NETWORK_NAME = max(len(name) for name in _NETWORK_NAMES)
_NEWSLETTER = regex.compile(
    r"^(?:(?:subscribe|sign up|signup|sign-up|register|join|opt in)(?: now| today| free| here)?"
    r"(?: to| for)(?: our| the| my)?(?: free)?(?: daily| weekly| monthly)?(?: email)?"
    r" (?:newsletters?|e-?mails?|updates|mailing list|digest|briefing)(?: today| now| here)?"
    r"|(?:get|receive) (?:the|our) (?:latest|best|top)\b.{0,60}\b(?:delivered )?"
    r"(?:to|in|straight to|directly to|right to) your inbox"
    r"|newsletter|subscribe(?: now| today| here)?|enter your e-?mail(?: address)?"
    r"|newsletter abonnieren|abonnez-vous(?: à (?:notre|la) newsletter)?"
    r"|assine (?:a|nossa) newsletter)$"
)
_COMMENTS = regex.compile(
    r"^(?:leave a (?:comment|reply)(?: below)?|post a comment|add a comment|write a comment"
    r"|join the (?:discussion|conversation)|comments? \(\d{1,6}\)"
    r"|(?:no|\d{1,6}) (?:comments?|responses?|replies)(?: yet)?"
    r"|be the first to comment|show comments|view comments|load comments|comments are closed"
    r"|(?:kommentar|kommentare) (?:schreiben|anzeigen)|laisser un commentaire"
    r"|deixe (?:um comentário|uma resposta)|deja un comentario)$"
)
_NAVIGATION = regex.compile(
    r"^(?:skip to (?:main )?content|skip to navigation|back to top|scroll to top|jump to "
    r"(?:navigation|search|content|main content)(?: jump to (?:navigation|search))?"
    r"|previous (?:article|post)|next (?:article|post))$"
)
_RELATED_MARKER = regex.compile(
    r"^(?:related (?:posts?|articles?|stories|content|reading|links|coverage)"
    r"|(?:you|we think you) (?:may|might|will|could) (?:also )?(?:like|enjoy|be interested in)"
    r"|recommended (?:for you|stories|articles|reading|posts)|more (?:stories|articles|posts)"
    r"|popular posts|most (?:popular|read)|trending now|more on this (?:story|topic)"
    r"|das könnte sie auch interessieren|mehr zum thema|à lire également|veja também"
    r"|leia também|también te puede interesar)$"
)
# "Read more: <title>" (the title may be on the next line when the colon ends the line).
_READ_MORE = regex.compile(
    r"^(?P<label>read more|read also|also read|read next|more reading|related|related article"
    r"|related story|recommended|see more|see also|lesen sie auch|lesen sie mehr|mehr dazu"
    r"|lire aussi|à lire aussi|leia mais|leia também|lee también|lea también)"
    r"\s*[:：]\s*(?P<tail>.*)$",
    regex.IGNORECASE,
)
# The labels whose colon ends the line with the linked title on the next line.
_LABEL_ABOVE_TITLE = regex.compile(
    r"^(?:read more|read also|also read|read next|related|lesen sie auch|lire aussi"
    r"|à lire aussi|leia mais|leia também)$"
)
_READ_MORE_BARE = regex.compile(
    r"^(?:read more|read the full (?:story|article)|continue reading|keep reading|weiterlesen"
    r"|lire la suite|leia mais|seguir leyendo)$"
)
_TAGS = regex.compile(
    r"^(?:tags|tagged(?: with| as| in)?|filed under|topics|labels|keywords|schlagwörter"
    r"|stichwörter|étiquettes|mots-clés|etiquetas|tópicos|tagy|štítky)\s*[:：]\s*(?P<tags>\S.*)$",
    regex.IGNORECASE,
)
# The whole-key label rules in one pattern, tried in this order (the first rule that matches the
# whole key wins, as it would one after the other): one regex call per line instead of eight.
_LABEL_RULES = (
    ("toc", _TOC_MARKER, RemovalReason.TABLE_OF_CONTENTS),
    ("advertisement", _ADVERTISEMENT, RemovalReason.ADVERTISEMENT),
    ("share", _SHARE, RemovalReason.SHARE),
    ("newsletter", _NEWSLETTER, RemovalReason.NEWSLETTER),
    ("comments", _COMMENTS, RemovalReason.COMMENTS),
    ("navigation", _NAVIGATION, RemovalReason.NAVIGATION),
    ("related", _RELATED_MARKER, RemovalReason.RELATED),
    ("read_more", _READ_MORE_BARE, RemovalReason.READ_MORE),
)
_LABEL = regex.compile(
    "^(?:" + "|".join(f"(?P<{name}>{rule.pattern[1:-1]})$" for name, rule, _ in _LABEL_RULES) + ")"
)
# The same pattern for ASCII keys on the faster stdlib engine: there ``\p{L}`` is ``[A-Za-z]``
# and every other class and ``\b`` mean what they mean in ``regex``.
_ASCII_LABEL = re.compile(_LABEL.pattern.replace(r"\p{L}", "A-Za-z"))
_LABEL_REASONS = {name: reason for name, _, reason in _LABEL_RULES}
# No key longer than this matches ``_LABEL`` (its longest alternative with every bounded repeat
# at its maximum; a test checks it), but for "advertisement - - scroll to continue", whose run
# of dashes has no bound.
_LABEL_LONGEST = 110
_UNBOUNDED_LABEL = "advertisement"
# The first three characters of every key that ``_LABEL`` matches or that is a network name, and
# of every text that ``_READ_MORE`` or ``_TAGS`` matches (case-folded), but those that start
# with a digit (a test checks the list).
_KEY_STARTS = frozenset(
    (  # noqa: SIM905
        "abo|add|ads|adv|als|anz|art|ass|bac|be |blu|cli|com|con|cop|das|dei|dej|e-m|ema|ent|"
        "eti|fac|fil|fli|fol|get|in |ind|inh|joi|jum|kee|key|kom|lab|lai|lea|lee|lei|les|lin|"
        "lir|loa|mas|meh|mes|mor|mos|mot|new|nex|no |obs|on |opt|pai|par|pin|poc|pop|pos|pre|"
        "pri|pro|pub|qui|rea|rec|red|reg|rek|rel|sch|scr|sdí|see|seg|sha|sho|sig|ski|sms|som|"
        "spo|sti|sto|sub|tab|tag|tam|tei|tel|tex|the|thr|top|tre|tum|twe|twi|tóp|vej|vie|we |"
        "wec|wei|wer|wha|wri|xin|you|à l|éti|índ|ští|目录 |目次 |目錄 "
    ).split("|")
)
_TAG_SEPARATOR = regex.compile(r"(?<!\s)\s*[,;|·•]\s*|(?<!\s)\s+(?=#)")
_COPYRIGHT = regex.compile(r"^(?:©|\(c\)|copyright\b|&copy;)", regex.IGNORECASE)
# The characters a ``_COPYRIGHT`` match starts with (no other character folds to "c").
_COPYRIGHT_STARTS = "©(cC&"
_RIGHTS_PHRASES = (
    "all rights reserved",
    "alle rechte vorbehalten",
    "tous droits réservés",
    "todos os direitos reservados",
    "todos los derechos reservados",
    "všechna práva vyhrazena",
)
_RIGHTS = regex.compile(r"\b(?:" + "|".join(_RIGHTS_PHRASES) + r")\b", regex.IGNORECASE)
# Case-insensitive matching folds one character to one (``regex``'s simple case folding): a
# text longer than the longest phrase is not one of them.
_RIGHTS_LONGEST = max(len(phrase) for phrase in _RIGHTS_PHRASES)
# One or two list markers ("- 1. Origins" in a nested or re-bulleted table of contents).
_LIST_MARKER = regex.compile(
    r"^\s*(?:(?:[-–—•*·▪◦+>]|\d{1,3}(?:\.\d{1,3}){0,5}[.)]?|[a-z][.)])\s+){1,2}"
)
_WORD = regex.compile(r"\w+")
_LETTERS = regex.compile(r"\p{L}+")
_SITE_SUFFIX_MARK = regex.compile(r"\S \| \S|\S [-–—] \p{Lu}|\[[^\]]{2,30}\]$|_\S+_")
# Blocks of characters (Latin, Greek, Cyrillic, punctuation, symbols, CJK, Hangul…) on which
# the stdlib engine's ``\w`` is ``regex``'s (a test checks every character): on text of these
# alone, the stdlib engine finds the same words as ``_WORD``, faster. ``[a-z0-9]`` is the same
# in both engines on any text. The two engines may know different Unicode versions (Python 3.10
# knows Unicode 13), so the blocks are narrowed at import to the characters they agree on.
_WORD_BLOCK_CANDIDATES = (
    (0x80, 0xB1),
    (0xB4, 0xB8),
    (0xBA, 0xBB),
    (0xBF, 0x2FF),
    (0x370, 0x482),
    (0x48A, 0x557),
    (0x1E00, 0x200B),
    (0x200E, 0x203E),
    (0x2041, 0x2053),
    (0x2055, 0x206F),
    (0x20A0, 0x20CF),
    (0x2190, 0x245F),
    (0x2500, 0x2775),
    (0x2794, 0x2BFF),
    (0x3000, 0x3029),
    (0x3030, 0x3098),
    (0x309B, 0x30FF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7A3),
    (0xFF01, 0xFF0F),
    (0xFF1A, 0xFF20),
)


def _agreeing_blocks(blocks: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """The parts of ``blocks`` where both engines' ``\\w`` give the same answer."""
    unicode_word, stdlib_word = regex.compile(r"\w"), re.compile(r"\w")
    agreeing: list[tuple[int, int]] = []
    for low, high in blocks:
        chars = "".join(map(chr, range(low, high + 1)))
        if unicode_word.sub("\x00", chars) == stdlib_word.sub("\x00", chars):
            agreeing.append((low, high))
            continue
        start = None
        for code in range(low, high + 2):
            same = code <= high and bool(unicode_word.match(chr(code))) == bool(
                stdlib_word.match(chr(code))
            )
            if same and start is None:
                start = code
            elif not same and start is not None:
                agreeing.append((start, code - 1))
                start = None
    return tuple(agreeing)


_SHARED_WORD_BLOCKS = _agreeing_blocks(_WORD_BLOCK_CANDIDATES)
_NOT_SHARED_WORD = re.compile(
    "[^\x00-\x7f" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _SHARED_WORD_BLOCKS) + "]"
)
_STDLIB_WORD = re.compile(r"\w+")
_STDLIB_ASCII_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE_END = regex.compile(r"[.;,]$")
_ABBREVIATION_END = regex.compile(
    r"(?<!\p{L}\.)(?:\b\p{L}\.){2,}$|\b(?:etc|Inc|Ltd|Co|Jr|Sr|St)\.$"
)


def _find_words(text: str) -> list[str]:
    """``_WORD.findall(text)``, on the stdlib engine when the text allows it."""
    if text.isascii() or _NOT_SHARED_WORD.search(text) is None:
        return _STDLIB_WORD.findall(text)
    words: list[str] = _WORD.findall(text)
    return words


def _words(text: str) -> int:
    return len(_find_words(text))


def _is_title_like(text: str, *, max_words: int = 20) -> bool:
    """True for a short line that reads as a title: no sentence end, at most ``max_words``."""
    text = text.strip()
    if len(text) > 8 * max_words:
        return False
    count = _words(text)
    if not 1 <= count <= max_words:
        return False
    return not _SENTENCE_END.search(text) or bool(_ABBREVIATION_END.search(text))


def _is_tag_list(text: str) -> bool:
    tags = [tag for tag in _TAG_SEPARATOR.split(text.strip()) if tag.strip()]
    return bool(tags) and all(len(tag.split()) <= 5 and not tag.endswith(".") for tag in tags)


def classify_line(text: str) -> RemovalReason | None:
    """Return why a line on its own is boilerplate, or ``None`` when it may be article text.

    Only lines that are boilerplate wherever they stand; lines that need their neighbours
    (table of contents entries, a lone network name, related titles) are judged in
    ``remove_boilerplate``.

    >>> classify_line("Sign up for our weekly newsletter!")
    <RemovalReason.NEWSLETTER: 'newsletter'>
    >>> classify_line("ADVERTISEMENT"), classify_line("Read more about it in our guide.")
    (<RemovalReason.ADVERTISEMENT: 'advertisement'>, None)
    """
    stripped = text.strip()
    if not stripped or len(stripped) > _LONGEST_LABEL_LINE:
        return None
    return _classify_key(stripped, _key(stripped))


def _classify_key(stripped: str, key: str) -> RemovalReason | None:
    """``classify_line`` for a stripped line of at most 300 characters and its ``_key``."""
    if not key:
        return None
    if len(key) <= _LABEL_LONGEST or key.startswith(_UNBOUNDED_LABEL):
        match = (_ASCII_LABEL if key.isascii() else _LABEL).match(key)
        if match is not None:
            return _LABEL_REASONS[str(match.lastgroup)]
    # "Read more:" and "Tags:" lines hold a colon; most lines do not.
    if ":" in stripped or "：" in stripped:
        undecorated = _undecorate(stripped)
        match = _READ_MORE.match(undecorated)
        if match is not None:
            tail = match["tail"].strip()
            # The tail is another page's title: no sentence end (a sentence after "Read more:"
            # is the article talking).
            if not tail or _is_title_like(tail, max_words=30):
                return RemovalReason.READ_MORE
        match = _TAGS.match(undecorated)
        if match is not None and _is_tag_list(match["tags"]):
            return RemovalReason.TAGS
    # Most lines neither start as a copyright line nor are as short as a rights phrase.
    if (
        (
            stripped[0] in _COPYRIGHT_STARTS
            and _COPYRIGHT.match(stripped)
            and _RIGHTS.search(stripped)
        )
        or (
            len(unmarked := _strip_trailing(stripped)) <= _RIGHTS_LONGEST
            and _RIGHTS.fullmatch(unmarked)
        )
    ) and _words(stripped) <= 30:
        return RemovalReason.FOOTER
    return None


def _is_plain(text: str) -> bool:
    """True for a stripped line that no single-line rule removes and that is no network name,
    read from its first three characters alone.

    The line starts with a letter or an ASCII mark that is no decoration, and no end mark or
    space of ``_key`` stands in its first three characters: its key starts with them
    (case-folded), and so does the text the colon rules and the footer rule read. None of
    ``_LINE_STARTS`` does.
    """
    first = text[:3]
    opening = first[:1]
    return (
        ((opening.isalpha() and opening != _ALPHANUMERIC_DECORATION) or opening in _PLAIN_MARKS)
        and first.isprintable()
        and "  " not in first
        and _FOLDED_APART not in first
        and first.casefold()[:3] not in _LINE_STARTS
        and len(text.rstrip(_TRAILING_CHARACTERS)) >= 3
    )


# The ASCII marks a key may start with (``_DECORATION`` removes the others) but digits.
_PLAIN_MARKS = frozenset("!\"$%&'()+,./:;<=?@[\\]^_`{|}~")
# The first three characters (case-folded) of every text that a single-line rule removes or
# that is a network name, but those that start with a digit: the keys ``_LABEL`` matches, the
# texts ``_READ_MORE``, ``_TAGS``, ``_COPYRIGHT`` and ``_RIGHTS`` match (a test checks).
_LINE_STARTS = _KEY_STARTS | {"(c)", "&co", "all", "tod", "tou", "vše"}
# The one character that case-insensitive matching takes for a letter of ``_LINE_STARTS`` but
# that ``str.casefold`` does not turn into it (a test checks every character).
_FOLDED_APART = "İ"


# Past this many characters, an entry's words are first read from the start of the line: when
# those alone, joined, are longer than an entry can be, so are the line's.
_ENTRY_WINDOW = 256
# Every byte but those of the ASCII word characters, which both engines count in a word.
_NOT_ASCII_WORD_BYTES = bytes(
    byte for byte in range(256) if byte >= 0x80 or not (chr(byte).isalnum() or byte == ord("_"))
)
_NOT_ASCII_ALPHANUMERIC = bytes(
    byte for byte in range(256) if byte >= 0x80 or not chr(byte).isalnum()
)


def _entry_keys(text: str) -> tuple[str, ...]:
    """The words of a table-of-contents entry or heading, without list marker or case.

    A second key keeps only ASCII letters and digits, so that an entry still finds its
    heading when one of the two kept mojibake or an entity the other lost
    (``“Title”`` and ``â€œTitleâ€`` share ``title``).
    """
    return _keys_of_entry_text(_entry_text(text))


def _entry_text(text: str) -> str:
    """The text of an entry without list marker or case, which its keys are read from."""
    first = text[:1]
    # A line that starts with an ASCII capital, or with an ASCII letter not followed by "." or
    # ")", starts with no list marker.
    if not (first.isascii() and first.isalpha() and (first.isupper() or text[1:2] not in ".)")):
        text = _LIST_MARKER.sub("", text)
    return text.casefold()


def _ascii_alphanumerics(text: str) -> int:
    """How many ASCII letters and digits ``text`` holds (counted on its UTF-8 bytes).

    An entry text and each of its keys hold the same number: its keys keep every one.
    """
    return len(text.encode("utf-8", "surrogatepass").translate(None, _NOT_ASCII_ALPHANUMERIC))


def _keys_of_entry_text(text: str) -> tuple[str, ...]:
    """``_entry_keys`` of a text that ``_entry_text`` returned."""
    if len(text) > 200 and (
        # The ASCII word characters alone (kept on the UTF-8 bytes) are no more than the
        # words, joined; nor are the words of the start.
        len(text.encode("utf-8", "surrogatepass").translate(None, _NOT_ASCII_WORD_BYTES)) > 200
        or (len(text) > _ENTRY_WINDOW and len(" ".join(_find_words(text[:_ENTRY_WINDOW]))) > 200)
    ):
        return ()
    exact = " ".join(_find_words(text))
    if not exact or len(exact) > 200:
        return ()
    # Without "_" (the one ASCII word character that is not a letter or digit), the words of
    # ASCII text are its ASCII words.
    ascii_only = (
        exact if text.isascii() and "_" not in text else " ".join(_STDLIB_ASCII_WORD.findall(text))
    )
    if len(ascii_only) < 4:
        return (exact,)
    return exact, "\x00" + ascii_only


# How many removed or already named repeats a search for a repeat steps over before it gives
# up: a bound that keeps a page made of one line repeated a million times linear.
_MAX_SKIPPED = 64


class _Lines:
    """The non-blank lines of the spans, flattened, with the removals decided so far."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self.lines: list[Line] = list(chain.from_iterable(span.lines for span in spans))
        self.reasons: dict[int, RemovalReason] = {}
        self.heading_lines: set[int] = set()
        self.stripped: list[str] = [line.text.strip() for line in self.lines]
        # Whether each line is surely kept by the single-line rules and no network name.
        self.plain: list[bool] = [_is_plain(text) for text in self.stripped]
        # Each line's ``_key``, computed once: several rules ask for it. A plain line, or one
        # longer than the single-line rules read, gets its key only when a rule asks for it.
        self._keys: list[str | None] = [
            None if plain or len(text) > _LONGEST_LABEL_LINE else _key(text)
            for text, plain in zip(self.stripped, self.plain, strict=True)
        ]
        # What finds a later line that repeats an entry, built at the first such search (which
        # most pages, those without a table of contents or a related list, never make): each
        # line's entry text; the positions (in ``lines``) of the entry texts by their count of
        # ASCII letters and digits, which a line and its keys share; the entry keys of the lines
        # read so far; the positions of each key of the counts searched for, and those counts.
        self._entry_texts: list[str] | None = None
        self._by_count: dict[int, list[int]] = {}
        self._entry_keys: dict[int, tuple[str, ...]] = {}
        self._repeats: dict[str, list[int]] = {}
        self._counts_read: set[int] = set()

    def text(self, position: int) -> str:
        return self.stripped[position]

    def key(self, position: int) -> str:
        """``_key`` of line ``position``."""
        key = self._keys[position]
        if key is None:
            key = self._keys[position] = _key(self.stripped[position])
        return key

    def is_network_name(self, position: int) -> bool:
        """True when line ``position`` is a network name (``_NETWORK_NAMES``)."""
        key = self._keys[position]
        if key is None and (
            self.plain[position] or _key_is_longer(self.stripped[position], _LONGEST_NETWORK_NAME)
        ):
            return False
        return self.key(position) in _NETWORK_NAMES

    def network_names(self) -> list[int]:
        """The positions of the lines that are network names, in order."""
        return [
            position
            for position, key in enumerate(self._keys)
            if key in _NETWORK_NAMES
            or (key is None and not self.plain[position] and self.is_network_name(position))
        ]

    def entry_keys(self, position: int) -> tuple[str, ...]:
        """``_entry_keys`` of line ``position``."""
        keys = self._entry_keys.get(position)
        if keys is None:
            keys = self._entry_keys[position] = _keys_of_entry_text(self._texts()[position])
        return keys

    def _texts(self) -> list[str]:
        if self._entry_texts is None:
            self._entry_texts = [_entry_text(line.text) for line in self.lines]
            for line, text in enumerate(self._entry_texts):
                self._by_count.setdefault(_ascii_alphanumerics(text), []).append(line)
        return self._entry_texts

    def repeats(self, key: str) -> list[int]:
        """The positions of the lines that have ``key`` among their entry keys, in order."""
        count = _ascii_alphanumerics(key)
        if count not in self._counts_read:
            # Every key of the lines of that count is filed at once: each line is read once.
            self._texts()
            self._counts_read.add(count)
            for line in self._by_count.get(count, []):
                for line_key in self.entry_keys(line):
                    self._repeats.setdefault(line_key, []).append(line)
        return self._repeats.get(key, [])

    def later_repeat(self, position: int, after: int, taken: Set[int] = frozenset()) -> int | None:
        """Position of the first kept line after ``after`` (and not in ``taken``) that repeats
        line ``position``'s words."""
        for key in self.entry_keys(position):
            repeats = self.repeats(key)
            first = bisect_right(repeats, after)
            for slot in range(first, min(len(repeats), first + _MAX_SKIPPED)):
                if repeats[slot] not in self.reasons and repeats[slot] not in taken:
                    return repeats[slot]
        return None

    def repeat_outside(self, position: int, low: int, high: int) -> int | None:
        """Position of a kept line outside ``[low, high)`` that repeats line ``position``'s
        words: the first one after ``high`` if any, else the last one before ``low``."""
        later = self.later_repeat(position, high - 1)
        if later is not None:
            return later
        for key in self.entry_keys(position):
            repeats = self.repeats(key)
            last = bisect_left(repeats, low) - 1
            for slot in range(last, max(-1, last - _MAX_SKIPPED), -1):
                if repeats[slot] not in self.reasons:
                    return repeats[slot]
        return None

    def first_kept(self) -> int:
        """Position of the first line not removed (``len(lines)`` when all are)."""
        return next((p for p in range(len(self.lines)) if p not in self.reasons), len(self.lines))

    def last_kept(self) -> int:
        """Position of the last line not removed (-1 when all are)."""
        return next((p for p in reversed(range(len(self.lines))) if p not in self.reasons), -1)


def _resumes(found: _Lines, position: int, first_keys: set[str]) -> bool:
    """True when the article resumes at ``position``: the table's first entry comes back as a
    heading, with text (not another entry) under it."""
    if first_keys.isdisjoint(_entry_keys(found.text(position))):
        return False
    nxt = position + 1
    return nxt >= len(found.lines) or not _is_title_like(_LIST_MARKER.sub("", found.text(nxt)))


def _table_entries(found: _Lines, marker: int, start: int, least: int) -> dict[int, int]:
    """Return the entries of a table of contents starting at ``start``, each with the line it
    names (the first repeat after the entry, else the last one above the marker).

    The candidates are the title-like lines from ``start`` on. Evidence must start at the first
    candidate (a list under a "Contents" label whose first line names nothing else in the text
    is the article's own list, not a scraped widget), at least ``least`` entries must be
    confirmed, and at least half of the lines up to the last confirmed one. Returns ``{}`` when
    the lines are not a table of contents.
    """
    first_keys = set(_entry_keys(found.text(start))) if start < len(found.lines) else set()
    end = start
    while (
        end < len(found.lines)
        and end not in found.reasons
        and _is_title_like(_LIST_MARKER.sub("", found.text(end)))
        and not (end > start and _resumes(found, end, first_keys))
    ):
        end += 1
    named: dict[int, int] = {}
    for position in range(start, end):
        target = found.repeat_outside(position, marker, position + 1)
        if target is not None:
            named[position] = target
    if start not in named or len(named) < least:
        return {}
    if len(named) * 2 < max(named) - start + 1:
        return {}
    return named


def _mark_table_of_contents(found: _Lines, marker: int, first_kept: int) -> None:
    """Remove the entries after a contents marker: lines that repeat other lines of the text."""
    named = _table_entries(found, marker, marker + 1, 1)
    if marker < first_kept:
        # Above the title: the line under the marker is the title (which a page may repeat as
        # its first heading), unless two or more entries confirm a real table.
        named = _table_entries(found, marker, marker + 1, 2) or _table_entries(
            found, marker, marker + 2, 1
        )
    for position in range(min(named, default=0), max(named, default=-1) + 1):
        found.reasons[position] = RemovalReason.TABLE_OF_CONTENTS
    # Now that the table's lines are removed, an entry's repeat is a line of the article; two
    # entries with the same words name two headings, in order.
    taken: set[int] = set()
    for position in named:
        target = found.later_repeat(position, position, taken)
        if target is None:
            target = found.repeat_outside(position, marker, position + 1)
        if target is not None:
            taken.add(target)
            found.heading_lines.add(found.lines[target].index)


def _mark_share_clusters(found: _Lines) -> None:
    """Remove network names ("Facebook", "Email") that stand in a cluster of share lines.

    A cluster is a run of share lines and kept network names with two lines or more, one of
    them a network name; so only the runs around a network name are looked at.
    """
    reasons = found.reasons
    total = len(found.lines)

    def in_cluster(position: int) -> bool:
        reason = reasons.get(position)
        return reason is RemovalReason.SHARE or (reason is None and found.is_network_name(position))

    covered = -1
    for network in found.network_names():
        if network <= covered or network in reasons:
            continue
        start = network
        while start > 0 and in_cluster(start - 1):
            start -= 1
        end = network + 1
        while end < total and in_cluster(end):
            end += 1
        if end - start >= 2:
            for cluster in range(start, end):
                reasons.setdefault(cluster, RemovalReason.SHARE)
        covered = end - 1


# The labels ``_mark_followers`` looks under.
_FOLLOWED = frozenset({RemovalReason.READ_MORE, RemovalReason.RELATED})


def _mark_followers(found: _Lines) -> None:
    """Remove the titles under a bare "Read more:" (one) and under a related-list label."""
    last_kept = found.last_kept()
    # Under a label above everything else stands the article's title, not a linked title.
    for position in range(found.first_kept(), len(found.lines)):
        reason = found.reasons.get(position)
        if (
            reason is RemovalReason.READ_MORE
            and found.text(position).endswith((":", "："))
            and _LABEL_ABOVE_TITLE.match(found.key(position))
        ):
            nxt = position + 1
            if (
                nxt < len(found.lines)
                and nxt not in found.reasons
                and _is_title_like(found.text(nxt))
                and found.later_repeat(nxt, nxt) is None
            ):
                found.reasons[nxt] = RemovalReason.READ_MORE
        elif reason is RemovalReason.RELATED and _RELATED_MARKER.match(found.key(position)):
            _mark_related_items(found, position, last_kept)


def _mark_related_items(found: _Lines, marker: int, last_kept: int) -> None:
    """Remove the titles under a related-list label.

    At the end of the page every title-like line under the label goes. Elsewhere only lines
    that read as headlines of other pages (Title Case, or a site suffix) go, and the last one
    before the text resumes stays: it may be the heading of the next section.
    """
    end = marker + 1
    while (
        end < len(found.lines)
        and end - marker <= 10
        and end not in found.reasons
        and _is_title_like(found.text(end))
        and found.later_repeat(end, end) is None
    ):
        end += 1
    if end <= last_kept:
        headlines = marker + 1
        while headlines < end and _is_headline(found.text(headlines)):
            headlines += 1
        # When every title-like line is a headline, the last one precedes the text directly.
        end = max(marker + 1, headlines - 1) if headlines == end else headlines
    for item in range(marker + 1, end):
        found.reasons[item] = RemovalReason.RELATED


def _is_headline(text: str) -> bool:
    """True for a line that reads as another page's headline: Title Case or a site suffix."""
    if _SITE_SUFFIX_MARK.search(text):
        return True
    words = [word for word in _LETTERS.findall(text) if len(word) > 3]
    if len(words) < 2:
        return False
    capitalised = sum(1 for word in words if word[0].isupper())
    return capitalised * 10 >= len(words) * 6


_LINE_INDEX = attrgetter("index")


def drop_lines(spans: Sequence[Span], removed_lines: frozenset[int]) -> tuple[Span, ...]:
    """Return the spans without the lines whose indices are given; a span cut inside becomes two.

    >>> from articlekit.blocks import split_spans
    >>> from articlekit.lines import split_lines
    >>> [span.text for span in drop_lines(split_spans(split_lines("a\\nb\\nc")), frozenset({1}))]
    ['a', 'c']
    """
    if not removed_lines:
        return tuple(spans)
    out: list[Span] = []
    for span in spans:
        if removed_lines.isdisjoint(map(_LINE_INDEX, span.lines)):
            out.append(span)
            continue
        run: list[Line] = []
        blank_before = span.blank_before
        for line in span.lines:
            if line.index in removed_lines:
                if run:
                    out.append(Span(tuple(run), blank_before=blank_before, blank_after=False))
                    run = []
                blank_before = False
            else:
                run.append(line)
        if run:
            out.append(Span(tuple(run), blank_before=blank_before, blank_after=span.blank_after))
    return tuple(out)


def remove_boilerplate(spans: Sequence[Span], options: Options) -> Cleanup:
    """Return the spans without boilerplate lines, and the removed lines with reasons.

    ``Options.remove_boilerplate=False`` returns the spans untouched.

    >>> from articlekit.blocks import split_spans
    >>> from articlekit.lines import split_lines
    >>> text = "A Title\\n\\nAdvertisement\\n\\nA paragraph about a lake.\\n\\nShare on Reddit"
    >>> cleanup = remove_boilerplate(split_spans(split_lines(text)), Options())
    >>> [(r.line, r.text, str(r.reason)) for r in cleanup.removed]
    [(3, 'Advertisement', 'advertisement'), (7, 'Share on Reddit', 'share')]
    """
    if not options.remove_boilerplate or not spans:
        return Cleanup(tuple(spans), ())
    found = _Lines(spans)
    for position, (stripped, plain) in enumerate(zip(found.stripped, found.plain, strict=True)):
        if stripped and not plain and len(stripped) <= _LONGEST_LABEL_LINE:
            reason = _classify_key(stripped, found.key(position))
            if reason is not None:
                found.reasons[position] = reason
    _mark_share_clusters(found)
    # The rules that look at neighbours start from a label line: without one they do nothing.
    if RemovalReason.TABLE_OF_CONTENTS in found.reasons.values():
        first_kept = found.first_kept()
        for position in range(len(found.lines)):
            if found.reasons.get(position) is RemovalReason.TABLE_OF_CONTENTS and _TOC_MARKER.match(
                found.key(position)
            ):
                _mark_table_of_contents(found, position, first_kept)
    if not _FOLLOWED.isdisjoint(found.reasons.values()):
        _mark_followers(found)
    removed = tuple(
        Removed(found.text(position), reason, found.lines[position].number)
        for position, reason in sorted(found.reasons.items())
    )
    removed_lines = frozenset(found.lines[position].index for position in found.reasons)
    return Cleanup(
        drop_lines(spans, removed_lines), removed, frozenset(found.heading_lines - removed_lines)
    )
