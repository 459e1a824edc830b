"""Helpers shared by the subcommands."""

from __future__ import annotations

import argparse

from proforient_desktop.errors import InvalidInputError
from proforient_desktop.services.audit import operator_from_environment
from proforient_desktop.services.context import AppContext, open_context


def context_from(args: argparse.Namespace) -> AppContext:
    # The audit log names PROFORIENT_OPERATOR when it is set, otherwise the database user.
    return open_context(getattr(args, "data_dir", None), database_url=getattr(args, "database_url", None),
                        operator=operator_from_environment())


def year_argument(text: str) -> int:
    """argparse type for a reporting year: four digits."""
    if not text.strip().isdigit() or len(text.strip()) != 4:
        raise argparse.ArgumentTypeError(f"год должен быть числом из четырёх цифр, получено «{text}»")
    return int(text)


def add_format(parser: argparse.ArgumentParser, choices: tuple[str, ...]) -> None:
    parser.add_argument("--format", choices=choices, default=choices[0],
                        help="формат вывода: " + ", ".join(choices) + f" (по умолчанию {choices[0]})")


def require(condition: bool, message: str) -> None:
    if not condition:
        raise InvalidInputError(message)
