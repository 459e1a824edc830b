"""Parsing of count values typed by people or read from files."""

from __future__ import annotations

import re

from proforient_desktop.errors import InvalidInputError

# Spaces people and spreadsheet programs put between thousands: ordinary,
# no-break (U+00A0), narrow no-break (U+202F) and thin (U+2009).
_THOUSANDS_SEPARATORS = re.compile(r"[ \u00a0\u202f\u2009]")
_WHOLE_NUMBER = re.compile(r"^[0-9]+$")

# Counts above this are not plausible for one organisation and usually mean a
# typo (an extra digit, a pasted phone number).
MAX_COUNT = 10_000_000


def parse_count(text: str, *, where: str = "") -> int | None:
    """Parse a count: a whole number ≥ 0, or ``None`` for an empty value.

    Thousands separated by spaces are accepted; a fraction, a sign or any
    other text raises ``InvalidInputError`` whose message names ``where``.
    """
    cleaned = _THOUSANDS_SEPARATORS.sub("", text.strip())
    if cleaned == "":
        return None
    if not _WHOLE_NUMBER.match(cleaned):
        prefix = f"{where}: " if where else ""
        raise InvalidInputError(f"{prefix}ожидается целое число ≥ 0, получено «{text.strip()}».")
    value = int(cleaned)
    if value > MAX_COUNT:
        prefix = f"{where}: " if where else ""
        raise InvalidInputError(
            f"{prefix}значение «{text.strip()}» больше {MAX_COUNT:,}".replace(",", " ")
            + "; проверьте, нет ли лишней цифры."
        )
    return value


def check_count(value: object, *, where: str = "") -> int:
    """Check a count read from structured data (JSON, a database): an int ≥ 0."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        prefix = f"{where}: " if where else ""
        raise InvalidInputError(f"{prefix}ожидается целое число от 0 до {MAX_COUNT}, получено «{value!r}».")
    return value
