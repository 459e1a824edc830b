"""Helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from proforient_desktop.errors import DatabaseBusyError, InvalidInputError
from proforient_desktop.services.audit import operator_from_environment
from proforient_desktop.services.context import AppContext, open_context
from proforient_desktop.folder_lock import try_lock
from proforient_desktop.storage.database import check_database_file, resolve_data_dir

log = logging.getLogger(__name__)


def context_from(args: argparse.Namespace) -> AppContext:
    """Open the data folder's database for a command, after checking its SQLite file.

    A damaged file is reported before the command reads a damaged page, and
    only a command that sets up an installation (``creates``) makes a database
    in a folder without one.
    """
    # The audit log names PROFORIENT_OPERATOR when it is set, otherwise the database user.
    operator = operator_from_environment()
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    database_url = getattr(args, "database_url", None)
    if not getattr(args, "data_file_checked", False):
        # A command that only reads meets a damaged page as an error, which main() reports in Russian;
        # one that writes must not write next to it, so it reads every page first.
        check_database_file(data_dir, database_url, must_exist=not creates_installation(args),
                            read_every_page=is_writing(args))
    return open_context(data_dir, database_url=database_url, operator=operator)


def is_writing(args: argparse.Namespace) -> bool:
    """Return whether the subcommand changes data: its ``writes`` default, a bool or a function of its arguments."""
    writes = getattr(args, "writes", False)
    if callable(writes):
        writes = writes(args)
    return bool(writes)


def creates_installation(args: argparse.Namespace) -> bool:
    """Return whether the subcommand may set up an installation in a folder without one (init, restore)."""
    return bool(getattr(args, "creates", False))


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


def unless_dry_run(args: argparse.Namespace) -> bool:
    """``writes`` value of a subcommand whose --dry-run only reads."""
    return not args.dry_run


@contextmanager
def writing_lock(data_dir: Path, command: str) -> Iterator[None]:
    """Hold the data folder's shared lock while a command writes; reject the command while a window has the folder.

    Commands share the lock, so several of them still run side by side.
    """
    try:
        lock = try_lock(data_dir, exclusive=False)
    except OSError as error:
        # Opening the database reports a folder that cannot be created, with the fix.
        log.warning("Data folder %s cannot be locked: %s", data_dir, error)
        lock = None
    else:
        if lock is None:
            raise DatabaseBusyError(
                f"Папка данных «{data_dir}» открыта в окне программы, поэтому команда «{command}», которая меняет "
                "данные, не выполнена. Закройте окно программы и повторите команду."
            )
    try:
        yield
    finally:
        if lock is not None:
            lock.unlock()
