"""Locate the read-only files shipped with the application."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    """Return the ``resources`` folder, from a checkout, a wheel or a frozen build."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"

    packaged = Path(__file__).resolve().parent / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
