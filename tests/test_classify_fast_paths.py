"""The shortcuts of the classify stage give exactly the answers of the full reading.

When nothing is explained, a line whose score cannot reach a heading is not shaped; cheap
string checks stand before the patterns they guard. Each shortcut is checked here against the
full reading it stands in for.
"""

from __future__ import annotations

import sys
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from articlekit import ArticleKitError, classify, features, parse

_ALPHABET = st.sampled_from(
    list("aAzZ09 .,;:!?'\"-()[]/@#*>=\t中文。！？“”—–―•·▪")
    + ["(c) 2020", "Chapter 3", "2.3 ", "IV. ", "www.x", "Jan 3, 2020", "By ", "1) ", "b) "]
    + ["Step 4: ", "Étape 2 ", "第3章", "Figure 12. ", "٣. ", "\U00010d40. ", "Lesson 12. "]
    + ["the ", "and ", "Word ", "Title ", "of ", ".. ", "。。", ".。", "[12]", "[edit]", "¶"]
)
_LINE = st.lists(_ALPHABET, max_size=60).map(lambda parts: "".join(parts).strip())


@settings(max_examples=500, deadline=None)
@given(_LINE, st.integers(0, 3))
def test_a_plain_line_is_measured_as_its_shape(text: str, repeat: int) -> None:
    # Long lines too: past the window the shape reads the start and the end of a line.
    text = " ".join([text] * (1 + repeat * 12)) if repeat else text
    shape = features.line_shape(text)
    if features.plain_measure(text):
        words, terminal, cjk = features.measure_line(text)
        assert (terminal, cjk) == (shape.terminal, shape.cjk)
        if len(text) <= 400:
            assert words == min(shape.words, features.WORD_CAP)
        else:
            extra = max(1, (len(text) - 400) // 8)
            assert words - extra == min(shape.words - extra, features.WORD_CAP)
        ceiling = classify._shape_ceiling(words, terminal, cjk)
        assert classify._shape_score(shape)[0] <= ceiling
    measures = features.LineMeasures()
    assert measures.sentence_like(text) == features.sentence_like(text)
    assert measures.sentence_like(" " + text + "  ") == features.sentence_like(text)


@settings(max_examples=500, deadline=None)
@given(_LINE)
def test_guarded_patterns_give_the_same_answers(text: str) -> None:
    shape = features.line_shape(text)
    if len(text) <= 400 and not shape.markdown_level:
        assert shape.date == bool(features._DATE.search(text))
        assert shape.byline == bool(features._BYLINE.match(text))
        assert shape.slashes == len(features._PATH_SLASH.findall(text))
        assert shape.emphatic == bool(features._EMPHATIC.search(text))
        if not text.strip().endswith("]"):  # footnote calls ("—[12]") are cut off first
            assert shape.attribution == bool(features._ATTRIBUTION_START.match(text.strip()))
    section = features._SECTION_NUMBER.match(text)
    other = (
        features._ROMAN_NUMBER.match(text)
        or features._LABEL_NUMBER.match(text)
        or features._WORD_NUMBER.match(text)
    )
    assert bool(features._numbering(text)[0]) == bool(section or other)
    marker = features._BULLET.match(text) or features._NUMBERED.match(text)
    found = features.match_list_marker(text)
    assert (found is None) == (marker is None)
    assert features.setext_underline(text) == (
        0
        if len(text.strip()) < 3 or not features._SETEXT_UNDERLINE.match(text)
        else (2 if text.strip()[0] == "=" else 3)
    )
    assert features.is_markdown_heading(text) == bool(
        features._MARKDOWN_HEADING.match(text.strip())
    )


def _blocks(text: str, explain: bool) -> object:
    try:
        article = parse(text, explain=explain)
    except ArticleKitError as error:
        return type(error).__name__
    return [replace(block, explanation=None) for block in article.blocks]


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=12), st.sampled_from(["\n", "\n\n"]))
def test_blocks_do_not_depend_on_explaining(lines: list[str], separator: str) -> None:
    text = separator.join(lines)
    assert _blocks(text, explain=True) == _blocks(text, explain=False)


def test_every_cjk_character_is_in_the_prefilter_blocks() -> None:
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if features._CJK_CHAR.match(char):
            assert features._MAYBE_CJK.match(char), hex(code)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="aB09 '_-.\t\x1c", max_size=40))
def test_ascii_word_count_without_the_pattern(text: str) -> None:
    assert features._word_count(text, text) == len(features._ASCII_WORD.findall(text))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" a\t\x1c\x1f.\xa0中", max_size=20))
def test_first_word_width_without_the_pattern(text: str) -> None:
    first = classify._FIRST_WORD.search(text)
    expected = features.display_width(first.group()) if first else 0
    assert classify._first_word_width(text) == expected


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="aZ09 '’-_.\t\x1céřß±½×—“中カ한\u0301١", max_size=40))
def test_word_count_of_text_read_as_ascii(text: str) -> None:
    # Letters, symbols and apostrophes outside ASCII are read by their class.
    assert features.word_count(text) == len(features._WORD.findall(text))


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="a .'’‘“”—…«\xa0•€©×éß中", max_size=40), st.integers(0, 12))
def test_a_line_made_ascii_without_the_search(text: str, repeat: int) -> None:
    # A line is mapped before it is checked; a long text is searched first.
    text = text * repeat if repeat else text
    expected = None if features._NOT_MAPPED.search(text) else features._map_punctuation(text)
    assert features._as_ascii(text) == expected


@settings(max_examples=500, deadline=None)
@given(_LINE)
def test_first_word_width_from_the_stripped_line(text: str) -> None:
    line = "  " + text + " "
    assert classify._first_word_width(line, line.strip()) == classify._first_word_width(line)


@settings(max_examples=500, deadline=None)
@given(_LINE, st.sampled_from(["", "\n", "[edit]", " ¶", "#", "†\n", "]"]))
def test_suffix_and_title_prefilters(text: str, end: str) -> None:
    text += end
    match = classify._SUFFIX.search(text)
    assert classify._heading_suffix(text) == (match.group() if match else "")
    for key in (classify._loose(text), classify._loose(text[1:]), "title"):
        assert classify._repeats(text, key) == (bool(key) and classify._loose(text) == key)


def test_a_digit_int_does_not_know_ends_no_numbering() -> None:
    # U+10D40 is a digit to the ``regex`` module (Unicode 16), not to ``int`` here.
    assert not features.numbering_follows("2.3", "0\U00010d40")
    parse("a\n2.3 a\n0\U00010d40. a")
