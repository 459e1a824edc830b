"""The manifest: who sent a package, its sequence number and the hash of each member.

The signature covers the manifest's bytes exactly as stored in the file, and
the manifest covers every other member by its SHA-256, so one signature
check plus the hash checks prove that nothing in the package was changed.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from proforient_desktop.exchange.errors import PackageRejected
from proforient_desktop.exchange.keys import PUBLIC_KEY_LENGTH, fingerprint
from proforient_desktop.exchange.payload import load_json_object

FORMAT_NAME = "proforient-package"
# Versions this application reads; a package of a higher version was made
# by a newer application and is rejected with advice to update.
FORMAT_VERSION = 1
READABLE_VERSIONS = frozenset({1})

ROLES = ("school", "college", "municipality", "region")
MAX_SEQUENCE = 2**53
_ORG_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Sender:
    """The organisation that made a package."""

    code: str
    name: str
    role: str
    municipality_code: str | None


@dataclass(frozen=True)
class Manifest:
    """A manifest as read from a package."""

    format_version: int
    app_version: str
    catalog_version: int
    sender: Sender
    sequence: int
    created_at: str
    public_key: bytes
    fingerprint: str
    members: dict[str, str]


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_bytes(*, app_version: str, catalog_version: int, sender: Sender, sequence: int,
                   public_key: bytes, members: dict[str, bytes]) -> bytes:
    """Build the manifest of a package whose other members are ``members``."""
    data = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "app_version": app_version,
        "catalog_version": catalog_version,
        "sender": {
            "code": sender.code,
            "name": sender.name,
            "role": sender.role,
            "municipality_code": sender.municipality_code,
        },
        "sequence": sequence,
        # Information for people only: clocks in the field are often wrong,
        # so the sequence number alone decides which package is newer.
        "created_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "signer": {
            "public_key": base64.b64encode(public_key).decode("ascii"),
            "fingerprint": fingerprint(public_key),
        },
        "members": {name: {"sha256": sha256_hex(content), "size": len(content)} for name, content in members.items()},
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def parse_manifest(data: bytes) -> Manifest:
    """Read a manifest and check its fields; the signature is checked by the caller."""
    raw = load_json_object(data, "описание пакета (manifest.json)")
    if raw.get("format") != FORMAT_NAME:
        raise PackageRejected("это не пакет ProfOrient (неизвестный формат описания)")
    version = raw.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise PackageRejected(f"недопустимая версия формата «{version!r}»")
    if version not in READABLE_VERSIONS:
        raise PackageRejected(
            f"пакет создан более новой версией программы (формат {version}, "
            f"эта версия читает форматы до {max(READABLE_VERSIONS)})",
            "Обновите программу и повторите загрузку.",
        )

    signer = _object(raw, "signer")
    public_key = _public_key(signer.get("public_key"))
    if signer.get("fingerprint") != fingerprint(public_key):
        raise PackageRejected("отпечаток ключа в описании пакета не соответствует ключу")
    return Manifest(
        format_version=version,
        app_version=_string(raw, "app_version", 40),
        catalog_version=_whole(raw, "catalog_version"),
        sender=parse_sender(_object(raw, "sender")),
        sequence=_sequence(raw.get("sequence")),
        created_at=_string(raw, "created_at", 40),
        public_key=public_key,
        fingerprint=fingerprint(public_key),
        members=_members(_object(raw, "members")),
    )


def _object(raw: dict, key: str) -> dict[str, Any]:
    value = raw.get(key)
    if not isinstance(value, dict):
        raise PackageRejected(f"в описании пакета нет раздела «{key}»")
    return value


def _string(raw: dict, key: str, limit: int) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or len(value) > limit:
        raise PackageRejected(f"поле «{key}» описания пакета имеет неверный тип или длину")
    return value


def _whole(raw: dict, key: str) -> int:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < MAX_SEQUENCE:
        raise PackageRejected(f"поле «{key}» описания пакета должно быть целым числом ≥ 0")
    return value


def _sequence(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value < MAX_SEQUENCE:
        raise PackageRejected(f"недопустимый порядковый номер пакета «{value!r}»")
    return value


def _public_key(value: object) -> bytes:
    try:
        key = base64.b64decode(value, validate=True) if isinstance(value, str) else b""
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != PUBLIC_KEY_LENGTH:
        raise PackageRejected("открытый ключ отправителя в описании пакета повреждён")
    return key


def parse_sender(raw: dict) -> Sender:
    code = raw.get("code")
    if not isinstance(code, str) or not _ORG_CODE.match(code):
        raise PackageRejected(f"недопустимый код организации-отправителя «{code}»")
    role = raw.get("role")
    if role not in ROLES:
        raise PackageRejected(f"недопустимая роль отправителя «{role}»")
    municipality = raw.get("municipality_code")
    if municipality is not None and (not isinstance(municipality, str) or not 0 < len(municipality) <= 64):
        raise PackageRejected("недопустимый код муниципального образования отправителя")
    name = _string(raw, "name", 500)
    if not name.strip():
        raise PackageRejected("не указано наименование организации-отправителя")
    return Sender(code=code, name=name, role=role, municipality_code=municipality)


def _members(raw: dict) -> dict[str, str]:
    members = {}
    for name, entry in raw.items():
        digest = entry.get("sha256") if isinstance(entry, dict) else None
        if not isinstance(digest, str) or not _SHA256.match(digest):
            raise PackageRejected(f"в описании пакета неверная контрольная сумма части «{name}»")
        members[name] = digest
    return members
