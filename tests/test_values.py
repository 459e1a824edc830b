"""Parsing counts typed by people."""

from __future__ import annotations

import pytest

from proforient_desktop.domain.values import check_count, parse_count
from proforient_desktop.errors import InvalidInputError


@pytest.mark.parametrize(("text", "expected"), [
    ("0", 0), (" 42 ", 42), ("1 234", 1234), ("1\u00a0234", 1234), ("1\u202f234", 1234), ("", None), ("  ", None),
])
def test_parse_accepts(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["12,5", "12.5", "-3", "+3", "двенадцать", "1e3", "0x10"])
def test_parse_rejects_with_value(text):
    with pytest.raises(InvalidInputError) as error:
        parse_count(text, where="Чоко")
    assert error.value.message.startswith("Чоко: ожидается целое число ≥ 0")
    assert f"«{text}»" in error.value.message


def test_parse_rejects_implausibly_large():
    with pytest.raises(InvalidInputError, match="лишней цифры"):
        parse_count("100000000")


@pytest.mark.parametrize("value", [-1, 1.5, "3", True, None])
def test_check_count_rejects(value):
    with pytest.raises(InvalidInputError):
        check_count(value, where="Чоко")
