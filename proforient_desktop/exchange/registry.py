"""The rows that planning an import reads about a package's senders, in a few batched queries.

A municipal package names its own organisation and each nested school's. The
import reads all of their organisations with their current packages in one
query and their keys in another, instead of several queries per school, and
then decides each sender's outcome in Python from these rows (``receiver``,
``trust``, ``merge``). The queries use SQLAlchemy Core, so they run unchanged
on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Protocol, Sequence

from sqlalchemy import Connection, bindparam, or_, select
from sqlalchemy.orm import Session

from proforient_desktop.exchange.keys import fingerprint
from proforient_desktop.exchange.manifest import Sender
from proforient_desktop.storage.models import Municipality, Organisation, ReceivedPackage, TrustedKey

# SQLite allows 999 parameters per statement before version 3.32, so an IN list takes at most this many.
IN_CHUNK = 400

_ORGANISATIONS = Organisation.__table__
_MUNICIPALITIES = Municipality.__table__
_KEYS = TrustedKey.__table__
_PACKAGES = ReceivedPackage.__table__


class HasId(Protocol):
    """An organisation as an ORM object or as a row read for an import, of which only the id is used."""

    @property
    def id(self) -> int: ...


@dataclass(frozen=True)
class KnownOrganisation:
    """An organisation's row as read for an import. Only ``id`` is used to write to it."""

    id: int
    code: str
    name: str
    kind: str
    municipality_code: str | None
    parent_id: int | None


@dataclass(frozen=True)
class KeyRow:
    """A key of the trust registry and the organisation it is registered for."""

    id: int
    organisation_id: int
    public_key: bytes
    fingerprint: str
    retired_at: dt.datetime | None
    retired_reason: str
    vouched_by_id: int | None
    owner_code: str
    owner_name: str


@dataclass(frozen=True)
class CurrentPackage:
    """The package an organisation's data currently comes from."""

    organisation_id: int
    sha256: str
    sequence: int


@dataclass
class SenderLookup:
    """The rows that planning a package reads, by sender code, fingerprint and organisation id."""

    organisations: dict[str, KnownOrganisation] = field(default_factory=dict)
    municipality_names: dict[str, str] = field(default_factory=dict)
    keys: list[KeyRow] = field(default_factory=list)
    current: dict[int, CurrentPackage] = field(default_factory=dict)
    # By a municipal sender's code: another organisation registered as its territory's authority.
    other_authorities: dict[str, KnownOrganisation] = field(default_factory=dict)
    # By id: the parent organisation of each known school among the senders, if requested.
    parents: dict[int, KnownOrganisation] = field(default_factory=dict)
    _indexes: dict[str, dict[object, list[KeyRow]]] = field(default_factory=dict, repr=False)

    def keys_of(self, organisation_id: int) -> list[KeyRow]:
        """Return the organisation's keys, retired ones too, in the order they were registered."""
        return self._keys_by("organisation_id").get(organisation_id, [])

    def keys_with(self, public_key: bytes) -> list[KeyRow]:
        """Return the registered keys equal to ``public_key``, of any organisation."""
        return self._keys_by("public_key").get(public_key, [])

    def _keys_by(self, attribute: str) -> dict[object, list[KeyRow]]:
        # Built on first use, because planning a municipal package looks up each of its schools.
        index = self._indexes.get(attribute)
        if index is None:
            index = self._indexes[attribute] = {}
            for key in self.keys:
                index.setdefault(getattr(key, attribute), []).append(key)
        return index


def load_lookup(session: Session, senders: Sequence[Sender], public_keys: Iterable[bytes], *,
                lock: bool = False, school_parents: bool = False) -> SenderLookup:
    """Read the organisations, keys and current packages of ``senders``.

    ``public_keys`` are the keys that signed their packages: the registry is
    read for them too, to find a key registered for another organisation.
    With ``lock`` the organisations' rows are locked until the transaction
    ends (``SELECT ... FOR UPDATE`` on PostgreSQL): by id within each chunk
    of ``IN_CHUNK`` codes, the chunks in the order of their codes. With
    ``school_parents`` the parent organisations of known schools are read
    too, which only the region's rules need.
    """
    connection = session.connection()
    codes = {sender.code for sender in senders}
    lookup = SenderLookup(municipality_names=municipality_names(session))
    lookup.organisations, lookup.current = _organisations(connection, codes, lock)
    ids = {organisation.id for organisation in lookup.organisations.values()}
    lookup.keys = _keys(connection, {fingerprint(key) for key in public_keys}, ids)
    if school_parents:
        lookup.parents = _school_parents(connection, lookup.organisations)
    for sender in senders:
        if sender.role == "municipality" and sender.municipality_code is not None:
            other = _other_authority(connection, sender)
            if other is not None:
                lookup.other_authorities[sender.code] = other
    return lookup


def load_keys(session: Session, public_key: bytes, organisation_id: int | None) -> SenderLookup:
    """Read the registry's keys equal to ``public_key`` and those of one organisation."""
    ids = set() if organisation_id is None else {organisation_id}
    return SenderLookup(keys=_keys(session.connection(), {fingerprint(public_key)}, ids))


def municipality_names(session: Session) -> dict[str, str]:
    """Return the name of every municipality by its code, read once per session.

    An import does not change the municipalities, and on SQLite it runs in
    one session, so the few rows are read once for all its packages.
    """
    names = session.info.get(_MUNICIPALITIES_KEY)
    if names is None:
        rows = session.connection().execute(select(_MUNICIPALITIES.c.code, _MUNICIPALITIES.c.name))
        names = session.info[_MUNICIPALITIES_KEY] = {row.code: row.name for row in rows}
    return names


_MUNICIPALITIES_KEY = "proforient.municipality_names"


def _chunks(values: Iterable) -> Iterator[list]:
    values = sorted(values)
    for start in range(0, len(values), IN_CHUNK):
        yield values[start:start + IN_CHUNK]


def _organisation(row) -> KnownOrganisation:
    return KnownOrganisation(row.id, row.code, row.name, row.kind, row.municipality_code, row.parent_id)


_ORGANISATION_COLUMNS = (_ORGANISATIONS.c.id, _ORGANISATIONS.c.code, _ORGANISATIONS.c.name, _ORGANISATIONS.c.kind,
                         _ORGANISATIONS.c.municipality_code, _ORGANISATIONS.c.parent_id)


# The statements are built once: building a statement and its cache key
# took about twice as long as running it on SQLite.
_ORGANISATIONS_WITH_CURRENT = (
    select(*_ORGANISATION_COLUMNS, _PACKAGES.c.sha256, _PACKAGES.c.sequence)
    .select_from(_ORGANISATIONS.outerjoin(
        _PACKAGES, (_PACKAGES.c.organisation_id == _ORGANISATIONS.c.id) & _PACKAGES.c.is_current.is_(True)))
    .where(_ORGANISATIONS.c.code.in_(bindparam("codes", expanding=True)))
    .order_by(_ORGANISATIONS.c.id, _PACKAGES.c.sequence.desc())
)
# PostgreSQL cannot lock the nullable side of an outer join, and the packages need no lock.
_ORGANISATIONS_WITH_CURRENT_LOCKED = _ORGANISATIONS_WITH_CURRENT.with_for_update(of=_ORGANISATIONS)

_ORGANISATIONS_BY_ID = select(*_ORGANISATION_COLUMNS).where(_ORGANISATIONS.c.id.in_(bindparam("ids", expanding=True)))

_KEYS_WITH_OWNERS = (
    select(_KEYS.c.id, _KEYS.c.organisation_id, _KEYS.c.public_key, _KEYS.c.fingerprint, _KEYS.c.retired_at,
           _KEYS.c.retired_reason, _KEYS.c.vouched_by_id, _ORGANISATIONS.c.code.label("owner_code"),
           _ORGANISATIONS.c.name.label("owner_name"))
    .join(_ORGANISATIONS, _KEYS.c.organisation_id == _ORGANISATIONS.c.id)
    .where(or_(_KEYS.c.fingerprint.in_(bindparam("fingerprints", expanding=True)),
               _KEYS.c.organisation_id.in_(bindparam("organisations", expanding=True))))
)


def _organisations(connection: Connection, codes: set[str], lock: bool
                   ) -> tuple[dict[str, KnownOrganisation], dict[int, CurrentPackage]]:
    # Each organisation with its current package, if any, in one query.
    statement = _ORGANISATIONS_WITH_CURRENT_LOCKED if lock else _ORGANISATIONS_WITH_CURRENT
    found, current = {}, {}
    for chunk in _chunks(codes):
        for row in connection.execute(statement, {"codes": chunk}):
            found[row.code] = _organisation(row)
            if row.sha256 is not None:
                # Only one package is current. Should there be more, the highest number counts.
                current.setdefault(row.id, CurrentPackage(row.id, row.sha256, row.sequence))
    return found, current


def _keys(connection: Connection, fingerprints: set[str], organisation_ids: set[int]) -> list[KeyRow]:
    # The keys with these fingerprints, and every key of these organisations.
    if len(fingerprints) <= IN_CHUNK and len(organisation_ids) <= IN_CHUNK:
        parameters = [{"fingerprints": sorted(fingerprints), "organisations": sorted(organisation_ids)}]
    else:
        parameters = [{"fingerprints": chunk, "organisations": []} for chunk in _chunks(fingerprints)]
        parameters += [{"fingerprints": [], "organisations": chunk} for chunk in _chunks(organisation_ids)]
    found: dict[int, KeyRow] = {}
    for values in parameters:
        for row in connection.execute(_KEYS_WITH_OWNERS, values):
            found[row.id] = KeyRow(**row._mapping)
    return [found[key_id] for key_id in sorted(found)]


def _school_parents(connection: Connection, organisations: dict[str, KnownOrganisation]
                    ) -> dict[int, KnownOrganisation]:
    # A nested school's parent is usually the municipality that sent it, which was read
    # with the senders. So a municipal package usually needs no query here, and a
    # school's own package needs one.
    by_id = {organisation.id: organisation for organisation in organisations.values()}
    parent_ids = {organisation.parent_id for organisation in organisations.values()
                  if organisation.kind == "school" and organisation.parent_id is not None}
    parents = {parent_id: by_id[parent_id] for parent_id in parent_ids if parent_id in by_id}
    for chunk in _chunks(parent_ids - parents.keys()):
        for row in connection.execute(_ORGANISATIONS_BY_ID, {"ids": chunk}):
            parents[row.id] = _organisation(row)
    return parents


def _other_authority(connection: Connection, sender: Sender) -> KnownOrganisation | None:
    row = connection.execute(
        select(*_ORGANISATION_COLUMNS).where(
            _ORGANISATIONS.c.kind == "municipality",
            _ORGANISATIONS.c.municipality_code == sender.municipality_code,
            _ORGANISATIONS.c.code != sender.code,
        ).order_by(_ORGANISATIONS.c.id).limit(1)
    ).first()
    return None if row is None else _organisation(row)
