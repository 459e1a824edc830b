"""Data folder and file names of the program, known without importing the data layer.

The window start needs these before it paints, when importing
``storage.database`` (SQLAlchemy) or ``exchange.package`` would cost half a
second. The values are the same as theirs; a test keeps them equal.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_TITLE = "ProfOrient Desktop"
APP_NAME = "ProfOrient"
DATA_DIR_ENV = "PROFORIENT_DATA_DIR"
DATABASE_URL_ENV = "PROFORIENT_DATABASE_URL"
PACKAGE_SUFFIX = ".proforient"


def resolve_data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """Return the data folder as ``storage.database.resolve_data_dir`` does: given, the environment's, the user's."""
    if explicit:
        return Path(explicit).expanduser()
    from_environment = os.environ.get(DATA_DIR_ENV)
    if from_environment:
        return Path(from_environment).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
