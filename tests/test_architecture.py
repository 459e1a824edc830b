"""Rules about the code base itself: layering and the migration history."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory

from proforient_desktop.storage.migrate import alembic_config

ROOT = Path(__file__).resolve().parent.parent


def test_layers_point_one_way():
    # import-linter's contracts live in pyproject.toml: no Qt outside ui/,
    # and ui/cli → services → exchange/reports → storage → domain → catalog.
    executable = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    completed = subprocess.run([executable], cwd=ROOT, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_single_migration_head():
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, f"several Alembic heads: {heads}; chain the newest revision after the others"
