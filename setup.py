"""Build steps that pyproject.toml cannot express.

``build_py`` copies the top-level ``resources/`` folder into the package, so
an installed wheel finds the catalogue, fonts and translations beside its
code. A checkout or an editable install reads ``resources/`` in place.

``build_py`` also compiles the screens' translations
(``resources/translations/<language>/*.ts``) into ``.qm`` files with the
``lrelease`` of PySide6, which pyproject.toml lists as a build requirement:
into the copied folder for a wheel, beside the ``.ts`` files for an
editable install.
"""

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


def lrelease_path() -> Path:
    import PySide6

    name = "lrelease.exe" if sys.platform == "win32" else "lrelease"
    path = Path(PySide6.__file__).resolve().parent / name
    if not path.is_file():
        raise RuntimeError(f"PySide6's lrelease not found at {path}; the translations cannot be built")
    return path


def compile_translations(resources: Path) -> None:
    lrelease = lrelease_path()
    for ts_file in sorted((resources / "translations").glob("*/*.ts")):
        subprocess.run([str(lrelease), "-silent", str(ts_file), "-qm", str(ts_file.with_suffix(".qm"))],
                       check=True)


class BuildWithResources(build_py):
    def run(self):
        super().run()
        if self.editable_mode:
            compile_translations(ROOT / "resources")
        else:
            target = Path(self.build_lib) / "proforient_desktop" / "resources"
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(ROOT / "resources", target, ignore=shutil.ignore_patterns("*.qm"))
            compile_translations(target)


setup(cmdclass={"build_py": BuildWithResources})
