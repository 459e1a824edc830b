"""Build the one-folder application with PyInstaller, on Windows or Linux.

    python installer/build.py [--dist DIR] [--work DIR] [--no-archive] [--compression xz|gz] [--installer]

The script stages a copy of ``resources/`` with the ``.ts`` translations
compiled to ``.qm`` and runs PyInstaller on ``installer/proforient.spec``.
On Linux it then adds the desktop entry and packs
``ProfOrient-<version>-linux-<arch>.tar.xz``. On Windows, given
``--installer``, it compiles the Inno Setup script with ``ISCC.exe``.
The build folder is ``<dist>/ProfOrient``.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALLER_DIR = ROOT / "installer"
SPEC_FILE = INSTALLER_DIR / "proforient.spec"
APP_FOLDER = "ProfOrient"
GUI_EXECUTABLE = "ProfOrient"
# Files that the Linux archive carries beside the executable.
LINUX_EXTRAS = ("proforient.desktop", "proforient.png", "install-menu-entry.sh", "proforient-mime.xml")

log = logging.getLogger("build")


def project_version() -> str:
    namespace: dict[str, str] = {}
    init_file = ROOT / "proforient_desktop" / "__init__.py"
    for line in init_file.read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            exec(line, namespace)
    return namespace["__version__"]


def lrelease_executable() -> Path:
    import PySide6

    name = "lrelease.exe" if sys.platform == "win32" else "lrelease"
    path = Path(PySide6.__file__).resolve().parent / name
    if not path.is_file():
        raise SystemExit(f"PySide6's lrelease not found at {path}; install PySide6-Essentials")
    return path


def stage_resources(work_dir: Path) -> Path:
    """Copy ``resources/`` into ``work_dir/stage`` and compile every ``.ts`` there."""
    stage = work_dir / "stage"
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(ROOT / "resources", stage / "resources", ignore=shutil.ignore_patterns("*.qm", "__pycache__"))

    lrelease = lrelease_executable()
    for ts_file in sorted((stage / "resources" / "translations").rglob("*.ts")):
        qm_file = ts_file.with_suffix(".qm")
        subprocess.run([str(lrelease), "-silent", str(ts_file), "-qm", str(qm_file)], check=True)
        log.info("Compiled %s", qm_file.relative_to(stage))
    return stage


def run_pyinstaller(stage: Path, dist_dir: Path, work_dir: Path) -> Path:
    environment = dict(os.environ, PROFORIENT_STAGE=str(stage))
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(dist_dir), "--workpath", str(work_dir / "pyinstaller"), str(SPEC_FILE),
    ]
    log.info("Running %s", " ".join(command))
    subprocess.run(command, check=True, env=environment, cwd=ROOT)
    app_dir = dist_dir / APP_FOLDER
    mark_translations_fresh(app_dir)
    return app_dir


def mark_translations_fresh(app_dir: Path) -> None:
    """Give each bundled ``.qm`` a newer time than its ``.ts``.

    The translation loader recompiles a ``.qm`` older than its ``.ts``, and a
    frozen build has no ``lrelease`` to do it with. PyInstaller copies files
    without keeping their times, so the order of the copies decides otherwise.
    """
    now = time.time()
    for qm_file in app_dir.rglob("*.qm"):
        os.utime(qm_file, (now, now))


def add_linux_extras(app_dir: Path) -> None:
    for name in LINUX_EXTRAS:
        shutil.copy2(INSTALLER_DIR / "linux" / name, app_dir / name)
    (app_dir / "install-menu-entry.sh").chmod(0o755)


def pack_tar(app_dir: Path, version: str, compression: str = "xz", level: int = 6) -> Path:
    """Pack the build folder as ``ProfOrient-<version>-linux-<arch>.tar.<compression>`` beside it.

    xz makes the archive about a quarter smaller than gzip (50 against 68 MB
    for version 0.1.0), and ``tar -xJf`` unpacks it wherever the ``xz``
    program is installed. gzip is several times faster to pack, for trial builds.
    ``level`` (1–9) trades size for packing time; releases use the default 6.
    """
    archive = app_dir.parent / f"{APP_FOLDER}-{version}-linux-{platform.machine()}.tar.{compression}"
    xz_program = shutil.which("xz")
    if compression == "xz" and xz_program:
        pack_with_xz_program(app_dir, archive, xz_program, level)
    else:
        options = {"compresslevel": level} if compression == "gz" else {"preset": level}
        with tarfile.open(archive, f"w:{compression}", **options) as tar:
            tar.add(app_dir, arcname=APP_FOLDER)
    log.info("Packed %s (%.1f MB)", archive, archive.stat().st_size / 1e6)
    return archive


def pack_with_xz_program(app_dir: Path, archive: Path, xz_program: str, level: int = 6) -> None:
    """Stream the tar of ``app_dir`` through ``xz -LEVEL -T0``.

    Python's lzma module compresses on one thread, which takes minutes for
    this build. The ``xz`` program uses every core with the same preset.
    """
    with archive.open("wb") as output:
        xz = subprocess.Popen([xz_program, f"-{level}", "-T0", "-c"], stdin=subprocess.PIPE, stdout=output)
        with tarfile.open(fileobj=xz.stdin, mode="w|") as tar:
            tar.add(app_dir, arcname=APP_FOLDER)
        xz.stdin.close()
        if xz.wait() != 0:
            raise SystemExit(f"{xz_program} failed with exit code {xz.returncode} while packing {archive}")


def compile_inno_setup(app_dir: Path, version: str) -> Path:
    """Compile ``installer/proforient.iss`` into ``<dist>/ProfOrient-<version>-setup.exe``."""
    compiler = shutil.which("ISCC.exe") or shutil.which("iscc")
    default = Path(os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)")) / "Inno Setup 6" / "ISCC.exe"
    if compiler is None and default.is_file():
        compiler = str(default)
    if compiler is None:
        raise SystemExit("ISCC.exe (Inno Setup 6) not found: install it or add it to PATH")

    command = [
        compiler, f"/DAppVersion={version}", f"/DBuildDir={app_dir}", f"/O{app_dir.parent}",
        str(INSTALLER_DIR / "proforient.iss"),
    ]
    subprocess.run(command, check=True)
    return app_dir.parent / f"{APP_FOLDER}-{version}-setup.exe"


def build(dist_dir: Path, work_dir: Path, *, archive: bool = True, compression: str = "xz", level: int = 6,
          installer: bool = False) -> Path:
    """Build ``<dist_dir>/ProfOrient`` and, if asked, its archive or installer; return the folder."""
    version = project_version()
    stage = stage_resources(work_dir)
    app_dir = run_pyinstaller(stage, dist_dir, work_dir)

    if sys.platform.startswith("linux"):
        add_linux_extras(app_dir)
        if archive:
            pack_tar(app_dir, version, compression, level)
    elif sys.platform == "win32" and installer:
        compile_inno_setup(app_dir, version)
    return app_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "installer",
                        help="folder for intermediate files (default: build/installer/)")
    parser.add_argument("--no-archive", action="store_true", help="Linux: skip the archive")
    parser.add_argument("--compression", choices=("xz", "gz"), default="xz",
                        help="Linux: compression of the archive (default xz; gz is larger and faster to pack)")
    parser.add_argument("--level", type=int, choices=range(1, 10), default=6, metavar="1-9",
                        help="Linux: compression level of the archive (default 6; 1 packs fastest, for tests)")
    parser.add_argument("--installer", action="store_true", help="Windows: also run Inno Setup's ISCC.exe")
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    started = time.monotonic()
    app_dir = build(args.dist.resolve(), args.work.resolve(), archive=not args.no_archive,
                    compression=args.compression, level=args.level, installer=args.installer)
    log.info("Built %s in %.0f s", app_dir / GUI_EXECUTABLE, time.monotonic() - started)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
