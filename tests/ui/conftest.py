"""Fixtures of the window tests: Russian translations, recorded messages, open windows."""

from __future__ import annotations

import pytest

from proforient_desktop.services.context import open_context
from proforient_desktop.ui import messages
from proforient_desktop.ui.i18n import install_translations, remove_translations
from proforient_desktop.ui.main_window import MainWindow

SCREEN_SIZE = (1366, 768)


@pytest.fixture(scope="session", autouse=True)
def russian_translations(qapp, tmp_path_factory):
    """Load the Russian translations once, compiled into a temporary folder when not built."""
    translators = install_translations(qapp, "ru", tmp_path_factory.mktemp("qm"))
    yield translators
    remove_translations(qapp, translators)


@pytest.fixture
def recorded():
    """Replace message boxes by a recorder that answers «yes» unless the test sets other answers."""
    recorder = messages.RecordingMessenger()
    previous = messages.messenger()
    messages.set_messenger(recorder)
    yield recorder
    messages.set_messenger(previous)


@pytest.fixture
def school_window(qtbot, school_context, recorded):
    window = MainWindow(school_context)
    qtbot.addWidget(window)
    window.resize(*SCREEN_SIZE)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def reopen(data_dir):
    """Open the data folder again, as a new start of the program would."""
    opened = []

    def open_again():
        context = open_context(data_dir, operator="тест")
        opened.append(context)
        return context

    yield open_again
    for context in opened:
        context.close()


# The offscreen platform cannot pass size hints to a window manager; harmless.
_EXPECTED_QT_WARNINGS = ("does not support propagateSizeHints",)


@pytest.fixture(autouse=True)
def _no_qt_warnings(qtlog):
    yield
    unexpected = [
        record.message for record in qtlog.records
        if record.type_name in ("QtWarningMsg", "QtCriticalMsg", "QtFatalMsg")
        and not any(text in record.message for text in _EXPECTED_QT_WARNINGS)
    ]
    assert unexpected == []
