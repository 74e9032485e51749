"""Stage 0: ``decode_input`` turns str or bytes into text, or refuses them with a typed error."""

from __future__ import annotations

import codecs
import gzip
import io
import zipfile
from pathlib import Path

import pytest

from articlekit import (
    InputTooLargeError,
    InputTypeError,
    NoteCode,
    NotTextError,
)
from articlekit.decode import decode_input, looks_binary

LIMIT = 1_000_000
TEXT = "Caf\u00e9 \u201cquoted\u201d \u2014 na\u00efve r\u00e9sum\u00e9, \u20ac5.\nSecond line.\n"


def _decode(data: object) -> tuple[str, tuple[str, ...]]:
    text, notes = decode_input(data, LIMIT)
    return text, tuple(str(note.code) for note in notes)


# --- str input -----------------------------------------------------------------------------


def test_plain_str_is_returned_unchanged_without_notes() -> None:
    assert _decode(TEXT) == (TEXT, ())


def test_str_subclass_becomes_a_plain_str() -> None:
    class Loud(str):
        def __str__(self) -> str:
            return "OVERRIDDEN"

    text, _ = _decode(Loud("hello"))
    assert text == "hello"
    assert type(text) is str


def test_c0_controls_become_spaces_one_for_one() -> None:
    source = "a\x00b\x01c\x08d\x0be\x0cf\x1bg\x7fh\ttab\r\nline"
    text, notes = _decode(source)
    assert text == "a b c d e f g h\ttab\r\nline"
    assert len(text) == len(source)
    assert notes == ("control_characters",)


def test_c1_controls_are_left_for_the_repair_stage() -> None:
    # "\x80\x99" is the tail of a curly apostrophe read as Latin-1: mojibake, not binary.
    source = "don\u00e2\x80\x99t stop \x85 here"
    assert _decode(source) == (source, ())


def test_lone_surrogates_are_replaced_one_for_one() -> None:
    source = "a\ud800b\udfffc\ud83d\ude00"
    text, notes = _decode(source)
    assert text == "a\ufffdb\ufffdc\ufffd\ufffd"
    assert len(text) == len(source)
    assert notes == ("control_characters",)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("\x1b[1;31mERROR\x1b[0m: disk full\n" * 20, id="ansi-colour-log"),
        pytest.param("N\bNA\bAM\bME\bE\n" * 20, id="manpage-overstrike"),
        pytest.param("page one\fpage two\v" * 20, id="form-feeds"),
        pytest.param("short \x00\x01\x02", id="short-string-with-controls"),
        pytest.param("\u05e9\u05dc\u05d5\u05dd \u200f\u202bmixed\u202c " * 40, id="bidi-controls"),
    ],
)
def test_control_share_check_does_not_misfire_on_text(source: str) -> None:
    assert looks_binary(source) is None
    text, _ = _decode(source)
    assert len(text) == len(source)


def test_str_that_is_binary_is_refused_with_the_reason() -> None:
    with pytest.raises(NotTextError) as caught:
        _decode("".join(chr(n % 32) for n in range(4000)))
    assert "control characters" in caught.value.reason
    assert "pass the article's text" in str(caught.value)


def test_str_that_is_utf16_read_as_latin1_gets_a_hint() -> None:
    source = ("Hello, world. " * 10).encode("utf-16-le").decode("latin-1")
    with pytest.raises(NotTextError, match="UTF-16"):
        _decode(source)


# --- bytes input ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [bytes, bytearray, memoryview])
def test_utf8_bytes_like_objects(kind: type) -> None:
    assert _decode(kind(TEXT.encode("utf-8"))) == (TEXT, ())


@pytest.mark.parametrize(
    "encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"]
)
def test_bom_decides_the_encoding(encoding: str) -> None:
    boms = {
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-be": codecs.BOM_UTF32_BE,
    }
    data = boms.get(encoding, b"") + TEXT.encode(encoding)
    assert _decode(data) == (TEXT, ())


def test_bom_that_lies_is_refused() -> None:
    with pytest.raises(NotTextError, match="byte-order mark"):
        _decode(codecs.BOM_UTF8 + b"caf\xe9")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_bom_are_found_by_their_nul_pattern(encoding: str) -> None:
    text, notes = _decode(TEXT.encode(encoding))
    assert text == TEXT
    assert notes == ("decoded_with_fallback",)


def test_windows_1252_fallback_is_noted() -> None:
    text, notes = _decode(TEXT.encode("cp1252"))
    assert text == TEXT
    assert notes == ("decoded_with_fallback",)


def test_bytes_undefined_in_windows_1252_fall_back_to_latin1_one_by_one() -> None:
    # 0x81 and 0x9d are undefined in Windows-1252; the curly quotes must still decode.
    data = b"\x93quoted\x94 \x81 and \x9d"
    text, _ = _decode(data)
    assert text == "\u201cquoted\u201d \x81 and \x9d"
    assert len(text) == len(data)


def test_mostly_utf8_with_a_stray_windows_1252_byte_keeps_the_utf8() -> None:
    data = TEXT.encode("utf-8") + b"and a stray \x93cp1252\x94 quote"
    text, notes = _decode(data)
    assert text == TEXT + "and a stray \u201ccp1252\u201d quote"
    assert notes == ("decoded_with_fallback",)


def test_utf8_cut_in_the_middle_of_the_last_character() -> None:
    data = TEXT.encode("utf-8") + "\u20ac".encode()[:2]
    text, _ = _decode(data)
    assert text.startswith(TEXT)


def test_nul_byte_means_binary() -> None:
    with pytest.raises(NotTextError) as caught:
        _decode(b"plain text\x00with a NUL byte and then more")
    assert caught.value.reason == "NUL byte at offset 10"
    assert "decode it yourself" in str(caught.value)


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", TEXT)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (gzip.compress(TEXT.encode()), "decompress it first"),
        (_zip_bytes(), "extract the text first"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "extract its text first"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "pass the article's text"),
    ],
    ids=["gzip", "zip", "pdf", "png"],
)
def test_known_binary_formats_are_named(data: bytes, said: str) -> None:
    with pytest.raises(NotTextError) as caught:
        _decode(data)
    assert said in str(caught.value)


def test_random_binary_is_refused() -> None:
    import random

    data = random.Random(6).randbytes(10_000)
    with pytest.raises(NotTextError):
        _decode(data)


# --- types and size ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        (None, "was the text field missing"),
        (Path("article.txt"), "pass the file's contents"),
        (io.StringIO("text"), "pass its contents"),
        (42, "got int"),
        (["a", "list"], "got list"),
    ],
)
def test_other_types_raise_input_type_error(value: object, hint: str) -> None:
    with pytest.raises(InputTypeError, match=hint) as caught:
        _decode(value)
    assert isinstance(caught.value, TypeError)


def test_too_large_str_is_refused_with_size_and_limit() -> None:
    with pytest.raises(InputTooLargeError) as caught:
        decode_input("x" * 101, 100)
    assert (caught.value.size, caught.value.limit) == (101, 100)
    assert "Options.max_chars" in str(caught.value)


def test_too_large_bytes_are_refused_before_decoding() -> None:
    with pytest.raises(InputTooLargeError) as caught:
        decode_input(b"\xff" * 401, 100)
    assert caught.value.size == 401


def test_bytes_that_decode_past_the_limit_are_refused() -> None:
    with pytest.raises(InputTooLargeError):
        decode_input(b"x" * 150, 100)


def test_limit_is_inclusive() -> None:
    assert decode_input("x" * 100, 100)[0] == "x" * 100


def test_control_note_counts_replacements() -> None:
    _, notes = decode_input("a\x00b\x00c", 100)
    assert [note.code for note in notes] == [NoteCode.CONTROL_CHARACTERS]
    assert "2 control" in notes[0].message
