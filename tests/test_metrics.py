"""Reading time: script-aware counting, configurable rates, code and images."""

from __future__ import annotations

import pytest

from articlekit import Options, ReadingTime
from articlekit.metrics import count_words, estimate_reading_time
from articlekit.model import Block, BlockKind


def _para(text: str) -> Block:
    return Block(BlockKind.PARAGRAPH, text)


def test_words_counted_at_default_238_wpm() -> None:
    rt = estimate_reading_time([_para("word " * 476)], Options())
    assert rt.words == 476
    assert rt.wpm == 238
    assert rt.minutes == pytest.approx(2.0)
    assert str(rt) == "2 min read"


def test_wpm_is_configurable() -> None:
    rt = estimate_reading_time([_para("word " * 400)], Options(wpm=200))
    assert rt.minutes == pytest.approx(2.0)


def test_chinese_counted_by_character_at_500_cpm() -> None:
    rt = estimate_reading_time([_para("汉" * 1000)], Options())
    assert (rt.words, rt.cjk_characters, rt.cjk_cpm) == (0, 1000, 500)
    assert rt.minutes == pytest.approx(2.0)


def test_japanese_detected_by_kana_and_read_at_550_cpm() -> None:
    rt = estimate_reading_time([_para("日本語のテキスト" * 100)], Options())
    assert rt.cjk_cpm == 550
    assert rt.minutes == pytest.approx(800 / 550)


def test_mixed_text_counts_each_segment_by_its_script() -> None:
    words, han, kana, hangul = count_words("Python 3.12 很好用 and 速い です")
    assert (words, han, kana, hangul) == (4, 4, 3, 0)


def test_korean_counted_by_character() -> None:
    rt = estimate_reading_time([_para("한국어" * 500)], Options())
    assert rt.cjk_characters == 1500
    assert rt.minutes == pytest.approx(1500 / 500)


def test_code_lines_add_time_and_are_not_words() -> None:
    code = Block(BlockKind.CODE, "x = 1\ny = 2\nprint(x + y)")
    rt = estimate_reading_time([code], Options(seconds_per_code_line=6))
    assert rt.words == 0
    assert rt.code_lines == 3
    assert rt.minutes == pytest.approx(18 / 60)


def test_marked_images_add_medium_style_decreasing_time() -> None:
    text = " ".join(f"![figure {n}](img{n}.png)" for n in range(12))
    rt = estimate_reading_time([_para(text)], Options(wpm=10**9))
    assert rt.images == 12
    expected_seconds = sum(max(3, 12 - n) for n in range(12))
    assert rt.minutes == pytest.approx(expected_seconds / 60, rel=1e-6)


def test_summary_counts_but_title_does_not() -> None:
    rt = estimate_reading_time([_para("one two")], Options(), summary="three four five")
    assert rt.words == 5


def test_display_never_says_zero_minutes() -> None:
    assert str(ReadingTime(words=3, minutes=0.01, wpm=238)) == "1 min read"
