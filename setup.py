"""Build steps that pyproject.toml cannot express.

``build_py`` copies the top-level ``resources/`` folder into the package, so
an installed wheel finds the catalogue, fonts and translations beside its
code. A checkout or an editable install reads ``resources/`` in place.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithResources(build_py):
    def run(self):
        super().run()
        if not self.editable_mode:
            target = Path(self.build_lib) / "proforient_desktop" / "resources"
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(ROOT / "resources", target)


setup(cmdclass={"build_py": BuildWithResources})
