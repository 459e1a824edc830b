"""Installations for exchange tests: each one a real data directory and database."""

from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import shutil
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import select

from proforient_desktop.services.context import AppContext, open_context
from proforient_desktop.services.counts import set_counts
from proforient_desktop.services.installation import initialize, own_organisation
from proforient_desktop.storage.database import DATABASE_FILE
from proforient_desktop.storage.models import Activity, Base

MUNICIPALITY = "khabarovsky"
OTHER_MUNICIPALITY = "amursky"


_template_dir: Path | None = None


def _migrated_template() -> Path:
    """Return a folder holding an empty, migrated database, made once per test run."""
    global _template_dir
    if _template_dir is None:
        _template_dir = Path(tempfile.mkdtemp(prefix="proforient-template-"))
        atexit.register(shutil.rmtree, _template_dir, True)
        # An explicit SQLite URL, because the PostgreSQL backend would put the template on the server.
        open_context(_template_dir, database_url=f"sqlite:///{_template_dir / DATABASE_FILE}").close()
    return _template_dir


def install(root: Path, name: str, role: str, code: str, org_name: str,
            municipality: str | None = None) -> AppContext:
    """Open a new installation in ``root/name`` and set its role and organisation.

    The database starts as a copy of a migrated empty one, because running
    the migrations for each of the many installations would dominate the
    tests' time. On the PostgreSQL backend the copy is not used.
    """
    data_dir = root / name
    data_dir.mkdir(parents=True)
    for path in _migrated_template().glob(DATABASE_FILE + "*"):
        shutil.copy(path, data_dir / path.name)
    context = open_context(data_dir, operator=f"оператор {name}")
    initialize(context, role, code, org_name, municipality)
    return context


def add_activity(context: AppContext, title: str, measure_code: str = "1.01",
                 held_on: dt.date = dt.date(2024, 3, 15), participants: int = 25) -> str:
    uid = str(uuid.uuid4())
    with context.database.transaction() as session:
        organisation = own_organisation(session)
        session.add(Activity(uid=uid, organisation_id=organisation.id, measure_code=measure_code,
                             held_on=held_on, title=title, format="очно", participants_total=participants,
                             participants_sen=1, grade_band="8–9", partners="ООО «Завод»"))
    return uid


def fill_school(context: AppContext, students: int) -> None:
    set_counts(context, 2023, {"students_total": students, "ticket_to_future_participants": students // 2})
    set_counts(context, 2024, {"students_total": students + 10, "career_diagnostics_students": students // 3})
    add_activity(context, f"Экскурсия на предприятие ({students})")


def database_state(context: AppContext) -> str:
    """Return a hash of the database files, to show that nothing at all was written."""
    if not context.database.is_sqlite:
        return _server_state(context)
    digest = hashlib.sha256()
    for suffix in ("", "-wal"):
        path = context.data_dir / (DATABASE_FILE + suffix)
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def rewrite_members(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    """Return a copy of a package with some members replaced (or removed with ``None``), keeping the rest."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in changes:
                if changes[info.filename] is not None:
                    target.writestr(info.filename, changes[info.filename])
            else:
                target.writestr(info.filename, source.read(info.filename))
    return buffer.getvalue()


def read_members(data: bytes) -> dict[str, bytes]:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def forge_package(key_pair, sender, sequence: int, payload: bytes, *, format_version: int | None = None,
                  sign_other_bytes: bool = False) -> bytes:
    """Build a package by hand: a valid signature over whatever payload the test needs."""
    import json

    from proforient_desktop.exchange.container import MANIFEST, PAYLOAD, SIGNATURE, write_container
    from proforient_desktop.exchange.manifest import manifest_bytes

    manifest = manifest_bytes(app_version="0.1.0", catalog_version=1, sender=sender, sequence=sequence,
                              public_key=key_pair.public_key_bytes, members={PAYLOAD: payload})
    if format_version is not None:
        raw = json.loads(manifest)
        raw["format_version"] = format_version
        manifest = json.dumps(raw).encode()
    signed = manifest + b" " if sign_other_bytes else manifest
    return write_container({MANIFEST: manifest, SIGNATURE: key_pair.sign(signed), PAYLOAD: payload})


def _server_state(context: AppContext) -> str:
    # A server database has no file to hash, so every row of every table is hashed instead.
    digest = hashlib.sha256()
    with context.database.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in connection.execute(select(table).order_by(*table.primary_key.columns)):
                digest.update(repr(tuple(row)).encode("utf-8"))
    return digest.hexdigest()
