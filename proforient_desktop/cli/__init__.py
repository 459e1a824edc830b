"""The ``proforient`` command. With no arguments it opens the window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import Sequence

from proforient_desktop import __version__
from proforient_desktop.cli import argparse_ru
from proforient_desktop.errors import InvalidInputError, UserError

log = logging.getLogger(__name__)

# Modules that add subcommands; each has ``register(subparsers, common)``.
COMMAND_MODULES = (
    "proforient_desktop.cli.catalog_cmd",
    "proforient_desktop.cli.setup_cmd",
    "proforient_desktop.cli.counts_cmd",
    "proforient_desktop.cli.indicators_cmd",
    "proforient_desktop.cli.consolidate_cmd",
    "proforient_desktop.cli.completeness_cmd",
    "proforient_desktop.cli.targets_cmd",
    "proforient_desktop.cli.directory_cmd",
    "proforient_desktop.cli.package_cmd",
    "proforient_desktop.cli.keys_cmd",
    "proforient_desktop.cli.submissions_cmd",
    "proforient_desktop.cli.report_cmd",
    "proforient_desktop.cli.template_cmd",
    "proforient_desktop.cli.demo_cmd",
)

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_INVALID_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    import importlib

    argparse_ru.install()
    # Options accepted both before and after the subcommand's name.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", default=argparse.SUPPRESS, metavar="ПАПКА",
        help="папка данных программы (по умолчанию — папка пользователя или переменная PROFORIENT_DATA_DIR)",
    )
    common.add_argument(
        "--database-url", default=argparse.SUPPRESS, metavar="АДРЕС",
        help="адрес базы данных на сервере PostgreSQL, например postgresql://оператор@сервер:5432/proforient "
             "(по умолчанию — переменная PROFORIENT_DATABASE_URL, сервер, выбранный при настройке, или файл "
             "SQLite в папке данных); пароль берётся из файла .pgpass или переменной PGPASSWORD",
    )

    parser = argparse_ru.ArgumentParser(
        prog="proforient",
        description="ProfOrient Desktop: мониторинг профориентационной работы. Без аргументов открывает окно программы.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"ProfOrient Desktop {__version__}",
                        help="показать версию программы и выйти")
    parser.add_argument(
        "--self-check", action="store_true",
        help="проверить установку программы (каталог, база данных, перевод, шрифт отчётов, "
             "защита от вредоносных XML, подпись пакетов) и завершить работу; код выхода 0 — всё в порядке",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="КОМАНДА", title="команды")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--version"]:
        print(f"ProfOrient Desktop {__version__}")
        return EXIT_OK
    argv, package_file = _split_package_file(argv)
    window_options = _window_only_options(argv)
    if window_options is not None:
        # Opening the window needs none of the subcommands, whose imports
        # (reports, spreadsheets, exchange) would slow the start.
        _pass_database_url_to_window(window_options)
        return _open_window(getattr(window_options, "data_dir", None), package_file)

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_check:
        return _self_check(getattr(args, "data_dir", None))
    _pass_database_url_to_window(args)
    if not getattr(args, "command", None):
        return _open_window(getattr(args, "data_dir", None), package_file)

    _configure_command_logging(args)
    try:
        return _run_command(args)
    except BrokenPipeError:
        # The reader of our output (e.g. «| head») has gone; that is not an error.
        sys.stderr.close()
        return EXIT_OK
    except InvalidInputError as error:
        log.info("Command %s rejected: %s", args.command, error.message)
        print(f"ошибка: {error.message}", file=sys.stderr)
        return EXIT_INVALID_INPUT
    except UserError as error:
        log.warning("Command %s failed: %s", args.command, error.message)
        print(f"ошибка: {error.message}", file=sys.stderr)
        return EXIT_FAILURE
    except Exception as error:
        # The quick check at opening finds a damaged page in the file; this
        # catches damage it missed, or that appeared while the command ran.
        message = _damaged_file_message(args, error)
        if message is None:
            raise
        log.error("Command %s failed on a damaged data file", args.command, exc_info=True)
        print(f"ошибка: {message}", file=sys.stderr)
        return EXIT_FAILURE


def _damaged_file_message(args: argparse.Namespace, error: Exception) -> str | None:
    """Return the damaged-file message when ``error`` is SQLite's report of a damaged file, else None."""
    import sqlite3

    import sqlalchemy.exc

    original = error.orig if isinstance(error, sqlalchemy.exc.DBAPIError) else error
    if not isinstance(original, sqlite3.DatabaseError):
        return None
    text = str(original).lower()
    if "malformed" not in text and "not a database" not in text:
        return None

    from proforient_desktop.storage.database import DATABASE_FILE, damaged_database_message, resolve_data_dir

    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    return damaged_database_message(data_dir / DATABASE_FILE, data_dir)


def _configure_command_logging(args: argparse.Namespace) -> None:
    """Log to the data folder's file; only a command that sets up an installation creates the folder for it."""
    from proforient_desktop.cli.common import creates_installation
    from proforient_desktop.logging_setup import configure_logging
    from proforient_desktop.storage.database import resolve_data_dir

    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    if (data_dir.is_dir() or creates_installation(args)) and configure_logging(data_dir) is not None:
        return
    # Without any handler the logging module prints warnings to stderr in
    # English; the user sees the Russian message instead.
    logging.getLogger().addHandler(logging.NullHandler())


def _run_command(args: argparse.Namespace) -> int:
    # A subcommand that writes sets ``writes`` (True, or a function of its
    # arguments) and runs only while no window has the data folder open.
    from proforient_desktop.cli.common import creates_installation, is_writing, writing_lock

    if not is_writing(args):
        return args.handler(args)

    from proforient_desktop.storage.database import check_database_file, resolve_data_dir

    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    if not creates_installation(args):
        # Checked before the lock, whose file would otherwise create a mistyped folder.
        check_database_file(data_dir, getattr(args, "database_url", None), must_exist=True)
        args.data_file_checked = True
    with writing_lock(data_dir, _command_name(args)):
        return args.handler(args)


def _command_name(args: argparse.Namespace) -> str:
    names = [args.command] + [value for key, value in vars(args).items() if key.endswith("_command") and value]
    return " ".join(names)


def _window_only_options(argv: list[str]) -> argparse.Namespace | None:
    """Return the options if ``argv`` holds only --data-dir and --database-url, else None.

    Parsed by hand: argparse would import ``locale`` and look for message catalogues before the
    window's first paint. Anything else, including abbreviations and a value that starts with a
    dash, goes to the full parser, which accepts it or reports the mistake in Russian.
    """
    options = {"data_dir": None, "database_url": None}
    position = 0
    while position < len(argv):
        name, equals, value = argv[position].partition("=")
        key = _WINDOW_OPTIONS.get(name)
        if key is None:
            return None
        if not equals:
            position += 1
            if position == len(argv) or argv[position].startswith("-"):
                return None
            value = argv[position]
        options[key] = value
        position += 1
    return argparse.Namespace(**options)


_WINDOW_OPTIONS = {"--data-dir": "data_dir", "--database-url": "database_url"}


def _open_window(data_dir: str | None, package_file=None) -> int:
    # The start-up wrapper reports a failed start in a message box and a log
    # file in the data folder instead of a traceback in a console the user does not have.
    from proforient_desktop.startup import run_window

    return run_window(data_dir, package_file)


def _split_package_file(argv: list[str]):
    # ``proforient FILE.proforient`` is how a double-clicked package arrives.
    # The suffix comes from ``locations``: importing the exchange code
    # here would delay the window's first paint.
    from proforient_desktop.locations import PACKAGE_SUFFIX
    from proforient_desktop.startup import split_package_file

    return split_package_file(argv, PACKAGE_SUFFIX)


def _self_check(data_dir: str | None) -> int:
    from proforient_desktop.logging_setup import configure_logging
    from proforient_desktop.selfcheck import run_self_check
    from proforient_desktop.storage.database import resolve_data_dir

    folder = resolve_data_dir(data_dir)
    configure_logging(folder)
    return run_self_check(folder)


def _pass_database_url_to_window(args: argparse.Namespace) -> None:
    # The window and the self-check open the database through open_context,
    # which reads this variable; subcommands get the URL from their arguments.
    # The variable stays in this process and its children.
    if getattr(args, "database_url", None) and not getattr(args, "command", None):
        from proforient_desktop.locations import DATABASE_URL_ENV

        os.environ[DATABASE_URL_ENV] = args.database_url
