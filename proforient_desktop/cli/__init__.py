"""The ``proforient`` command. With no arguments it opens the window."""

from __future__ import annotations

import argparse
import logging
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

    parser = argparse.ArgumentParser(
        prog="proforient",
        description="ProfOrient Desktop: мониторинг профориентационной работы. Без аргументов открывает окно программы.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"ProfOrient Desktop {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="КОМАНДА", title="команды")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        return _open_window(getattr(args, "data_dir", None))

    from proforient_desktop.logging_setup import configure_logging
    from proforient_desktop.storage.database import resolve_data_dir

    configure_logging(resolve_data_dir(getattr(args, "data_dir", None)))
    try:
        return args.handler(args)
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


def _open_window(data_dir: str | None) -> int:
    try:
        from proforient_desktop.ui.app import run
    except ImportError as error:
        print(f"ошибка: окно программы недоступно: {error}", file=sys.stderr)
        return EXIT_FAILURE
    return run(data_dir)
