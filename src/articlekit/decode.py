"""Stage 0: turn the input into text, or refuse it with a typed error that says why.

``str`` input is used as given, except that lone surrogates and C0 control characters (other
than tab and line breaks) are replaced one for one (U+FFFD and a space), so that offsets still
match the input. ``bytes`` are decoded by BOM (UTF-8, UTF-16, UTF-32), then as strict UTF-8, then
with the fallback: Windows-1252 where every byte is defined there, else Latin-1 (which cannot
fail). A fallback decoding is recorded in ``Article.notes``.
"""

from __future__ import annotations

import codecs

import regex

from articlekit.errors import InputTooLargeError, InputTypeError, NotTextError
from articlekit.model import Note, NoteCode

__all__ = ["decode_input"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab, LF, VT, FF, CR; and lone surrogates.
_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SURROGATE = regex.compile(r"[\ud800-\udfff]")
# Share of control characters above which the data is taken for binary.
_MAX_CONTROL_SHARE = 0.10
_SAMPLE = 65_536


def _control_share(sample: str) -> float:
    return len(_CONTROL.findall(sample)) / max(1, len(sample))


def _check_bytes(data: bytes) -> None:
    nul = data.find(b"\x00", 0, _SAMPLE)
    if nul != -1:
        raise NotTextError(
            f"input looks like binary data (NUL byte at offset {nul}); pass text, or decode "
            "UTF-16/UTF-32 without a BOM yourself and pass a str",
            reason=f"NUL byte at offset {nul}",
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
    _check_bytes(data)
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    try:
        text, encoding = data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    note = Note(
        NoteCode.DECODED_WITH_FALLBACK,
        f"input is not valid UTF-8; decoded as {encoding} (pass a str to choose the encoding)",
    )
    return text, (note,)


def decode_input(data: object, max_chars: int) -> tuple[str, tuple[Note, ...]]:
    """Return the input as text plus notes, or raise a typed error.

    >>> decode_input("caf\\xe9".encode("cp1252"), 100)[0]
    'café'
    >>> decode_input(b"\\xef\\xbb\\xbfhello", 100)[0]
    'hello'
    """
    if isinstance(data, (bytes, bytearray, memoryview)):
        raw = bytes(data)
        if len(raw) > 4 * max_chars:
            raise InputTooLargeError(
                f"input is {len(raw):,} bytes, over the limit of {max_chars:,} characters; "
                "raise Options.max_chars or split the document",
                size=len(raw),
                limit=max_chars,
            )
        text, notes = _decode_bytes(raw)
    elif isinstance(data, str):
        text, notes = data, ()
    else:
        raise InputTypeError(
            f"expected the article as str or bytes, got {type(data).__name__}"
            + (" (None: was the text field missing?)" if data is None else "")
        )
    if len(text) > max_chars:
        raise InputTooLargeError(
            f"input is {len(text):,} characters, over the limit of {max_chars:,}; "
            "raise Options.max_chars or split the document",
            size=len(text),
            limit=max_chars,
        )
    sample = text[:_SAMPLE]
    if sample and _control_share(sample) > _MAX_CONTROL_SHARE:
        raise NotTextError(
            f"input looks like binary data ({_control_share(sample):.0%} control characters); "
            "pass the article's text",
            reason="control characters",
        )
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
        notes += (Note(NoteCode.CONTROL_CHARACTERS, "lone surrogates replaced with U+FFFD"),)
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
        notes += (Note(NoteCode.CONTROL_CHARACTERS, "control characters replaced with spaces"),)
    return text, notes
