"""Every screen string has a finished Russian translation.

The check runs PySide6's lupdate over the whole ui package into a temporary
file, so a tr() string missing from resources/translations/ru/*.ts fails
here even before anyone refreshes the .ts files.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

import proforient_desktop.ui
from proforient_desktop.resource_files import resource_path
from proforient_desktop.ui.i18n import compile_ts, lrelease_path

UI_DIR = Path(proforient_desktop.ui.__file__).resolve().parent
TS_FILES = sorted(resource_path("translations", "ru").glob("*.ts"))


def lupdate_path() -> Path:
    import PySide6

    return Path(PySide6.__file__).resolve().parent / ("lupdate.exe" if sys.platform == "win32" else "lupdate")


def messages(ts_file: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts_file).getroot()
    found = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found.append((name, message.findtext("source") or "", message.find("translation")))
    return found


def test_translation_files_exist():
    assert TS_FILES


@pytest.mark.parametrize("ts_file", TS_FILES, ids=lambda path: path.name)
def test_every_message_translated(ts_file):
    unfinished = []
    for context, source, translation in messages(ts_file):
        state = translation.get("type", "") if translation is not None else "missing"
        text = (translation.text or "").strip() if translation is not None else ""
        if state in ("unfinished", "missing") or not text:
            unfinished.append(f"{context}: {source}")
    assert unfinished == []


@pytest.mark.parametrize("ts_file", TS_FILES, ids=lambda path: path.name)
def test_placeholders_kept(ts_file):
    wrong = []
    for context, source, translation in messages(ts_file):
        for placeholder in ("%1", "%2", "%3"):
            if (placeholder in source) != (placeholder in (translation.text or "")):
                wrong.append(f"{context}: {source}")
    assert wrong == []


def test_every_tr_string_has_entry(tmp_path):
    sources = [str(path) for path in sorted(UI_DIR.rglob("*.py"))]
    scanned = tmp_path / "all.ts"
    subprocess.run([str(lupdate_path()), "-silent", "-locations", "none", *sources, "-ts", str(scanned)],
                   check=True)

    in_code = {(context, source) for context, source, _ in messages(scanned)}
    in_files = {(context, source) for ts_file in TS_FILES for context, source, _ in messages(ts_file)}
    assert sorted(in_code - in_files) == []


def test_compiled_translation_loads(qapp, tmp_path):
    assert lrelease_path() is not None
    qm_file = tmp_path / "main.qm"
    assert compile_ts(resource_path("translations", "ru", "main.ts"), qm_file)
    assert qm_file.stat().st_size > 0


def test_russian_is_loaded(qapp):
    assert QCoreApplication.translate("Navigation", "Indicators") == "Показатели"
    # Standard buttons take their texts from Qt's own qtbase_ru catalogue.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"


def test_built_translations_import_no_compiler(tmp_path):
    # The window loads translations before its first paint. With every .qm built, as an installed
    # package or a built checkout has them, neither the compiler's subprocess nor the cache folder's
    # platformdirs is needed. A new interpreter, because this one has imported both long ago.
    folder = tmp_path / "ru"
    folder.mkdir()
    (folder / "screen.ts").write_text("<TS/>", encoding="utf-8")
    (folder / "screen.qm").write_bytes(b"")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from proforient_desktop.ui import i18n\n"
        "i18n.translations_dir = lambda language: Path(sys.argv[1])\n"
        "print([path.name for path in i18n.qm_files('ru')])\n"
        "print(sorted(name for name in ('subprocess', 'platformdirs') if name in sys.modules))\n"
    )
    completed = subprocess.run([sys.executable, "-c", script, str(folder)], capture_output=True, text=True,
                               check=True, timeout=120)
    listed, imported = completed.stdout.strip().splitlines()[-2:]
    assert listed == "['screen.qm']"
    assert imported == "[]"
