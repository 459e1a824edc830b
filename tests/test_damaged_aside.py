"""Setting a damaged database aside: every file moved, none deleted."""

from __future__ import annotations

import datetime as dt

from proforient_desktop.services import workspace
from proforient_desktop.services.workspace import backups_dir, database_path, is_damaged, set_damaged_data_aside


def damaged_folder(data_dir):
    data_dir.mkdir()
    database = database_path(data_dir)
    database.write_bytes(b"not a database" * 100)
    database.with_name(database.name + "-wal").write_bytes(b"wal")
    database.with_name(database.name + "-shm").write_bytes(b"shm")
    backups_dir(data_dir).mkdir()
    (backups_dir(data_dir) / "proforient-20250101-000000-000000-start.sqlite3").write_bytes(b"broken")
    (data_dir / "keys").mkdir()
    (data_dir / "keys" / "installation_key.pem").write_bytes(b"key")


def test_every_file_moved(data_dir):
    damaged_folder(data_dir)

    aside = set_damaged_data_aside(data_dir)

    assert aside.parent == data_dir
    assert aside.name.startswith("damaged-")
    assert (aside / "proforient.sqlite3").read_bytes() == b"not a database" * 100
    assert (aside / "proforient.sqlite3-wal").read_bytes() == b"wal"
    assert (aside / "proforient.sqlite3-shm").read_bytes() == b"shm"
    assert (aside / "backups" / "proforient-20250101-000000-000000-start.sqlite3").read_bytes() == b"broken"
    # A new, empty database replaces the damaged one, so the kept key does not mark the folder as lost.
    assert sorted(path.name for path in data_dir.iterdir()) == sorted([aside.name, "keys", "proforient.sqlite3"])
    assert not is_damaged(data_dir)


def test_same_second_gets_new_folder(data_dir, monkeypatch):
    moment = dt.datetime(2025, 3, 1, 10, 0, 0)

    class FrozenClock(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return moment

    monkeypatch.setattr(workspace.dt, "datetime", FrozenClock)
    damaged_folder(data_dir)
    first = set_damaged_data_aside(data_dir)
    database_path(data_dir).write_bytes(b"damaged again")

    second = set_damaged_data_aside(data_dir)

    assert first.name == "damaged-20250301-100000"
    assert second.name == "damaged-20250301-100000-2"
    assert (second / "proforient.sqlite3").read_bytes() == b"damaged again"
    assert (first / "proforient.sqlite3").read_bytes() == b"not a database" * 100
