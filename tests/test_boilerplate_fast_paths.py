"""The shortcuts of the boilerplate stage give exactly the answers of the rules they skip."""

from __future__ import annotations

import itertools
import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from articlekit import boilerplate
from articlekit.blocks import split_spans
from articlekit.lines import split_lines
from articlekit.model import RemovalReason
from articlekit.options import Options
from regex_tree import literal_starts, sre_parse

_WORDS = ["share", "facebook", "email", "e-mail", "copy link", "x", "print", "advertisement"]
_KEY_TEXT = st.lists(
    st.sampled_from(
        [*_WORDS, " ", "  ", "-", ":", ".", "’", "é", "_", "1.", "a)", "\t", "📑", "•", "Ⅻ", "²"]
        + ["click to share ", "follow us on ", "get the latest ", " to your inbox"]
        + ["in this article", "contents", "tags: a, b", "©", "(c)", "all rights reserved"]
    ),
    max_size=30,
).map("".join)


def test_shared_word_blocks_mean_the_same_word_characters_in_both_engines() -> None:
    unicode_word, stdlib_word = regex.compile(r"\w"), re.compile(r"\w")
    for low, high in boilerplate._SHARED_WORD_BLOCKS:
        for code in range(low, high + 1):
            character = chr(code)
            assert bool(unicode_word.match(character)) == bool(stdlib_word.match(character))


def test_shared_word_blocks_keep_every_candidate_character_the_engines_agree_on() -> None:
    # Bug: the blocks were fixed for one Python's Unicode version; on Python 3.10 the two
    # engines disagree on CJK characters added in Unicode 14 (U+9FFD…).
    unicode_word, stdlib_word = regex.compile(r"\w"), re.compile(r"\w")
    shared = {c for low, high in boilerplate._SHARED_WORD_BLOCKS for c in range(low, high + 1)}
    for low, high in boilerplate._WORD_BLOCK_CANDIDATES:
        for code in range(low, high + 1):
            agree = bool(unicode_word.match(chr(code))) == bool(stdlib_word.match(chr(code)))
            assert (code in shared) == agree, hex(code)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60) | _KEY_TEXT)
def test_find_words_is_the_unicode_pattern(text: str) -> None:
    assert boilerplate._find_words(text) == boilerplate._WORD.findall(text)


def test_no_key_longer_than_the_bound_matches_a_label_but_a_dashed_advertisement() -> None:
    # ``sre_parse`` reads the pattern once ``\p{L}`` (one character) is spelled as a class.
    pattern = boilerplate._LABEL.pattern.replace(r"\p{L}", "a")
    assert "*" not in pattern
    assert pattern.count("+") == 1
    assert f"{boilerplate._UNBOUNDED_LABEL}[ -]+" in pattern
    bounded = pattern.replace("[ -]+", "[ -]")
    assert sre_parse.parse(bounded).getwidth()[1] <= boilerplate._LABEL_LONGEST
    key = "advertisement " + "- " * 100 + "scroll to continue"
    assert len(key) > boilerplate._LABEL_LONGEST
    assert boilerplate.classify_line(key) is RemovalReason.ADVERTISEMENT


@settings(max_examples=400, deadline=None)
@given(_KEY_TEXT.map(boilerplate._key))
def test_ascii_label_pattern_is_the_unicode_pattern_on_ascii_keys(key: str) -> None:
    if key.isascii():
        ascii_match = boilerplate._ASCII_LABEL.match(key)
        unicode_match = boilerplate._LABEL.match(key)
        assert (ascii_match and ascii_match.lastgroup) == (
            unicode_match and unicode_match.lastgroup
        )


# Every character, as one string (surrogates left out): one ``findall`` looks at all of them.
_ALL_CHARACTERS = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)


def test_every_odd_space_is_unprintable() -> None:
    odd = boilerplate._ODD_SPACE.findall(_ALL_CHARACTERS)
    assert odd
    assert not any(character.isprintable() for character in odd)


def test_copyright_lines_start_with_one_of_the_listed_characters() -> None:
    assert boilerplate._COPYRIGHT.pattern.startswith(r"^(?:©|\(c\)|copyright\b|&copy;)")
    starts = regex.findall(r"[©(c&]", _ALL_CHARACTERS, flags=boilerplate._COPYRIGHT.flags)
    assert set(starts) == set(boilerplate._COPYRIGHT_STARTS)


def test_rights_phrases_match_only_texts_of_their_length() -> None:
    assert not boilerplate._RIGHTS.flags & regex.FULLCASE
    for phrase in boilerplate._RIGHTS_PHRASES:
        assert boilerplate._RIGHTS.fullmatch(phrase.upper())
        assert len(phrase) <= boilerplate._RIGHTS_LONGEST


def expected_entry_keys(text: str) -> tuple[str, ...]:
    """``boilerplate._entry_keys`` as its rule reads, with the Unicode patterns only."""
    lowered = boilerplate._LIST_MARKER.sub("", text).casefold()
    exact = " ".join(boilerplate._WORD.findall(lowered))
    ascii_only = " ".join(regex.findall(r"[a-z0-9]+", lowered))
    if not exact or len(exact) > 200:
        return ()
    if len(ascii_only) < 4:
        return (exact,)
    return (exact, "\x00" + ascii_only)


@settings(max_examples=300, deadline=None)
@given(_KEY_TEXT, st.integers(0, 400))
def test_entry_keys_of_long_lines(start: str, padding: int) -> None:
    text = start + " word" * padding + " ." * (padding % 7) + start
    assert boilerplate._entry_keys(text) == expected_entry_keys(text)


def _reference_share_clusters(found: boilerplate._Lines) -> None:
    # The rule as it read before it looked only around network names.
    position, total = 0, len(found.lines)
    while position < total:
        end = position
        markers = networks = 0
        while end < total:
            if found.reasons.get(end) is RemovalReason.SHARE:
                markers += 1
            elif found.key(end) in boilerplate._NETWORK_NAMES and end not in found.reasons:
                networks += 1
            else:
                break
            end += 1
        if markers + networks >= 2 and networks:
            for cluster in range(position, end):
                found.reasons.setdefault(cluster, RemovalReason.SHARE)
        position = max(end, position + 1)


_CLUSTER_LINES = st.lists(
    st.sampled_from(
        ["Share", "Facebook", "Email", "X", "Copy link", "Text of the article.", "Advertisement"]
        + ["• " * 200 + "Facebook", "Facebook" + " ." * 200, "A long paragraph. " * 20]
    ),
    min_size=1,
    max_size=14,
)


@settings(max_examples=300, deadline=None)
@given(_CLUSTER_LINES)
def test_share_clusters_are_found_as_by_the_full_scan(lines: list[str]) -> None:
    spans = split_spans(split_lines("\n".join(lines)))
    found, reference = boilerplate._Lines(spans), boilerplate._Lines(spans)
    for lines_found in (found, reference):
        for position, text in enumerate(lines_found.stripped):
            reason = boilerplate._classify_key(text, lines_found.key(position))
            if reason is not None:
                lines_found.reasons[position] = reason
    boilerplate._mark_share_clusters(found)
    _reference_share_clusters(reference)
    assert found.reasons == reference.reasons


def test_the_one_alphanumeric_decoration_is_listed() -> None:
    decoration = regex.compile(boilerplate._DECORATION.pattern[1:-1])
    alphanumeric = {c for c in decoration.findall(_ALL_CHARACTERS) if c.isalnum()}
    assert alphanumeric == {boilerplate._ALPHANUMERIC_DECORATION}


@settings(max_examples=300, deadline=None)
@given(_KEY_TEXT | st.text(max_size=40))
def test_an_entry_and_its_keys_hold_as_many_ascii_letters_and_digits(text: str) -> None:
    count = boilerplate._ascii_alphanumerics(boilerplate._entry_text(text))
    for key in boilerplate._entry_keys(text):
        assert boilerplate._ascii_alphanumerics(key) == count


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Setup", "- Setup", "SETUP!", "“Set up”", "1. Set up", "x"]), max_size=12
    )
)
def test_repeats_are_every_line_with_the_key(texts: list[str]) -> None:
    found = boilerplate._Lines(split_spans(split_lines("\n".join(texts))))
    for position in range(len(found.lines)):
        for key in found.entry_keys(position):
            assert found.repeats(key) == [
                line
                for line in range(len(found.lines))
                if key in boilerplate._entry_keys(found.lines[line].text)
            ]


@settings(max_examples=400, deadline=None)
@given(_KEY_TEXT | st.text(max_size=40), st.integers(0, 29))
def test_a_key_said_to_be_longer_is_longer(text: str, length: int) -> None:
    if boilerplate._key_is_longer(text, length):
        assert len(boilerplate._key(text)) > length


def test_each_line_is_read_for_entry_keys_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Five-letter words, all with the same count of letters: the searches for 400 entries must
    # not each read every line (a page made of them would take quadratic time).
    words = [
        "".join(letters)
        for letters in itertools.islice(itertools.product("abcdefghij", repeat=5), 400)
    ]
    toc = "Contents\n" + "\n".join(f"- {word.title()}" for word in words)
    body = "\n\n".join(f"{word.title()}\n\nText about {word}, with more words." for word in words)
    spans = split_spans(split_lines(f"Title\n\n{toc}\n\n{body}"))
    reads = 0
    entry_keys = boilerplate._Lines.entry_keys

    def counted(found: boilerplate._Lines, position: int) -> tuple[str, ...]:
        nonlocal reads
        reads += 1
        return entry_keys(found, position)

    monkeypatch.setattr(boilerplate._Lines, "entry_keys", counted)
    cleanup = boilerplate.remove_boilerplate(spans, Options())
    assert len(cleanup.removed) == 401
    lines = sum(len(span.lines) for span in spans)
    assert reads <= 10 * lines


def _line_starts(pattern: regex.Pattern[str]) -> set[str]:
    # A digit stands for every digit; ``\p{L}`` (after a literal start) for a letter.
    text = pattern.pattern.replace(r"\p{L}", "a-z").replace(r"\d", "0")
    return literal_starts(sre_parse.parse(text).data)


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [
        (boilerplate._LABEL, boilerplate._KEY_STARTS),
        (boilerplate._READ_MORE, boilerplate._KEY_STARTS),
        (boilerplate._TAGS, boilerplate._KEY_STARTS),
        (boilerplate._COPYRIGHT, boilerplate._LINE_STARTS),
        (boilerplate._RIGHTS, boilerplate._LINE_STARTS),
    ],
)
def test_line_starts_hold_the_start_of_every_text_a_rule_matches(
    pattern: regex.Pattern[str], starts: frozenset[str]
) -> None:
    for start in _line_starts(pattern):
        if len(start) < 3:
            # A whole key shorter than three characters ("ad", "目录"), or "©".
            assert boilerplate._LABEL.match(start) or start == "©", start
        else:
            assert start[0] == "0" or start[:3] in starts, start
    assert boilerplate._KEY_STARTS <= boilerplate._LINE_STARTS


def test_key_starts_hold_every_network_name() -> None:
    for name in boilerplate._NETWORK_NAMES:
        assert len(name) < 3 or name[:3] in boilerplate._KEY_STARTS


def test_only_the_listed_character_matches_a_start_letter_but_folds_to_another() -> None:
    letters = "".join(sorted(set("".join(boilerplate._LINE_STARTS)) - {" "}))
    matching = regex.findall(f"[{regex.escape(letters)}]", _ALL_CHARACTERS, flags=regex.IGNORECASE)
    apart = {character for character in matching if character.casefold() not in letters}
    assert apart == set(boilerplate._FOLDED_APART)


def test_plain_marks_are_no_decoration_and_no_digit() -> None:
    for mark in boilerplate._PLAIN_MARKS:
        assert boilerplate._DECORATION.match(mark) is None
        assert mark.isascii()
        assert mark.isprintable()
        assert not mark.isalnum()
        assert not mark.isspace()


_LINE_TEXT = st.lists(
    st.sampled_from(
        [*_WORDS, " ", "  ", "-", ":", ".", "’", "é", "_", "1.", "a)", "\t", "📑", "•", "ℹ", "İ"]
        + ["read more", "Tags", "(C)", "(c) 2024", "&copy;", "Copyright", "All rights reserved"]
        + ["contents", "The story continues below", "ſhare", "SHARE", "K", "12 comments", "!"]
        + ["in this article", "follow us on ", "x", "ad", "目录", "the river rose", "( ", "\u00a0"]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40) | _LINE_TEXT)
def test_plain_lines_are_kept_by_the_single_line_rules_and_no_network_name(text: str) -> None:
    stripped = text.strip()
    if stripped and boilerplate._is_plain(stripped):
        assert boilerplate.classify_line(stripped) is None
        assert boilerplate._key(stripped) not in boilerplate._NETWORK_NAMES
