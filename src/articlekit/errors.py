"""The errors articlekit raises, all derived from one base class.

::

    ArticleKitError                     catch this to catch everything articlekit raises
    ├── InputError (ValueError)         the input cannot be parsed as an article
    │   ├── EmptyArticleError           nothing readable remains after cleaning
    │   ├── NotTextError                bytes that are binary data, not text
    │   ├── InputTooLargeError          longer than ``Options.max_chars``
    │   └── RecordError                 a corpus record that is not a usable JSON object
    ├── InputTypeError (TypeError)      ``parse`` was given neither ``str`` nor ``bytes``
    └── OptionsError (ValueError)       an option has an impossible value

Soft problems (a guessed title, no headings found) are not errors: they go into
``Article.notes``.
"""

from __future__ import annotations

__all__ = [
    "ArticleKitError",
    "EmptyArticleError",
    "InputError",
    "InputTooLargeError",
    "InputTypeError",
    "NotTextError",
    "OptionsError",
    "RecordError",
]


class ArticleKitError(Exception):
    """Base class of every error articlekit raises on purpose."""


class InputError(ArticleKitError, ValueError):
    """Raised when the input cannot be parsed as an article."""


class EmptyArticleError(InputError):
    """Raised when nothing readable remains: empty input, only whitespace, or only boilerplate."""


class NotTextError(InputError):
    """Raised for bytes that look like binary data (NUL bytes, many control characters).

    Attributes:
        reason: what gave the data away, e.g. ``"NUL byte at offset 17"``.
    """

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class InputTooLargeError(InputError):
    """Raised before any work when the input is longer than ``Options.max_chars``.

    Attributes:
        size: the input's length in characters (or bytes, for bytes input).
        limit: the limit in force.
    """

    def __init__(self, message: str, *, size: int, limit: int) -> None:
        super().__init__(message)
        self.size = size
        self.limit = limit


class RecordError(InputError):
    """Raised for a corpus record that is not usable: invalid JSON, no text field, not text.

    Attributes:
        record_id: the record's id when it could be read, else ``None``.
    """

    def __init__(self, message: str, *, record_id: str | None = None) -> None:
        super().__init__(message)
        self.record_id = record_id


class InputTypeError(ArticleKitError, TypeError):
    """Raised when ``parse`` or ``clean`` gets something that is neither ``str`` nor ``bytes``."""


class OptionsError(ArticleKitError, ValueError):
    """Raised when an option has an impossible value (a negative wpm, an unknown repair name)."""
