"""Refresh the screens' translation sources (``resources/translations/ru/*.ts``).

Run ``python tools/update_translations.py`` after adding or changing tr()
strings, then fill in the Russian text of every new message (Qt Linguist:
``pyside6-linguist resources/translations/ru/<area>.ts``, or a text editor)
and remove its ``type="unfinished"``. The test
``tests/ui/test_translations.py`` fails while any message is missing or
unfinished. Strings no longer in the code are dropped from the files.

Each screen area has its own file, so engineers working on different
screens do not edit the same file. A new area is one line in ``AREAS``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "proforient_desktop" / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("ru",)

# Area name → glob patterns of its source files, relative to proforient_desktop/ui.
AREAS: dict[str, tuple[str, ...]] = {
    "main": ("app.py", "main_window*.py", "navigation.py", "placeholder.py", "restore_dialog.py",
             "settings_screen.py", "messages.py", "i18n.py", "settings_store.py"),
    "setup": ("setup_*.py",),
    "counts": ("counts_screen.py", "count_form.py", "count_commands.py", "indicators_panel.py"),
    "activities": ("activities_screen.py", "activities_model.py", "activity_dialog.py",
                   "activity_commands.py"),
    "catalog": ("catalog_screen.py",),
    "exchange": ("exchange_screen.py", "exchange_*.py"),
    "monitoring": ("monitoring/**/*.py",),
    "reports": ("reports_screen.py", "reports_*.py"),
    "server": ("server_*.py", "operator_dialog.py"),
    "damaged_data": ("damaged_data_dialog.py",),
}


def lupdate_path() -> Path:
    import PySide6

    name = "lupdate.exe" if sys.platform == "win32" else "lupdate"
    return Path(PySide6.__file__).resolve().parent / name


def area_files(patterns: tuple[str, ...]) -> list[Path]:
    files: set[Path] = set()
    for pattern in patterns:
        files.update(path for path in UI.glob(pattern) if path.is_file())
    return sorted(files)


def unassigned_files() -> list[Path]:
    assigned = {path for patterns in AREAS.values() for path in area_files(patterns)}
    return [path for path in sorted(UI.rglob("*.py")) if path not in assigned and path.name != "__init__.py"]


def update(area: str, files: list[Path], language: str) -> None:
    target = TRANSLATIONS / language / f"{area}.ts"
    target.parent.mkdir(parents=True, exist_ok=True)
    command = [str(lupdate_path()), "-silent", "-no-obsolete", "-locations", "none",
               "-target-language", language, *map(str, files), "-ts", str(target)]
    subprocess.run(command, check=True)
    print(f"{target.relative_to(ROOT)}: {len(files)} source files")


def main() -> int:
    for path in unassigned_files():
        print(f"warning: {path.relative_to(ROOT)} belongs to no area in AREAS", file=sys.stderr)
    for language in LANGUAGES:
        for area, patterns in AREAS.items():
            files = area_files(patterns)
            if files:
                update(area, files, language)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
