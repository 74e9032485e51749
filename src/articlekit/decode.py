"""Stage 0: turn the input into text, or refuse it with a typed error that says why.

``str`` input is the caller's text and is refused only when it is plainly not text (see
``looks_binary``). Lone surrogates are replaced by U+FFFD and C0 control characters other than
tab, LF and CR (and DEL) by a space, one character for one, so that every offset still matches
the input; each replacement is noted in ``Article.notes``. (Form feed, vertical tab and the
separators U+001C to U+001E go too: ``str.splitlines`` would take them for line breaks.)
C1 controls (U+0080 to U+009F) are left alone: in scraped text they are nearly always mojibake,
which the repair stage reverses.

``bytes`` are decoded in this order, and any guess is noted in ``Article.notes``:

1. a byte-order mark (UTF-8, UTF-16, UTF-32), strictly;
2. known binary formats (gzip, zip, PDF, PNG, JPEG, GIF…) are refused with ``NotTextError``;
3. UTF-16 or UTF-32 without a BOM, recognised by the pattern of NUL bytes ASCII leaves in them;
4. any other NUL byte (in the first 64 KiB) means binary data: ``NotTextError``;
5. strict UTF-8;
6. mostly UTF-8 with a few invalid bytes (two sources pasted together, a cut-off last
   character): UTF-8, each invalid byte read as Windows-1252;
7. otherwise Windows-1252 for the whole input, the five bytes it leaves undefined read as
   Latin-1 (as browsers do), which cannot fail.

Every step is one pass over the input (or a bounded sample of it).
"""

from __future__ import annotations

import codecs
import os

import regex

from articlekit.errors import InputTooLargeError, InputTypeError, NotTextError
from articlekit.model import Note, NoteCode

__all__ = ["decode_input", "looks_binary"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Signatures of binary formats a corpus job meets in place of text, with what to do instead.
_MAGIC = (
    (b"\x1f\x8b", "gzip-compressed data", "decompress it first"),
    (b"PK\x03\x04", "a zip archive (or docx/epub/xlsx)", "extract the text first"),
    (b"%PDF-", "a PDF document", "extract its text first (e.g. with pdftotext)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "pass the article's text"),
    (b"\xff\xd8\xff", "a JPEG image", "pass the article's text"),
    (b"GIF87a", "a GIF image", "pass the article's text"),
    (b"GIF89a", "a GIF image", "pass the article's text"),
    (b"BZh", "bzip2-compressed data", "decompress it first"),
    (b"\xfd7zXZ\x00", "xz-compressed data", "decompress it first"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data", "decompress it first"),
    (b"\x7fELF", "an executable", "pass the article's text"),
)
# C0 controls that never occur in text: all but tab, LF, VT, FF, CR, ESC (terminal colour codes)
# and BS (overstrike in manual pages); plus DEL. These are what make data look binary.
_BINARY_CONTROL = regex.compile(r"[\x00-\x07\x0e-\x1a\x1c-\x1f\x7f]")
# C0 controls replaced by a space in the text that goes on: all but tab and the line breaks,
# form feed included (a page break is a line break for nobody but a printer).
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = regex.compile(r"[\ud800-\udfff]")
# Every byte but those of the C0 controls that ``_CONTROL`` matches: deleting them from the UTF-8
# encoding leaves one byte per such control (no other character's encoding holds one).
_NOT_CONTROL_BYTES = bytes(byte for byte in range(256) if not _CONTROL.match(chr(byte)))
_ASCII_BYTES = bytes(range(128))
# Above this share of never-in-text controls (in a sample of at least _MIN_SAMPLE characters)
# the data is taken for binary. Uniformly random bytes have about 10%; text has none.
_MAX_CONTROL_SHARE = 0.05
_MIN_SAMPLE = 64
_SAMPLE = 65_536
# Windows-1252 with the five bytes it leaves undefined kept as Latin-1 (the WHATWG decoder),
# as a translation of the Latin-1 decoding: one character per byte, so offsets follow bytes.
_CP1252_FROM_LATIN1 = {
    byte: bytes([byte]).decode("cp1252")
    for byte in range(0x80, 0xA0)
    if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
_ERRORS_AS_CP1252 = "articlekit-cp1252"


def _invalid_bytes_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):  # pragma: no cover - registered for decoding
        raise error
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("latin-1").translate(_CP1252_FROM_LATIN1), error.end


codecs.register_error(_ERRORS_AS_CP1252, _invalid_bytes_as_cp1252)


def looks_binary(text: str) -> str | None:
    """Return why ``text`` looks like binary data rather than text, or ``None`` if it is text.

    Only the first 64 KiB are looked at. Text is binary when at least 64 characters are sampled
    and over 5% of them are control characters that text never holds (NUL and the other C0
    controls except tab, line breaks, form feed, backspace and ESC; DEL). A shorter string is
    never refused: its controls are replaced instead.

    >>> looks_binary("plain text with a \\x1b[1mbold\\x1b[0m terminal word")
    >>> looks_binary("h\\x00e\\x00l\\x00l\\x00o\\x00" * 8)
    '50% NUL and other control characters (UTF-16 read as an 8-bit encoding?)'
    """
    sample = text[:_SAMPLE]
    if len(sample) < _MIN_SAMPLE:
        return None
    controls = len(_BINARY_CONTROL.findall(sample))
    share = controls / len(sample)
    if share <= _MAX_CONTROL_SHARE:
        return None
    hint = ""
    if (
        sample[1::2].count("\x00") > len(sample) // 4
        or sample[0::2].count("\x00") > len(sample) // 4
    ):
        hint = " (UTF-16 read as an 8-bit encoding?)"
    return f"{share:.0%} NUL and other control characters{hint}"


def _refuse(why: str, what_to_do: str) -> NotTextError:
    return NotTextError(f"input looks like binary data ({why}); {what_to_do}", reason=why)


def _utf16_or_32_without_bom(data: bytes) -> tuple[str, str] | None:
    # ASCII and Latin text in UTF-16 leaves a NUL in every other byte; in UTF-32 three NULs in
    # every four. Require the pattern on one side and (almost) no NULs on the other.
    sample = data[:4096]
    size = len(sample)
    if size < 4:
        return None
    candidates: list[str] = []
    if size % 4 == 0 and len(data) % 4 == 0:
        units = size // 4
        if sample[3::4].count(0) == units and sample[2::4].count(0) >= 0.9 * units:
            candidates.append("utf-32-le")
        if sample[0::4].count(0) == units and sample[1::4].count(0) >= 0.9 * units:
            candidates.append("utf-32-be")
    if size % 2 == 0 and len(data) % 2 == 0:
        units = size // 2
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd >= 0.3 * units and even <= 0.02 * units:
            candidates.append("utf-16-le")
        if even >= 0.3 * units and odd <= 0.02 * units:
            candidates.append("utf-16-be")
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def _fallback_note(encoding: str, why: str) -> Note:
    return Note(
        NoteCode.DECODED_WITH_FALLBACK,
        f"input {why}; decoded as {encoding} (pass a str to choose the encoding yourself)",
    )


def _decode_bytes(data: bytes) -> tuple[str, tuple[Note, ...]]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), ()
            except UnicodeDecodeError as error:
                raise NotTextError(
                    f"input starts with a {encoding} byte-order mark but does not decode as "
                    f"{encoding} ({error.reason} at byte {error.start}); check the source",
                    reason=f"invalid {encoding}",
                ) from None
    for magic, what, what_to_do in _MAGIC:
        if data.startswith(magic):
            raise _refuse(what, what_to_do)
    wide = _utf16_or_32_without_bom(data)
    if wide is not None:
        text, encoding = wide
        return text, (_fallback_note(encoding, "has no byte-order mark but a NUL pattern"),)
    nul = data.find(b"\x00", 0, _SAMPLE)
    if nul != -1:
        raise _refuse(
            f"NUL byte at offset {nul}",
            "pass text, or decode it yourself (e.g. UTF-16 without a BOM) and pass a str",
        )
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError as error:
        first_error = error.start
    # Each invalid byte is one character of the "surrogateescape" decoding and none of the
    # "ignore" one; every other non-ASCII byte belongs to a valid UTF-8 sequence.
    invalid = len(data.decode("utf-8", "surrogateescape")) - len(data.decode("utf-8", "ignore"))
    in_utf8 = len(data.translate(None, _ASCII_BYTES)) - invalid
    if in_utf8 >= invalid:
        text = data.decode("utf-8", errors=_ERRORS_AS_CP1252)
        why = f"is not valid UTF-8 (first bad byte at offset {first_error})"
        return text, (_fallback_note("UTF-8 with the invalid bytes as windows-1252", why),)
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1").translate(_CP1252_FROM_LATIN1)
    return text, (_fallback_note("windows-1252", "is not UTF-8"),)


def _too_large(size: int, limit: int, unit: str) -> InputTooLargeError:
    return InputTooLargeError(
        f"input is {size:,} {unit}, over the limit of {limit:,} characters; "
        "raise Options.max_chars or split the document",
        size=size,
        limit=limit,
    )


def _type_hint(data: object) -> str:
    if data is None:
        return " (None: was the text field missing?)"
    if isinstance(data, os.PathLike):
        return " (a path: pass the file's contents, e.g. path.read_bytes())"
    if hasattr(data, "read"):
        return " (a file object: pass its contents, e.g. f.read())"
    return ""


def decode_input(data: object, max_chars: int) -> tuple[str, tuple[Note, ...]]:
    """Return the input as text (same length as the input, for ``str``) plus notes about it.

    Raises ``InputTypeError`` for anything but ``str``/``bytes``, ``InputTooLargeError`` past
    ``max_chars`` (before decoding, for bytes: more than four bytes per character) and
    ``NotTextError`` for binary data.

    >>> decode_input("caf\\xe9".encode("cp1252"), 100)[0]
    'café'
    >>> decode_input(b"\\xef\\xbb\\xbfhello", 100)[0]
    'hello'
    >>> decode_input("bell\\x07 and \\ud800", 100)[0]
    'bell  and \\ufffd'
    """
    if isinstance(data, (bytes, bytearray, memoryview)):
        raw = bytes(data)
        if len(raw) > 4 * max_chars:
            raise _too_large(len(raw), max_chars, "bytes")
        text, notes = _decode_bytes(raw)
    elif isinstance(data, str):
        # A subclass may override slicing or __str__; work on a plain copy.
        text, notes = str.__str__(data), ()
    else:
        raise InputTypeError(
            f"expected the article as str or bytes, got {type(data).__name__}" + _type_hint(data)
        )
    if len(text) > max_chars:
        raise _too_large(len(text), max_chars, "characters")
    # Text without controls is neither binary nor changed by them: the usual case costs one
    # pass in C over the encoded text, and one more for surrogates when it is not ASCII.
    controls = text.encode("utf-8", "surrogatepass").translate(None, _NOT_CONTROL_BYTES)
    if controls:
        why = looks_binary(text)
        if why is not None:
            raise _refuse(why, "pass the article's text")
    if not text.isascii() and _SURROGATE.search(text) is not None:
        text, count = _SURROGATE.subn("\ufffd", text)
        notes += (Note(NoteCode.CONTROL_CHARACTERS, f"{count} lone surrogate(s) replaced"),)
    if controls:
        text = _CONTROL.sub(" ", text)
        notes += (
            Note(
                NoteCode.CONTROL_CHARACTERS,
                f"{len(controls)} control character(s) replaced by spaces",
            ),
        )
    return text, notes
