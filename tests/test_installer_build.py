"""The Linux one-folder build: built once per session, then run as a user would.

Building takes a few minutes, so these tests are marked slow; CI runs them.
Set PROFORIENT_BUILT_APP to an existing build folder (``dist/ProfOrient``)
to test that build instead of making a new one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from installer_support import ROOT, check_iss_against, spec_names

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the build test makes the Linux build"),
]


@pytest.fixture(scope="session")
def built_app(tmp_path_factory) -> Path:
    """Return the folder of the one-folder build, building it into a temporary folder."""
    existing = os.environ.get("PROFORIENT_BUILT_APP")
    if existing:
        return Path(existing)

    base = tmp_path_factory.mktemp("build")
    # Level 1 packs the same .tar.xz several times faster than a release's level 6.
    subprocess.run(
        [sys.executable, str(ROOT / "installer" / "build.py"), "--dist", str(base / "dist"),
         "--work", str(base / "work"), "--level", "1"],
        check=True, cwd=ROOT,
    )
    return base / "dist" / "ProfOrient"


@pytest.fixture
def run_app(built_app, tmp_path):
    """Run the built executable with a clean environment; return the completed process."""
    executable = built_app / spec_names()["GUI_NAME"]
    environment = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path / "home"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }

    def run(*arguments: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(executable), *arguments], capture_output=True, text=True, encoding="utf-8",
                              env=environment, timeout=120, check=False)
    return run


@pytest.fixture
def cyrillic_root(tmp_path) -> Path:
    return tmp_path / "Пользователь Ёжиков Ñandú"


def test_built_app_passes_self_check(run_app, cyrillic_root):
    data_dir = cyrillic_root / "ПрофОриент"

    completed = run_app("--data-dir", str(data_dir), "--self-check")

    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "Все проверки пройдены." in completed.stdout
    assert "[ОШИБКА]" not in completed.stdout
    assert (data_dir / "proforient.sqlite3").is_file()


def test_built_app_exports_and_imports_package(run_app, cyrillic_root):
    school = str(cyrillic_root / "Школа" / "данные")
    municipality = str(cyrillic_root / "Управление" / "данные")
    package = cyrillic_root / "Обмен" / "школа № 1.proforient"
    package.parent.mkdir(parents=True)

    steps = [
        (school, "init", "--role", "school", "--org-code", "2721000001", "--org-name", "МБОУ СОШ № 1",
         "--municipality", "Хабаровский"),
        (school, "counts", "set", "--year", "2024", "Чоко=420", "Чбвб=60"),
        (school, "package", "export", "-o", str(package)),
        (municipality, "init", "--role", "municipality", "--org-code", "2700000001",
         "--org-name", "Управление образования", "--municipality", "Хабаровский"),
        (municipality, "package", "import", "--trust-new", str(package)),
    ]
    for data_dir, *arguments in steps:
        completed = run_app("--data-dir", data_dir, *arguments)
        assert completed.returncode == 0, f"{arguments}: {completed.stdout}{completed.stderr}"
    assert package.is_file()

    counts = run_app("--data-dir", municipality, "counts", "show", "--year", "2024", "--org", "2721000001",
                    "--format", "json")
    assert counts.returncode == 0, counts.stderr
    assert json.loads(counts.stdout)["counts"] == {"students_total": 420, "ticket_to_future_participants": 60}


def test_built_app_paints_main_window(built_app, run_app, cyrillic_root, tmp_path):
    data_dir = str(cyrillic_root / "Школа")
    initialized = run_app("--data-dir", data_dir, "init", "--role", "school", "--org-code", "2721000001",
                          "--org-name", "МБОУ СОШ № 1", "--municipality", "Хабаровский")
    assert initialized.returncode == 0, initialized.stderr
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home"), "LANG": "C.UTF-8",
                   "QT_QPA_PLATFORM": "offscreen", "PROFORIENT_EXIT_AT_FIRST_PAINT": "1"}

    # The entry point's paint watcher ends the process once the main window has painted.
    completed = subprocess.run([str(built_app / spec_names()["GUI_NAME"]), "--data-dir", data_dir],
                               capture_output=True, text=True, encoding="utf-8", env=environment, timeout=120,
                               check=False)

    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "first-paint"


def test_built_app_rejects_bad_argument_in_russian(run_app, cyrillic_root):
    completed = run_app("--data-dir", str(cyrillic_root), "counts", "set", "--year", "24", "Чоко=1")

    assert completed.returncode == 2
    assert "год должен быть числом из четырёх цифр" in completed.stderr


def test_build_carries_runtime_files(built_app):
    internal = built_app / "_internal"

    assert (internal / "resources" / "fonts" / "LICENSE-DejaVu.txt").is_file()
    assert list((internal / "resources" / "translations" / "ru").glob("*.qm"))
    assert (internal / "PySide6" / "Qt" / "translations" / "qtbase_ru.qm").is_file()
    assert list((internal / "PySide6" / "Qt" / "plugins" / "platforms").glob("libqxcb.so"))
    assert list((internal / "proforient_desktop" / "storage" / "migrations" / "versions").glob("0001_*.py"))


def test_build_leaves_out_unused_qt(built_app):
    internal = built_app / "_internal"
    present = {path.name for path in internal.rglob("*")}

    for unused in ("libQt6Qml.so.6", "libQt6Quick.so.6", "libQt6WebEngineCore.so.6", "libQt6Multimedia.so.6",
                   "libQt6VirtualKeyboard.so.6", "libQt6Network.so.6", "libQt63DCore.so.6", "libQt6Pdf.so.6",
                   "QtQml.abi3.so", "QtOpenGL.abi3.so", "libqwayland.so", "libqgtk3.so",
                   "libqtvirtualkeyboardplugin.so", "libpango-1.0.so.0", "libgssapi_krb5.so.2"):
        assert unused not in present
    assert not list((internal / "PySide6" / "Qt" / "translations").glob("qtbase_de.qm"))
    assert not list(internal.glob("numpy*"))
    assert not list(internal.glob("pyqtgraph*"))


def test_build_carries_qt_charts(built_app):
    internal = built_app / "_internal"

    assert (internal / "PySide6" / "QtCharts.abi3.so").is_file()
    assert (internal / "PySide6" / "Qt" / "lib" / "libQt6Charts.so.6").is_file()
    # Qt Charts links the OpenGL widgets, so their libraries stay while their Python bindings do not.
    assert (internal / "PySide6" / "Qt" / "lib" / "libQt6OpenGLWidgets.so.6").is_file()


def test_build_has_no_dangling_links(built_app):
    dangling = [path for path in built_app.rglob("*") if path.is_symlink() and not path.exists()]

    assert dangling == []


def test_linux_archive_has_desktop_entry(built_app):
    archives = list(built_app.parent.glob("ProfOrient-*-linux-*.tar.xz"))
    if os.environ.get("PROFORIENT_BUILT_APP") and not archives:
        pytest.skip("the given build has no archive")

    assert len(archives) == 1
    with tarfile.open(archives[0]) as tar:
        members = {member.name: member for member in tar.getmembers()}
    assert "ProfOrient/proforient.desktop" in members
    assert "ProfOrient/proforient.png" in members
    assert members["ProfOrient/install-menu-entry.sh"].mode & 0o111
    assert members[f"ProfOrient/{spec_names()['GUI_NAME']}"].mode & 0o111


def test_iss_paths_match_linux_build(built_app):
    check_iss_against(built_app)
