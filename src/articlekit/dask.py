"""Parse a corpus on a dask cluster: whole partitions at a time, written by the workers.

Needs the optional extra: ``pip install 'articlekit[dask]'``. Dask is imported only when a
function here is called, so ``import articlekit.dask`` works without it.

- ``parse_bag(bag)``: a ``dask.bag.Bag`` of records (dicts) in, a ``Bag`` of output records out,
  exactly as ``articlekit.parse_record`` makes them.
- ``parse_dataframe(ddf)``: a ``dask.dataframe.DataFrame`` in, the same frame with the columns of
  ``DATAFRAME_COLUMNS`` added.

Both map whole partitions (``map_partitions``), so each worker parses its partitions and, with
``to_textfiles``/``to_parquet``, writes them itself: nothing goes through the client one record
at a time. See ``docs/corpus.md`` for a full recipe.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from articlekit.corpus import parse_record
from articlekit.model import Article
from articlekit.options import Options
from articlekit.pipeline import parse

__all__ = ["DATAFRAME_COLUMNS", "parse_bag", "parse_dataframe"]

#: The columns ``parse_dataframe`` adds (after ``prefix``), with their pandas dtypes. The text
#: columns are null and ``error_type``/``error`` are set when a row cannot be parsed.
DATAFRAME_COLUMNS: dict[str, str] = {
    "title": "string",
    "summary": "string",
    "text": "string",
    "words": "Int64",
    "reading_minutes": "Float64",
    "repairs": "Int64",
    "removed": "Int64",
    "json": "string",
    "error_type": "string",
    "error": "string",
}

_INSTALL_HINT = "articlekit.dask needs dask, distributed and pandas: pip install 'articlekit[dask]'"


def _require_dask() -> None:
    try:
        import dask  # noqa: F401
        import pandas  # noqa: F401
    except ImportError as error:
        raise ImportError(f"{_INSTALL_HINT} ({error})") from error


def _parse_partition(
    records: Iterable[Any],
    *,
    text_field: str,
    id_field: str,
    fields: tuple[str, ...] | None,
    options: Options,
) -> list[dict[str, Any]]:
    return [
        parse_record(
            record, text_field=text_field, id_field=id_field, options=options, fields=fields
        )
        for record in records
    ]


def parse_bag(
    bag: Any,
    *,
    text_field: str = "text",
    id_field: str = "id",
    fields: Iterable[str] | None = None,
    **options: Any,
) -> Any:
    """Return a ``Bag`` of output records, one per record of ``bag``, made by ``parse_record``.

    Keyword ``options`` are fields of ``articlekit.Options`` (``wpm=200``…). Records that
    cannot be parsed give error records, as with ``parse_record``; nothing raises.

    >>> import dask.bag as db
    >>> bag = db.from_sequence([{"id": 1, "text": "A Title\\n\\nText.\\n"}], npartitions=1)
    >>> parse_bag(bag, fields=["title"]).compute(scheduler="sync")[0]["title"]
    'A Title'
    """
    _require_dask()
    opts = Options.build(None, **options)
    chosen = None if fields is None else tuple(fields)
    if chosen is not None:
        parse_record({}, fields=chosen)  # fail fast, on the client, for unknown field names
    return bag.map_partitions(
        _parse_partition, text_field=text_field, id_field=id_field, fields=chosen, options=opts
    )


def _article_row(article: Article) -> tuple[Any, ...]:
    return (
        article.title,
        article.summary,
        article.text,
        article.reading_time.words,
        article.reading_time.minutes,
        len(article.repairs),
        len(article.removed),
        article.to_json(),
        None,
        None,
    )


def _parse_frame(frame: Any, *, text_column: str, prefix: str, options: Options) -> Any:
    import pandas as pd

    rows: list[tuple[Any, ...]] = []
    for text in frame[text_column]:
        try:
            if not isinstance(text, (str, bytes)):
                raise TypeError(f"the {text_column!r} column must hold text, got {text!r}")
            rows.append(_article_row(parse(text, options=options)))
        except Exception as error:  # a bad row gets an error, never stops the partition
            rows.append((None,) * 8 + (type(error).__name__, str(error)))
    out = frame.copy()
    for position, (name, dtype) in enumerate(DATAFRAME_COLUMNS.items()):
        values = [row[position] for row in rows]
        out[prefix + name] = pd.Series(values, index=frame.index, dtype=dtype)
    return out


def parse_dataframe(
    ddf: Any, *, text_column: str = "text", prefix: str = "article_", **options: Any
) -> Any:
    """Return ``ddf`` with the columns of ``DATAFRAME_COLUMNS`` added, named ``prefix + name``.

    ``article_json`` holds ``Article.to_json()``; a row whose text cannot be parsed (or is not
    text) has nulls there and its ``article_error_type``/``article_error`` set. Keyword
    ``options`` are fields of ``articlekit.Options``. The ``meta`` of the result is exact, so
    dask never calls the parser to guess it.

    >>> import pandas as pd, dask.dataframe as dd
    >>> ddf = dd.from_pandas(pd.DataFrame({"text": ["A Title\\n\\nText.\\n", ""]}), npartitions=1)
    >>> out = parse_dataframe(ddf).compute(scheduler="sync")
    >>> out["article_title"].tolist(), out["article_error_type"].tolist()
    (['A Title', <NA>], [<NA>, 'EmptyArticleError'])
    """
    _require_dask()
    import pandas as pd

    opts = Options.build(None, **options)
    empty = pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in ddf.dtypes.items()})
    meta = _parse_frame(empty, text_column=text_column, prefix=prefix, options=opts)
    return ddf.map_partitions(
        _parse_frame, text_column=text_column, prefix=prefix, options=opts, meta=meta
    )
