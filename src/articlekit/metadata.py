"""Metadata lines: bylines, dates, emoji info lines and stated reading times, read into fields.

A metadata line is information about the article, not part of it: ``By Jane Doe | 2024-03-03``,
``📅 2024-03-01 · 📁 Science · 👁 40 views · ⏱️ 6 min read``, ``Last updated: May 2, 2021``.
``read_metadata_line`` reads one line strictly: every piece of the line must be a known field,
otherwise the line is not metadata and stays in the body (a sentence that starts with "By" is a
sentence). ``merge_metadata`` folds the fields of several lines into one ``model.Metadata``.

Every regex here is compiled once, anchored, and free of nested quantifiers.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Sequence
from types import MappingProxyType

import regex

from articlekit.model import Metadata

__all__ = [
    "merge_metadata",
    "read_date",
    "read_metadata_line",
    "split_site_suffix",
    "split_tags",
]

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar janvier janeiro enero gennaio januari ledna leden",
        "february feb februar février fevrier fevereiro febrero febbraio februari února únor",
        "march mar märz maerz mars março marco marzo maart března březen",
        "april apr avril abril aprile dubna duben",
        "may mai maio mayo maggio mei května květen",
        "june jun juni juin junho junio giugno června červen",
        "july jul juli juillet julho julio luglio července červenec",
        "august aug août aout agosto augustus srpna srpen",
        "september sep sept septembre setembro septiembre settembre září",
        "october oct oktober octobre outubro octubre ottobre okt října říjen",
        "november nov novembre novembro noviembre listopadu listopad",
        "december dec dezember décembre decembre dezembro diciembre dicembre dez prosince prosinec",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS.setdefault(_name, _number)

_WEEKDAYS = (
    *("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "monday"),
    *("tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "montag", "dienstag"),
    *("mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi"),
    *("jeudi", "vendredi", "samedi", "dimanche"),
)
_WEEKDAY = "(?:" + "|".join(_WEEKDAYS) + r")\.?,?\s+"
_MONTH = r"(?P<month>\p{L}{3,10})\.?"
_TIME = r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?"

_DATE_ISO = regex.compile(
    r"^(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_DATE_NUMERIC = regex.compile(
    r"^(?P<first>\d{1,2})(?P<sep>[/.-])(?P<second>\d{1,2})(?P=sep)(?P<year>\d{4})" + _TIME + "$",
    regex.IGNORECASE,
)
_DATE_MONTH_FIRST = regex.compile(
    "^(?:"
    + _WEEKDAY
    + ")?"
    + _MONTH
    + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"
    + _TIME
    + "$",
    regex.IGNORECASE,
)
_DATE_DAY_FIRST = regex.compile(
    "^(?:"
    + _WEEKDAY
    + r")?(?P<day>\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:de\s+)?"
    + _MONTH
    + r",?\s+(?:de\s+)?(?P<year>\d{4})"
    + _TIME
    + "$",
    regex.IGNORECASE,
)
_DATE_CJK = regex.compile(
    r"^(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日$"
)


# What a date starts with, but a digit: a weekday or a month (its name must be one of
# ``_MONTHS``; a test checks every date pattern).
_DATE_STARTS = (*_WEEKDAYS, *_MONTHS)
# The one character that case-insensitive matching takes for a letter of a weekday, month or
# label, but that ``str.casefold`` does not turn into it (a test checks every character).
_FOLDED_APART = "İ"
_ASCII_DIGITS = "0123456789"
_DIGIT = regex.compile(r"\d")


def _may_be_date(text: str) -> bool:
    """False for a stripped text that none of the date patterns can match."""
    start = text[:12]
    first = start[:1]
    return (
        first in _ASCII_DIGITS
        or start.casefold().startswith(_DATE_STARTS)
        or _FOLDED_APART in start
        or (not first.isascii() and _DIGIT.match(first) is not None)
    )


def read_date(text: str) -> _dt.date | None:
    """Return the date the whole of ``text`` states, or ``None`` if it is not (only) a date.

    ISO dates, ``March 3, 2024``, ``3 March 2024``, ``3. März 2024``, ``2024年3月3日`` and numeric
    ``DD/MM/YYYY`` or ``MM/DD/YYYY`` when the day is over 12 (an ambiguous ``03/04/2024`` gives
    ``None``: guessing would be wrong for half the world). Dots (``03.04.2024``) are day first.

    >>> read_date("Tuesday 15 October 2019"), read_date("2021-07-09")
    (datetime.date(2019, 10, 15), datetime.date(2021, 7, 9))
    >>> read_date("07/04/2021") is None, read_date("25/12/2020")
    (True, datetime.date(2020, 12, 25))
    """
    text = text.strip()
    if not text or len(text) > 60 or not _may_be_date(text):
        return None
    return _read_stripped_date(text)


def _read_stripped_date(text: str) -> _dt.date | None:
    """``read_date`` for a stripped text."""
    year = month = day = 0
    match = _DATE_ISO.match(text) or _DATE_CJK.match(text)
    if match:
        year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    elif match := _DATE_NUMERIC.match(text):
        first, second, year = int(match["first"]), int(match["second"]), int(match["year"])
        if match["sep"] == "." or first > 12:
            day, month = first, second
        elif second > 12 or first == second:
            month, day = first, second
        else:
            return None
    elif match := _DATE_MONTH_FIRST.match(text) or _DATE_DAY_FIRST.match(text):
        month = _MONTHS.get(match["month"].casefold(), 0)
        year, day = int(match["year"]), int(match["day"])
    try:
        return _dt.date(year, month, day) if 1000 < year < 3000 else None
    except ValueError:
        return None


# The emoji that label fields of an info line, by field.
_FIELD_EMOJI: dict[str, str] = {}
for _field, _emoji in (
    ("date", "📅📆🗓🕒🕐🕑🕓🕔🕕🕖🕗🕘🕙🕚🕛⏰🗞"),
    ("category", "📁📂🗂📌"),
    ("tags", "🏷🔖"),
    ("views", "👁👀📈"),
    ("reading", "⏱⏳⌛📖"),
    ("author", "👤✍🖊🖋🧑👨👩"),
    ("comments", "💬🗨"),
):
    for _char in _emoji:
        _FIELD_EMOJI[_char] = _field

_EMOJI_PIECE = regex.compile(
    r"(?P<emoji>[\p{Extended_Pictographic}])[\uFE0F\u200D\p{Emoji_Modifier}]*\s*"
    r"(?P<text>[^\p{Extended_Pictographic}]*)"
)
# The look-behinds make a run of spaces start a match only once (linear on long blank runs).
_SEPARATOR = regex.compile(r"(?<!\s)\s+[·•|]\s+|(?<!\s)\s+[—–]\s+(?=\P{Ll})")
_COUNT = r"(?P<count>\d{1,3}(?:[,.\u00a0\u202f]\d{3})+|\d+(?:[.,]\d)?\s*[kKmM]?)"
_RELATIVE_DATE = regex.compile(
    r"^(?:(?:\d{1,3}|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)"
    r"\s+ago|just now|today|yesterday)$",
    regex.IGNORECASE,
)
# Counts and reading times; a piece without an emoji label must name its unit.
_VIEWS = regex.compile(
    "^" + _COUNT + r"\s*(?P<unit>views?|reads?|visits|aufrufe|vues|visualizações"
    r"|visualizaciones)?$",
    regex.IGNORECASE,
)
_COMMENTS = regex.compile(
    r"^(?P<count>\d+|no)\s*(?P<unit>comments?|responses?|replies|kommentare?|commentaires?"
    r"|comentários?|comentarios?)?$",
    regex.IGNORECASE,
)
_READING = regex.compile(
    r"^(?:(?P<label>(?:estimated\s+)?reading\s+time|lesezeit|temps\s+de\s+lecture"
    r"|tempo\s+de\s+leitura)\s*:?\s*)?(?P<minutes>\d{1,3})[\s-]*(?:min|mins|minutes?|minuten"
    r"|minutos)\.?(?P<read>\s+(?:read|reading|de\s+lecture|de\s+leitura|lesen))?$",
    regex.IGNORECASE,
)
_DATE_LABEL = regex.compile(
    r"^(?P<label>(?:last\s+)?(?:updated|modified|edited|revised)|published|posted|released|date"
    r"|aktualisiert|veröffentlicht|publié|mis\s+à\s+jour|publicado|atualizado|actualizado)"
    r"(?:\s+(?:on|am|le|em|el))?\s*:?\s+(?P<rest>.+)$",
    regex.IGNORECASE,
)
_BY_LABEL = regex.compile(
    r"^(?:(?:written|posted|published|reported|words|story|text)\s+by|by|von|par|por|author"
    r"|autor|auteur|authors)\s*:?\s+(?P<name>.+)$",
    regex.IGNORECASE,
)
_EDITED_BY = regex.compile(
    r"^(?P<first>.+?)\s+(?P<role>edited|reviewed|photos?|illustrations?|translated)\s+by\s+"
    r"(?P<second>.+)$",
    regex.IGNORECASE,
)
_DATE_BY = regex.compile(r"^(?P<date>.+?),?\s+by\s+(?P<name>.+)$", regex.IGNORECASE)
_CATEGORY_LABEL = regex.compile(
    r"^(?:category|categories|section|filed\s+under|kategorie|catégorie|categoria|categoría)"
    r"\s*:\s*(?P<value>.+)$",
    regex.IGNORECASE,
)
_TAGS_LABEL = regex.compile(
    r"^(?:tags|tagged(?:\s+with|\s+as)?|topics|labels|keywords|schlagwörter|stichwörter"
    r"|étiquettes|mots-clés|etiquetas|tópicos)\s*[:：]\s*(?P<value>.+)$",
    regex.IGNORECASE,
)
_TAG_SPLIT = regex.compile(r"(?<!\s)\s*[,;|·•]\s*|(?<!\s)\s+#|^#")
_NAME_CONNECTORS = frozenset(
    "and & of de da di do dos das du la le van von der den ter y e und et with".split()  # noqa: SIM905
)
# Capitalised words that follow "By" at the start of a sentence rather than a name.
_NOT_NAMES = frozenset(
    (  # noqa: SIM905
        "contrast comparison default design far now then way definition chance hand mistake "
        "accident law nature night day the this that these those all some using taking making "
        "doing being having following clicking means noon midnight tomorrow today yesterday"
    ).split()
    + [name for name in _MONTHS if len(name) > 3]
)
_HANDLE = regex.compile(r"^[\p{Ll}\d][\p{Ll}\d_.\-]{1,29}$")
_NAME_WORD = regex.compile(r"^[\p{Lu}\p{Lo}\p{Lt}][\p{L}\p{M}'’.\-]*,?$")


def _read_count(text: str) -> int | None:
    """Return ``12`` for ``12``, ``1,204`` for ``1.204``, ``1200`` for ``1.2k``; else ``None``."""
    text = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    factor = 1
    if text[-1:] in "kKmM" and text[:-1]:
        factor = 1000 if text[-1] in "kK" else 1_000_000
        text = text[:-1]
        return int(float(text.replace(",", ".")) * factor) if _is_number(text) else None
    digits = text.replace(",", "").replace(".", "")
    return int(digits) if digits.isdigit() else None


def _is_number(text: str) -> bool:
    return text.replace(",", ".").replace(".", "", 1).isdigit()


def _read_name(text: str, *, handle: bool = False) -> str | None:
    """Return ``text`` as a person's or organisation's name, or ``None`` if it reads as prose.

    With ``handle``, a single lower-case user name (``admin``) also counts: after a date or a
    field emoji, "by admin" is a byline.
    """
    name = text.strip().rstrip(",;")
    if handle and _HANDLE.match(name):
        return name
    words = name.split()
    if not 1 <= len(words) <= 8 or len(name) > 80 or (name[-1:] in ".!?:" and len(words[-1]) > 3):
        return None
    if words[0].casefold().strip(",") in _NOT_NAMES:
        return None
    if not _NAME_WORD.match(words[0]):
        return None
    capitalised = others = 0
    for word in words:
        if _NAME_WORD.match(word):
            capitalised += 1
        elif word.casefold() in _NAME_CONNECTORS:
            continue
        elif len(word) <= 2:
            others += 1
        else:
            return None
    return name if capitalised >= others else None


def _read_author_clause(text: str) -> Metadata | None:
    """``Written by A Edited by B``, ``By A``, ``Posted by A on <date>``: author (editor, date)."""
    match = _BY_LABEL.match(text)
    if match is None:
        return None
    name = match["name"]
    extra: dict[str, str] = {}
    edited = _EDITED_BY.match(name)
    if edited is not None:
        second = _read_name(edited["second"])
        if second is None:
            return None
        role = edited["role"].casefold()
        role = "editor" if role == "edited" else "reviewer" if role == "reviewed" else role
        extra = {role: second}
        name = edited["first"]
    cut = name.rfind(" on ")
    date = read_date(name[cut + 4 :]) if cut > 0 else None
    # "Posted by admin on 2019-02-15": between "by" and a date, a user name counts.
    author = _read_name(name[:cut], handle=True) if date else _read_name(name)
    if author is None:
        return None
    return Metadata(published=date, author=author, extra=MappingProxyType(extra))


_PUBLISHED_LABELS = frozenset(
    ("published", "posted", "released", "date", "veröffentlicht", "publié", "publicado")
)


def _read_labelled_date(match: regex.Match[str]) -> Metadata | None:
    """``Last updated: <date>``, ``Posted on <date> by <name>``: the date (and author)."""
    rest = match["rest"]
    author = None
    by = _DATE_BY.match(rest)
    if by is not None and read_date(rest) is None:
        author = _read_name(by["name"], handle=True)
        rest = by["date"] if author is not None else rest
    published = match["label"].casefold().split()[-1] in _PUBLISHED_LABELS
    date = read_date(rest)
    if date is None:
        if not _RELATIVE_DATE.match(rest.strip()):
            return None
        # "Updated 3 hours ago": no calendar date to give, the words are kept as said.
        name = "published" if published else "updated"
        return Metadata(author=author, extra=MappingProxyType({name: rest.strip()}))
    if published:
        return Metadata(published=date, author=author)
    return Metadata(updated=date, author=author)


def _read_plain_piece(text: str) -> Metadata | None:
    """One piece of a line without an emoji label: a date, byline, count or reading time."""
    date = read_date(text)
    if date is not None:
        return Metadata(published=date)
    if match := _READING.match(text):
        if match["label"] or match["read"]:
            return Metadata(stated_reading_minutes=int(match["minutes"]))
        return None
    if (match := _VIEWS.match(text)) and match["unit"]:
        return _views(match["count"])
    if (match := _COMMENTS.match(text)) and match["unit"]:
        return _comments(match["count"])
    if (match := _DATE_LABEL.match(text)) and (dated := _read_labelled_date(match)):
        return dated
    if author_line := _read_author_clause(text):
        return author_line
    if match := _DATE_BY.match(text):
        date = read_date(match["date"])
        author = _read_name(match["name"], handle=True)
        if date is not None and author is not None:
            return Metadata(published=date, author=author)
        return None
    if match := _CATEGORY_LABEL.match(text):
        value = match["value"].strip()
        return Metadata(category=value) if len(value.split()) <= 5 else None
    if match := _TAGS_LABEL.match(text):
        tags = split_tags(match["value"])
        return Metadata(tags=tags) if tags else None
    return None


def _comments(count: str) -> Metadata:
    return Metadata(comments=0 if count.isalpha() else int(count))


def _views(count: str) -> Metadata | None:
    number = _read_count(count)
    return None if number is None else Metadata(views=number)


def _read_emoji_piece(field_name: str, text: str) -> Metadata | None:
    """One ``<emoji> value`` piece; an empty value is a field the page left blank."""
    text = text.strip().strip("·|•").strip()
    if not text:
        return Metadata()
    if field_name == "date":
        if _RELATIVE_DATE.match(text):
            return Metadata(extra=MappingProxyType({"published": text}))
        plain = _read_plain_piece(text)
        if plain is not None and (plain.published or plain.updated or plain.extra):
            return plain
        return None
    if field_name == "category":
        return Metadata(category=text) if len(text.split()) <= 5 else None
    if field_name == "tags":
        tags = split_tags(text)
        return Metadata(tags=tags) if tags else None
    if field_name == "views":
        match = _VIEWS.match(text)
        return None if match is None else _views(match["count"])
    if field_name == "reading":
        match = _READING.match(text)
        return None if match is None else Metadata(stated_reading_minutes=int(match["minutes"]))
    if field_name == "author":
        by = _BY_LABEL.match(text)
        name = _read_name(by["name"] if by else text, handle=True)
        return None if name is None else Metadata(author=name)
    match = _COMMENTS.match(text)
    return None if match is None else _comments(match["count"])


def _merge_pieces(
    pieces: Iterable[Metadata],
    *,
    lines: Sequence[str] = (),
    tags: Sequence[str] = (),
    site_name: str | None = None,
) -> Metadata:
    """Return one ``Metadata`` from the pieces, and a last piece of ``lines``, ``tags`` and
    ``site_name``: a field is taken from the first piece that states it, tags (without repeats)
    and lines add up, and an ``extra`` key keeps its first value (placed where the last piece
    holding it puts it)."""
    last_site_name = site_name
    published: _dt.date | None = None
    updated: _dt.date | None = None
    author: str | None = None
    category: str | None = None
    site_name = None
    views: int | None = None
    comments: int | None = None
    minutes: int | None = None
    all_tags: list[str] = []
    all_lines: list[str] = []
    extra: dict[str, str] = {}
    for piece in pieces:
        # ``or`` as the fields were merged two at a time: an empty text gives way too.
        published = published or piece.published
        updated = updated or piece.updated
        author = author or piece.author
        category = category or piece.category
        site_name = site_name or piece.site_name
        if views is None:
            views = piece.views
        if comments is None:
            comments = piece.comments
        if minutes is None:
            minutes = piece.stated_reading_minutes
        all_tags += piece.tags
        all_lines += piece.lines
        if piece.extra:
            extra = {**piece.extra, **extra}
    # The last piece states no date, author or category.
    return Metadata(
        published=published or None,
        updated=updated or None,
        author=author or None,
        category=category or None,
        views=views,
        comments=comments,
        stated_reading_minutes=minutes,
        site_name=site_name or last_site_name,
        tags=tuple(dict.fromkeys([*all_tags, *tags])),
        lines=(*all_lines, *lines),
        extra=MappingProxyType(extra),
    )


# What a piece without a field emoji starts with when it holds no digit (every date, count and
# reading time has one): the labels of ``_DATE_LABEL``, ``_BY_LABEL``, ``_CATEGORY_LABEL`` and
# ``_TAGS_LABEL`` and the "no" of "no comments", case-folded (a test checks the list).
_LABEL_STARTS = (
    *("last", "updated", "modified", "edited", "revised", "published", "posted", "released"),
    *("date", "aktualisiert", "mis", "publicado", "atualizado", "actualizado", "written"),
    *("reported", "words", "story", "text", "by", "von", "par", "por", "aut", "categor"),
    *("section", "filed", "kategorie", "tag", "topics", "labels", "keywords", "etiquetas", "no"),
    *("veröffentlicht", "publié", "catégorie", "schlagwörter", "stichwörter", "étiquettes"),
    *("mots-clés", "tópicos"),
)
# What any piece without a field emoji starts with, but a digit: a label, a reading-time label,
# a weekday or a month (a date's month must be one of ``_MONTHS``).
_PIECE_STARTS = (
    *_LABEL_STARTS,
    *("estimated", "reading", "lesezeit", "temps", "tempo"),
    *_WEEKDAYS,
    *_MONTHS,
)
_ASCII_DIGIT = re.compile("[0-9]")
_PICTOGRAPHIC = regex.compile(r"\p{Extended_Pictographic}")


def _cannot_be_metadata(text: str) -> bool:
    """True for a stripped line that ``read_metadata_line`` surely rejects.

    A line that does not start with a field emoji starts with a plain piece, which starts with
    a digit or one of ``_PIECE_STARTS``; without a digit in the line, with a label.
    """
    start = text[:16]
    if text.isascii():
        # No field emoji, and case-insensitive matching is ASCII lower case.
        if _ASCII_DIGIT.search(text) is None:
            return not start.lower().startswith(_LABEL_STARTS)
        return start[0] not in _ASCII_DIGITS and not start.lower().startswith(_PIECE_STARTS)
    if _PICTOGRAPHIC.match(text) is not None or _FOLDED_APART in start:
        return False
    if _DIGIT.search(text) is None:
        return not start.casefold().startswith(_LABEL_STARTS)
    return _DIGIT.match(text) is None and not start.casefold().startswith(_PIECE_STARTS)


def read_metadata_line(text: str) -> Metadata | None:
    """Return the fields a metadata line states, or ``None`` when the line is not metadata.

    Strict: every piece of the line (pieces are cut at ``·``, ``|``, ``•`` and at field emoji)
    must be a known field, so a sentence is never read as metadata.

    >>> read_metadata_line("By Ada Quill | 2021-07-09").author
    'Ada Quill'
    >>> line = read_metadata_line("📅 · 📁 Science · 👁 40 views · ⏱️ 6 min read")
    >>> line.published, line.category, line.views, line.stated_reading_minutes
    (None, 'Science', 40, 6)
    >>> read_metadata_line("By the end of the week, the river had risen.") is None
    True
    """
    text = text.strip()
    if not text or len(text) > 200 or _cannot_be_metadata(text):
        return None
    return _read_line(text)


def _read_line(text: str) -> Metadata | None:
    """``read_metadata_line`` for a stripped line of 1 to 200 characters."""
    pieces: list[Metadata] = []
    for segment in _SEPARATOR.split(text):
        segment = segment.strip()
        if not segment:
            continue
        first = _EMOJI_PIECE.search(segment)
        if first is None:
            piece = _read_plain_piece(segment)
            if piece is None:
                return None
            pieces.append(piece)
            continue
        if segment[: first.start()].strip():
            piece = _read_plain_piece(segment[: first.start()])
            if piece is None:
                return None
            pieces.append(piece)
        for match in _EMOJI_PIECE.finditer(segment, first.start()):
            field_name = _FIELD_EMOJI.get(match["emoji"])
            if field_name is None:
                return None
            piece = _read_emoji_piece(field_name, match["text"])
            if piece is None:
                return None
            pieces.append(piece)
    if not pieces:
        return None
    return _merge_pieces(pieces, lines=(text,))


def split_tags(text: str) -> tuple[str, ...]:
    """Return the tags of a tag list (``a, b, c``; ``#a #b``), or ``()`` if it reads as prose.

    >>> split_tags("Science, Space travel, Opinion")
    ('Science', 'Space travel', 'Opinion')
    """
    tags = tuple(tag.strip() for tag in _TAG_SPLIT.split(text.strip()) if tag.strip())
    if not tags or any(len(tag.split()) > 5 or tag.endswith(".") for tag in tags):
        return ()
    return tags


# Separators between a title and a site name, as they stand in page titles.
_SITE_SEPARATORS = (" | ", " · ", " » ", " - ", " – ", " — ", "_")
_SITE_FORBIDDEN = frozenset("|·»_-–—")


def split_site_suffix(title: str) -> str | None:
    """Return the site name a title seems to end with (``Title | Site``), else ``None``.

    The title itself is never cut: a suffix may be part of the real title.

    >>> split_site_suffix("How to Repot a Fern | Greenleaf"), split_site_suffix("Plain title")
    ('Greenleaf', None)
    """
    title = title.strip()
    cut, separator = max((title.rfind(sep), sep) for sep in _SITE_SEPARATORS)
    if cut <= 0:
        return None
    site = title[cut + len(separator) :].strip()
    if not 2 <= len(site) <= 40 or _SITE_FORBIDDEN & set(site) or len(site.split()) > 4:
        return None
    return site


def merge_metadata(
    lines: Sequence[Metadata],
    *,
    tags: Sequence[str] = (),
    site_name: str | None = None,
) -> Metadata:
    """Return one ``Metadata`` from the lines' fields; the first line stating a field wins.

    >>> first = read_metadata_line("By Ada Quill")
    >>> second = read_metadata_line("⏱️ 4 min read")
    >>> meta = merge_metadata([first, second], tags=["Rivers"])
    >>> meta.author, meta.stated_reading_minutes, meta.tags, meta.lines
    ('Ada Quill', 4, ('Rivers',), ('By Ada Quill', '⏱️ 4 min read'))
    """
    return _merge_pieces(lines, tags=tags, site_name=site_name)
