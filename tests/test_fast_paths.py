"""The fast paths taken for ASCII (and typographic-punctuation) lines give exactly the answers
of the Unicode patterns they stand in for."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from articlekit import blocks, boilerplate, features
from test_boilerplate_fast_paths import expected_entry_keys

# Characters that exercise every fast path: ASCII, the typographic punctuation that
# ``features._as_ascii`` maps, CJK, cased and uncased letters, marks and odd spaces.
_ALPHABET = st.sampled_from(
    list("aAzZ09 .,;:!?'\"-()[]/@#*<>{}=\t\n\r\x0b\x0c\x1c_")
    + [source for source, _ in features._TO_ASCII]
    + list("。！？：中文かカ한ßİıǅĸé\u0301²½‿\u200dℹ™→…📑")
    + ["(c) 2020", "copyright", "Chapter 3", "2.3 ", "www.x", "http://", "Jan 3, 2020", "x@y.z"]
)
_TEXT = st.lists(_ALPHABET, max_size=40).map("".join)


def _unicode_title_case(text: str) -> float:
    return features._title_case(text, None)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_feature_fast_paths_match_the_unicode_patterns(text: str) -> None:
    ascii = features._as_ascii(text)
    assert features.word_count(text) == len(features._WORD.findall(text))
    cjk = len(features._CJK_CHAR.findall(text))
    assert features.is_cjk_text(text) == (
        cjk > 0 and cjk * 2 >= len(features._LETTER_WORD.findall(text)) + cjk
    )
    assert features._title_case(text, ascii) == _unicode_title_case(text)
    assert features._inner_sentence(text, ascii) == bool(features._INNER_SENTENCE.search(text))
    assert features.display_width(text) == sum(
        2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text
    )


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="# \tab", max_size=12), st.integers(0, 500))
def test_markdown_level_is_the_shapes_level(start: str, padding: int) -> None:
    # Long lines too: the shape of a line past the window is read from its start.
    text = (start + " " * padding + "x").strip()
    assert features.markdown_level(text) == features.line_shape(text).markdown_level


def test_mapped_punctuation_is_neither_word_nor_letter_nor_space() -> None:
    # The mapping is only sound for characters no pattern treats as part of a word or a space.
    for source, target in features._TO_ASCII:
        if source == "’":
            assert target == "'"
            continue
        assert not features._WORD.search(source)
        assert not features._LETTER_WORD.search(source)
        assert source not in " \t"
        # ``_INNER_SENTENCE`` lets a sentence start with an opening quote: those stay quotes.
        assert target == ('"' if source in "“‘" else "#")


def _reference_key(text: str) -> str:
    text = boilerplate._DECORATION.sub("", text.strip())
    return str(boilerplate._SPACES.sub(" ", boilerplate._TRAILING.sub("", text))).casefold()


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_boilerplate_key_fast_path_matches_the_substitutions(text: str) -> None:
    assert boilerplate._key(text) == _reference_key(text)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_entry_keys_fast_path_matches_the_unicode_patterns(text: str) -> None:
    assert boilerplate._entry_keys(text) == expected_entry_keys(text)


def test_code_line_strength_skips_counting_only_where_the_rules_cannot_apply() -> None:
    assert blocks.code_line_strength("  return this.name;") == blocks.STRONG
    assert blocks.code_line_strength("if (x) {") == blocks.STRONG
    assert blocks.code_line_strength("x = [1, 2]") == blocks.WEAK
    assert blocks.code_line_strength("<b>(a) [b] {c}</b>") == blocks.WEAK
    assert blocks.code_line_strength("A plain sentence, (with) a [note].") == blocks.NONE
