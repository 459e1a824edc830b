"""Loading the screens' translations.

Screens use ``tr()`` with English source strings. The Russian translations
live in ``resources/translations/ru/<area>.ts``, one file per screen area, so
that each engineer keeps the file of their own screens. The normal install
(``pip install .`` or ``pip install -e .``) compiles every ``.ts`` into a
``.qm`` beside it. A checkout that was never installed compiles missing or
outdated ``.qm`` files at start into a cache folder, using the ``lrelease``
that ships with PySide6.

To add the strings of new or changed screens to the ``.ts`` files, run
``python tools/update_translations.py`` and fill in the Russian texts.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from proforient_desktop.resource_files import resource_path, resources_root

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "ru"
# English needs no files: it is the language of the source strings.
LANGUAGES = ("ru", "en")


def translations_dir(language: str) -> Path:
    return resource_path("translations", language)


def lrelease_path() -> Path | None:
    """Return PySide6's ``lrelease`` executable, or None when it is not installed."""
    try:
        import PySide6
    except ImportError:
        return None
    name = "lrelease.exe" if sys.platform == "win32" else "lrelease"
    path = Path(PySide6.__file__).resolve().parent / name
    return path if path.is_file() else None


def compile_ts(ts_file: Path, qm_file: Path) -> bool:
    """Compile one ``.ts`` into ``.qm``; return False when lrelease is missing or fails."""
    lrelease = lrelease_path()
    if lrelease is None:
        return False
    # Imported here: the window loads this module before its first paint, and an installed
    # package or a built checkout never compiles.
    import subprocess

    qm_file.parent.mkdir(parents=True, exist_ok=True)
    completed = subprocess.run(
        [str(lrelease), "-silent", str(ts_file), "-qm", str(qm_file)],
        capture_output=True, text=True, check=False,
    )
    if completed.returncode != 0:
        log.error("lrelease failed on %s: %s", ts_file, completed.stderr.strip())
        return False
    return True


def is_checkout() -> bool:
    """Return whether the resources are a source tree's top-level folder, not a package's copy."""
    return (resources_root().parent / "pyproject.toml").is_file()


def default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("ProfOrient", appauthor=False)) / "translations"


def qm_files(language: str, cache_dir: Path | None = None) -> list[Path]:
    """Return the compiled translations of ``language``, compiling stale ones into the cache."""
    folder = translations_dir(language)
    if not folder.is_dir():
        return []
    result = []
    # An installed package keeps its .qm files as built: unpacking a wheel
    # does not keep file times, so they are compared only in a checkout.
    installed = not is_checkout()
    for ts_file in sorted(folder.glob("*.ts")):
        built = ts_file.with_suffix(".qm")
        if built.is_file() and (installed or built.stat().st_mtime >= ts_file.stat().st_mtime):
            result.append(built)
            continue

        cached = (cache_dir or default_cache_dir()) / language / built.name
        fresh = cached.is_file() and cached.stat().st_mtime >= ts_file.stat().st_mtime
        if fresh or compile_ts(ts_file, cached):
            result.append(cached)
        else:
            log.warning("No compiled translation for %s", ts_file)
    return result


def install_translations(app: QCoreApplication, language: str, cache_dir: Path | None = None) -> list[QTranslator]:
    """Load all translations of ``language`` into ``app``; keep the returned list alive."""
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    QLocale.setDefault(QLocale(QLocale.Language.Russian if language == "ru" else QLocale.Language.English))
    if language == "en":
        return []

    translators = []
    qt_translator = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(f"qtbase_{language}", qt_folder):
        translators.append(qt_translator)
    else:
        log.warning("Qt's own %s translation not found in %s", language, qt_folder)

    for path in qm_files(language, cache_dir):
        translator = QTranslator(app)
        if translator.load(str(path)):
            translators.append(translator)
        else:
            log.warning("Translation %s could not be loaded", path)

    for translator in translators:
        app.installTranslator(translator)
    return translators


def remove_translations(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
