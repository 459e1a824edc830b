"""The signed catalogue update file: the region's targets for later years, sent down to every level.

The file is UTF-8 JSON of this shape::

    {"format": "proforient-catalog-update", "format_version": 1,
     "public_key": "<base64 of the 32-byte Ed25519 key>",
     "content": "<base64 of the content JSON>",
     "signature": "<base64 of the Ed25519 signature of the content bytes>"}

and the content JSON is::

    {"issuer": {"code": "...", "name": "..."}, "sequence": 3, "created_at": "2026-01-15T10:00:00+00:00",
     "catalog_version": 1, "targets": [{"indicator": "P1", "year": 2025, "value": 14.0}, ...]}

The content is signed as bytes and parsed only after the signature checks
out, so nothing unsigned is ever read. ``targets`` is the issuer's complete
set: a newer update replaces the previous one. ``sequence`` grows with each
update the issuer exports and decides which update is newer; clocks do not.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import math
from dataclasses import dataclass
from typing import Any

from proforient_desktop.exchange.errors import PackageRejected
from proforient_desktop.exchange.keys import PUBLIC_KEY_LENGTH, KeyPair, verify_signature

FORMAT = "proforient-catalog-update"
FORMAT_VERSION = 1
FILE_SUFFIX = ".proforient-update"
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_TARGETS = 10_000
MIN_YEAR = 2000
MAX_YEAR = 2100
MAX_TARGET_VALUE = 1_000_000.0

BROKEN_ADVICE = "Попросите регионального оператора выгрузить файл обновления заново."


@dataclass(frozen=True)
class TargetEntry:
    indicator_code: str
    year: int
    value: float


@dataclass(frozen=True)
class CatalogUpdate:
    """A verified catalogue update; ``public_key`` is the signer's raw key."""

    issuer_code: str
    issuer_name: str
    sequence: int
    created_at: str
    catalog_version: int
    targets: tuple[TargetEntry, ...]
    public_key: bytes


def build_update(key_pair: KeyPair, *, issuer_code: str, issuer_name: str, sequence: int,
                 catalog_version: int, targets: list[TargetEntry],
                 created_at: dt.datetime | None = None) -> bytes:
    """Return the bytes of a catalogue update signed by ``key_pair``."""
    created_at = created_at or dt.datetime.now(dt.timezone.utc)
    content = {
        "issuer": {"code": issuer_code, "name": issuer_name},
        "sequence": sequence,
        "created_at": created_at.isoformat(timespec="seconds"),
        "catalog_version": catalog_version,
        "targets": [
            {"indicator": entry.indicator_code, "year": entry.year, "value": entry.value}
            for entry in sorted(targets, key=lambda item: (item.indicator_code, item.year))
        ],
    }
    content_bytes = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    envelope = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "public_key": _b64(key_pair.public_key_bytes),
        "content": _b64(content_bytes),
        "signature": _b64(key_pair.sign(content_bytes)),
    }
    return json.dumps(envelope, ensure_ascii=False, indent=1).encode("utf-8")


def read_update(data: bytes) -> CatalogUpdate:
    """Verify and parse a catalogue update; raise ``PackageRejected`` with the reason in Russian.

    The signature is checked against the key inside the file; whether that
    key is the region's is the caller's decision (the trust registry).
    """
    if len(data) > MAX_FILE_BYTES:
        raise PackageRejected(f"файл обновления больше {MAX_FILE_BYTES // 1024 // 1024} МиБ", BROKEN_ADVICE)
    envelope = _json_object(data, "файл обновления")
    if envelope.get("format") != FORMAT:
        raise PackageRejected("это не файл обновления справочника ProfOrient",
                              "Выберите файл с расширением " + FILE_SUFFIX + ".")
    if envelope.get("format_version") != FORMAT_VERSION:
        raise PackageRejected(f"версия формата файла обновления «{envelope.get('format_version')}» не поддерживается",
                              "Обновите программу до версии, которой пользуется региональный оператор.")

    public_key = _unb64(envelope.get("public_key"), "ключ подписи")
    content_bytes = _unb64(envelope.get("content"), "содержимое")
    signature = _unb64(envelope.get("signature"), "подпись")
    if len(public_key) != PUBLIC_KEY_LENGTH or not verify_signature(public_key, signature, content_bytes):
        raise PackageRejected("подпись файла обновления неверна: файл изменён после подписания или повреждён",
                              BROKEN_ADVICE)

    content = _json_object(content_bytes, "содержимое файла обновления")
    return _parse_content(content, public_key)


def _parse_content(content: dict[str, Any], public_key: bytes) -> CatalogUpdate:
    issuer = content.get("issuer")
    if not isinstance(issuer, dict) or not _short_text(issuer.get("code"), 64) \
            or not _short_text(issuer.get("name"), 500):
        raise PackageRejected("в файле обновления не указан отправитель", BROKEN_ADVICE)
    sequence = content.get("sequence")
    catalog_version = content.get("catalog_version")
    if not _whole(sequence) or not _whole(catalog_version):
        raise PackageRejected("номер или версия справочника в файле обновления имеют неверный тип", BROKEN_ADVICE)
    created_at = content.get("created_at", "")
    targets_raw = content.get("targets")
    if not isinstance(created_at, str) or not isinstance(targets_raw, list) or len(targets_raw) > MAX_TARGETS:
        raise PackageRejected("список целевых значений в файле обновления имеет неверный тип", BROKEN_ADVICE)

    targets = tuple(_target(index, item) for index, item in enumerate(targets_raw, start=1))
    keys = [(entry.indicator_code, entry.year) for entry in targets]
    if len(set(keys)) != len(keys):
        raise PackageRejected("в файле обновления одно целевое значение указано дважды", BROKEN_ADVICE)
    return CatalogUpdate(issuer["code"], issuer["name"], sequence, created_at[:40], catalog_version, targets,
                         public_key)


def _target(index: int, item: object) -> TargetEntry:
    where = f"целевое значение № {index}"
    if not isinstance(item, dict):
        raise PackageRejected(f"{where} имеет неверный тип", BROKEN_ADVICE)
    code, year, value = item.get("indicator"), item.get("year"), item.get("value")
    if not _short_text(code, 16):
        raise PackageRejected(f"{where}: неверный код показателя «{code!r}»", BROKEN_ADVICE)
    if not _whole(year) or not MIN_YEAR <= year <= MAX_YEAR:
        raise PackageRejected(f"{where}: неверный год «{year!r}»", BROKEN_ADVICE)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not 0 <= value <= MAX_TARGET_VALUE:
        raise PackageRejected(f"{where}: неверное значение «{value!r}»", BROKEN_ADVICE)
    return TargetEntry(code, year, float(value))


def _json_object(data: bytes, what: str) -> dict[str, Any]:
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise PackageRejected(f"{what}: испорченный JSON", BROKEN_ADVICE) from None
    if not isinstance(value, dict):
        raise PackageRejected(f"{what}: ожидается объект JSON", BROKEN_ADVICE)
    return value


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, what: str) -> bytes:
    if not isinstance(text, str):
        raise PackageRejected(f"в файле обновления нет поля «{what}»", BROKEN_ADVICE)
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise PackageRejected(f"поле «{what}» файла обновления повреждено", BROKEN_ADVICE) from None


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _short_text(value: object, limit: int) -> bool:
    return isinstance(value, str) and 0 < len(value) <= limit
