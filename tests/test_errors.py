"""The error tree: one base class, each error raised where documented, with context to act on."""

from __future__ import annotations

import re

import pytest

import articlekit
from articlekit import errors
from articlekit.errors import (
    ArticleKitError,
    EmptyArticleError,
    InputError,
    InputTooLargeError,
    InputTypeError,
    NotTextError,
    OptionsError,
)


def _drawn_tree() -> dict[str, str]:
    # "    │   ├── EmptyArticleError   ..." -> {"EmptyArticleError": "InputError"}
    parents: dict[str, str] = {}
    stack: list[tuple[int, str]] = []
    for line in (errors.__doc__ or "").splitlines():
        match = re.match(r"^[\s│]*(?:[├└]── )?([A-Z]\w+Error)\b", line)
        if not match:
            continue
        depth, name = match.start(1), match.group(1)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if stack:
            parents[name] = stack[-1][1]
        stack.append((depth, name))
    return parents


def test_the_docstring_draws_the_real_tree() -> None:
    drawn = _drawn_tree()
    assert set(drawn) == set(errors.__all__) - {"ArticleKitError"}
    for name, parent in drawn.items():
        cls = getattr(errors, name)
        assert getattr(errors, parent) in cls.__bases__, f"{name} is drawn under {parent}"


@pytest.mark.parametrize("name", errors.__all__)
def test_every_error_is_an_articlekit_error_and_exported(name: str) -> None:
    cls = getattr(errors, name)
    assert issubclass(cls, ArticleKitError)
    assert getattr(articlekit, name) is cls
    assert cls.__doc__ and cls.__doc__.startswith("Raised") or cls is ArticleKitError


def test_builtin_bases_let_callers_catch_them_as_usual() -> None:
    assert issubclass(InputError, ValueError)
    assert issubclass(OptionsError, ValueError)
    assert issubclass(InputTypeError, TypeError)


def test_empty_input_raises_empty_article_error() -> None:
    for text in ("", "   \n\n\t ", "\u2028\u2029", b"", b"\n\n"):
        with pytest.raises(EmptyArticleError, match="nothing readable"):
            articlekit.parse(text)


def test_none_raises_input_type_error_with_a_hint() -> None:
    with pytest.raises(InputTypeError, match="text field missing"):
        articlekit.parse(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        articlekit.clean(3.5)  # type: ignore[call-overload]


def test_binary_bytes_raise_not_text_error_with_reason() -> None:
    with pytest.raises(NotTextError) as caught:
        articlekit.parse(b"GIF89a\x01\x00\x01\x00")
    assert caught.value.reason == "a GIF image"


def test_size_limit_is_checked_before_any_work() -> None:
    with pytest.raises(InputTooLargeError) as caught:
        articlekit.parse("word " * 30, max_chars=100)
    assert caught.value.size == 150
    assert caught.value.limit == 100
    assert "max_chars" in str(caught.value)


def test_default_size_limit_is_five_million_characters() -> None:
    assert articlekit.Options().max_chars == 5_000_000
    with pytest.raises(InputTooLargeError):
        articlekit.parse("x" * 5_000_001)


@pytest.mark.parametrize(
    "changes",
    [{"wpm": 0}, {"max_chars": -1}, {"seconds_per_image": -2.0}, {"no_such_option": True}],
)
def test_impossible_options_raise_options_error(changes: dict[str, object]) -> None:
    with pytest.raises(OptionsError):
        articlekit.parse("Title\n\nBody.\n", **changes)


def test_record_error_keeps_the_record_id() -> None:
    error = errors.RecordError("no text field", record_id="doc-7")
    assert error.record_id == "doc-7"
    assert isinstance(error, InputError)
