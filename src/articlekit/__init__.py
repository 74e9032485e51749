"""articlekit: scraped article text in, a clean, typed, structured ``Article`` out.

>>> import articlekit
>>> article = articlekit.parse("My Title\\n\\nFirst paragraph.\\n")
>>> article.title
'My Title'
"""

from __future__ import annotations

from articlekit.accounting import Accounting, account
from articlekit.corpus import ParseFailure, parse_many, parse_record
from articlekit.errors import (
    ArticleKitError,
    EmptyArticleError,
    InputError,
    InputTooLargeError,
    InputTypeError,
    NotTextError,
    OptionsError,
    RecordError,
)
from articlekit.model import (
    SCHEMA_VERSION,
    Article,
    Block,
    BlockKind,
    Explanation,
    Metadata,
    Note,
    NoteCode,
    ReadingTime,
    RemovalReason,
    Removed,
    Repair,
    RepairKind,
    Section,
    TocEntry,
)
from articlekit.options import Options
from articlekit.pipeline import clean, parse
from articlekit.repair import REPAIRS, apply_repairs

__version__ = "0.1.0"

__all__ = [
    "REPAIRS",
    "SCHEMA_VERSION",
    "Accounting",
    "Article",
    "ArticleKitError",
    "Block",
    "BlockKind",
    "EmptyArticleError",
    "Explanation",
    "InputError",
    "InputTooLargeError",
    "InputTypeError",
    "Metadata",
    "NotTextError",
    "Note",
    "NoteCode",
    "Options",
    "OptionsError",
    "ParseFailure",
    "ReadingTime",
    "RecordError",
    "RemovalReason",
    "Removed",
    "Repair",
    "RepairKind",
    "Section",
    "TocEntry",
    "__version__",
    "account",
    "apply_repairs",
    "clean",
    "parse",
    "parse_many",
    "parse_record",
]
