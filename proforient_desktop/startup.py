"""Starting the program with a safety net, so that a failed start never just vanishes.

A start-up failure (an exception before or while the window opens, or a fatal
Qt message such as a missing platform plugin) is written to
``startup-error.log`` in the data folder, with what the user can do in
Russian and the traceback for the maintainers. The window start shows that
file's path in a message box; a command prints it to stderr.

Only the standard library is imported at module level, so that the frozen
application can report a broken bundle whose imports fail. The window start
finds its data folder and package file through ``locations``, without
SQLAlchemy or the exchange code, so the window paints before the data layer
is imported; what only a failure needs (and the log file, which the window
sets up after its first paint) is imported when it happens.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Callable, Sequence

from proforient_desktop.locations import APP_NAME, APP_TITLE, PACKAGE_SUFFIX, resolve_data_dir

log = logging.getLogger(__name__)

FAILURE_REPORT_FILE = "startup-error.log"
EXIT_FAILURE = 1
EXIT_INTERRUPTED = 130


def main_guarded(argv: Sequence[str] | None = None) -> int:
    """Run the ``proforient`` command; a crash writes a failure report instead of a bare traceback."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        from proforient_desktop.cli import main

        return main(arguments)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as error:
        window = _is_window_start(arguments)
        report = write_failure_report(error, data_dir_from_arguments(arguments))
        message = failure_message(error, report, window=window)
        _print_to_stderr(message)
        if window:
            show_failure_dialog(message)
        return EXIT_FAILURE


def run_window(data_dir: str | os.PathLike | None, package_file: Path | None = None) -> int:
    """Open the window on ``data_dir``; on a start-up failure show where the report was written.

    ``package_file`` is a package the user double-clicked; the window opens
    it in the import preview.
    """
    folder = _resolve_data_dir(data_dir)
    restore_handler = install_qt_message_handler(folder)

    try:
        from proforient_desktop.ui.app import run

        return run(data_dir, package_file=package_file)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as error:
        _configure_logging(folder)
        report = write_failure_report(error, folder)
        message = failure_message(error, report)
        _print_to_stderr(message)
        show_failure_dialog(message)
        return EXIT_FAILURE
    finally:
        restore_handler()


def split_package_file(arguments: Sequence[str], suffix: str) -> tuple[list[str], Path | None]:
    """Split ``[--data-dir DIR] FILE`` into the other arguments and the package file.

    This is how the desktop starts the program for a double-clicked package.
    Anything else, or a file that does not exist or lacks ``suffix``, leaves
    the arguments to argparse.
    """
    arguments = list(arguments)
    if not arguments or arguments[-1].startswith("-"):
        return arguments, None
    candidate = Path(arguments[-1])
    others = _without_data_dir(arguments[:-1])
    if others or not candidate.name.lower().endswith(suffix) or not candidate.is_file():
        return arguments, None
    return arguments[:-1], candidate.resolve()


def is_window_start(arguments: Sequence[str], suffix: str) -> bool:
    """Return whether ``arguments`` open the window: none but ``--data-dir`` and a package file."""
    rest, _package = split_package_file(arguments, suffix)
    return not _without_data_dir(rest)


def _without_data_dir(arguments: Sequence[str]) -> list[str]:
    rest = []
    skip_next = False
    for argument in arguments:
        if skip_next:
            skip_next = False
        elif argument == "--data-dir":
            skip_next = True
        elif not argument.startswith("--data-dir="):
            rest.append(argument)
    return rest


def data_dir_from_arguments(arguments: Sequence[str]) -> Path:
    """Return the data folder the command line names, or the default one, without argparse."""
    explicit = None
    for index, argument in enumerate(arguments):
        if argument == "--data-dir" and index + 1 < len(arguments):
            explicit = arguments[index + 1]
        elif argument.startswith("--data-dir="):
            explicit = argument.split("=", 1)[1]
    return _resolve_data_dir(explicit)


def write_failure_report(error: BaseException, data_dir: Path) -> Path:
    """Write the failure report into ``data_dir``, or the temporary folder if that fails; return its path."""
    import tempfile

    log.error("Start-up failed: %s", error, exc_info=error)
    text = failure_report_text(error, data_dir)
    for folder in (data_dir, Path(tempfile.gettempdir()) / "ProfOrient"):
        path = folder / FAILURE_REPORT_FILE
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError as write_error:
            log.warning("Failed to write the failure report to %s: %s", path, write_error)
            continue
        return path
    raise OSError("no writable folder for the failure report")


def failure_report_text(error: BaseException, data_dir: Path) -> str:
    import datetime as dt
    import platform
    import traceback

    from proforient_desktop import __version__

    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return (
        f"Отчёт об ошибке {APP_TITLE}.\n"
        f"Ошибка: {_user_text(error)}\n\n"
        "Что делать: если сообщение выше не подсказывает решения, отправьте этот файл "
        "в службу поддержки вашего муниципального или регионального оператора.\n\n"
        f"Время: {dt.datetime.now().isoformat(timespec='seconds')}\n"
        f"Версия программы: {__version__}\n"
        f"Система: {platform.platform()}, Python {platform.python_version()}\n"
        f"Собранная программа: {'да' if getattr(sys, 'frozen', False) else 'нет'}\n"
        f"Программа: {sys.executable}\n"
        f"Папка данных: {data_dir}\n"
        f"Аргументы: {sys.argv[1:]}\n\n"
        "Technical details for the maintainers:\n"
        f"{details}"
    )


def failure_message(error: BaseException, report: Path, *, window: bool = True) -> str:
    """Return the Russian text of the message box: what failed and where the report is."""
    headline = "Программа не смогла запуститься" if window else "Команда прервана из-за ошибки"
    return (
        f"{headline}: {_user_text(error)}\n\n"
        f"Подробности записаны в файл:\n{report}\n\n"
        "Если не удаётся устранить причину, отправьте этот файл в службу поддержки."
    )


def _user_text(error: BaseException) -> str:
    from proforient_desktop.errors import UserError

    if isinstance(error, UserError):
        return error.message
    return f"внутренняя ошибка программы ({type(error).__name__}: {error})"


def show_failure_dialog(message: str) -> None:
    """Show ``message`` in a modal error box; Windows' own box when Qt has no application yet."""
    try:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication, QMessageBox
    except ImportError:
        _show_native_message_box(message)
        return

    app = QApplication.instance()
    if app is None and sys.platform == "win32":
        # Creating the application may itself be what failed; Windows' own
        # box needs no Qt at all.
        _show_native_message_box(message)
        return
    if app is None:
        app = QApplication(sys.argv[:1])
    box = QMessageBox(QMessageBox.Icon.Critical, APP_TITLE, message)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def _show_native_message_box(message: str) -> None:
    if sys.platform != "win32":
        return
    import ctypes

    message_box_error_icon = 0x10
    ctypes.windll.user32.MessageBoxW(None, message, APP_TITLE, message_box_error_icon)


def install_qt_message_handler(data_dir: Path) -> Callable[[], None]:
    """Send Qt's own messages to the log; a fatal one also writes the failure report.

    Qt aborts the process right after a fatal message (for example when no
    platform plugin loads), so the report and Windows' own message box are
    the last things the program can do. Returns a function that puts the
    previous handler back.
    """
    try:
        from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    except ImportError:
        return lambda: None
    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handle(message_type, _context, message: str) -> None:
        qt_log.log(levels.get(message_type, logging.WARNING), "%s", message)
        if message_type != QtMsgType.QtFatalMsg:
            return
        report = write_failure_report(RuntimeError(f"Qt: {message}"), data_dir)
        text = failure_message(RuntimeError(message), report)
        _print_to_stderr(text)
        _show_native_message_box(text)

    previous = qInstallMessageHandler(handle)
    return lambda: qInstallMessageHandler(previous)


def _is_window_start(arguments: Sequence[str]) -> bool:
    return is_window_start(arguments, PACKAGE_SUFFIX)


def _resolve_data_dir(explicit: str | os.PathLike | None) -> Path:
    try:
        return resolve_data_dir(explicit)
    except Exception:
        import tempfile

        # The bundle itself may be broken; the report still needs a folder.
        return Path(explicit) if explicit else Path(tempfile.gettempdir()) / APP_NAME


def _configure_logging(data_dir: Path) -> None:
    from proforient_desktop.logging_setup import configure_logging

    configure_logging(data_dir)


def _print_to_stderr(text: str) -> None:
    # A windowed Windows build has no stderr at all.
    if sys.stderr is None:
        return
    try:
        print(f"ошибка: {text}", file=sys.stderr)
    except (OSError, UnicodeEncodeError):
        pass
