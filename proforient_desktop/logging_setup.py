"""Logging to a rotating file in the data directory.

Log lines are English for the maintainers; users read the Russian messages
the application shows them.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE = "proforient.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(data_dir: Path, *, level: int = logging.INFO) -> Path | None:
    """Send log records to ``data_dir/proforient.log``; return its path, or None if unwritable."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_proforient", False):
            root.removeHandler(handler)
            handler.close()

    path = data_dir / LOG_FILE
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler._proforient = True
    root.addHandler(handler)
    return path
