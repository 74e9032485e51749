"""Reading time counted on bytes gives exactly the counts of the patterns it stands in for."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from articlekit import metrics
from articlekit.model import Block, BlockKind
from articlekit.options import Options

# Characters that exercise every path: word characters of each kind, both apostrophes,
# separators in and outside ASCII, CJK of each script, a lone surrogate, image marks.
_TEXT = st.lists(
    st.sampled_from(
        list("ab Z09_'’ \n\t.,-—“”…é²½Ⅻ\u0301\u200d漢字かなカナー한국\ud800")
        + ["![a](b)", "[image: x]", "[Photo]", "it's", "rock'n'roll", "'", "''"]
    ),
    max_size=40,
).map("".join)


def _reference_count_words(text: str) -> tuple[int, int, int, int]:
    if not metrics._CJK.search(text):
        return len(metrics._WORD.findall(text)), 0, 0, 0
    return (
        len(metrics._WORD.findall(metrics._CJK.sub(" ", text))),
        len(metrics.regex.findall(r"\p{Han}", text)),
        len(metrics.regex.findall(r"[\p{Hiragana}\p{Katakana}ー]", text)),
        len(metrics.regex.findall(r"\p{Hangul}", text)),
    )


@settings(max_examples=500, deadline=None)
@given(_TEXT | st.text(max_size=40))
def test_count_words_is_the_patterns_count(text: str) -> None:
    assert metrics.count_words(text) == _reference_count_words(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT, max_size=6), st.one_of(st.none(), _TEXT))
def test_reading_time_of_the_joined_texts_is_the_sum_over_blocks(
    texts: list[str], summary: str | None
) -> None:
    blocks = [Block(BlockKind.PARAGRAPH, text) for text in texts]
    time = metrics.estimate_reading_time(blocks, Options(), summary=summary)
    counted = [summary] if summary else []
    counts = [_reference_count_words(text) for text in counted + texts]
    images = sum(len(metrics._IMAGE_MARK.findall(text)) for text in counted + texts)
    assert time.words == sum(count[0] for count in counts)
    assert time.cjk_characters == sum(sum(count[1:]) for count in counts)
    assert time.images == images


@settings(max_examples=50, deadline=None)
@given(_TEXT)
def test_many_separators_are_replaced_in_one_pass_with_the_same_count(text: str) -> None:
    # More distinct separators outside ASCII than are replaced one by one.
    separators = "".join(chr(code) for code in range(0x2190, 0x21C0))
    assert len(separators) > metrics._MAX_REPLACED
    mixed = separators[:20] + text + separators[20:] + "it’s" + text
    assert metrics.count_words(mixed) == _reference_count_words(mixed)


def test_image_start_holds_every_character_a_mark_can_start_with() -> None:
    first = metrics.regex.compile(r"[ipf]", metrics.regex.IGNORECASE)
    letters = {chr(code) for code in range(0x110000) if first.match(chr(code))}
    assert (
        metrics._IMAGE_START.pattern == r"\[[" + "".join(sorted(letters, key="iIpPfFİ".index)) + "]"
    )
    assert {word[0] for word in ("image", "img", "photo", "picture", "figure")} == {"i", "p", "f"}
    assert metrics._IMAGE_MARK.pattern.startswith(r"!\[")
