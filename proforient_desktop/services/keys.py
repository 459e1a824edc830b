"""The installation's key and the trust registry: key cards, registering, replacing, retiring keys."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from proforient_desktop.errors import InvalidInputError, UserError
from proforient_desktop.exchange.errors import PackageRejected
from proforient_desktop.exchange.keys import (
    PUBLIC_KEY_LENGTH,
    fingerprint,
    load_or_create_key_pair,
    verify_signature,
)
from proforient_desktop.exchange.manifest import Sender, parse_sender
from proforient_desktop.exchange.merge import ensure_organisation
from proforient_desktop.exchange.package import FILE_SUFFIX
from proforient_desktop.exchange.payload import load_json_object
from proforient_desktop.exchange.receiver import check_sender
from proforient_desktop.exchange.trust import (
    VIA_CARD,
    VIA_REPLACEMENT,
    check_key_not_taken,
    keys_of,
    register_key,
    retire_keys,
)
from proforient_desktop.services import audit
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.exchange import read_and_verify, receiver_of
from proforient_desktop.services.installation import own_organisation, require_installation
from proforient_desktop.storage.models import Organisation, TrustedKey

log = logging.getLogger(__name__)

CARD_FORMAT = "proforient-key-card"
CARD_VERSION = 1
CARD_SUFFIX = ".key.json"
MAX_CARD_BYTES = 64 * 1024
MAX_REASON_LENGTH = 1000


@dataclass(frozen=True)
class KeyCard:
    """An organisation and its public key, for registration before the first package."""

    sender: Sender
    public_key: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


@dataclass(frozen=True)
class OwnKey:
    organisation_code: str
    organisation_name: str
    fingerprint: str
    public_key: bytes


@dataclass(frozen=True)
class RegisteredKey:
    """A row of the trust registry as shown to the operator."""

    organisation_code: str
    organisation_name: str
    fingerprint: str
    registered_at: dt.datetime
    registered_via: str
    vouched_by: str
    retired_at: dt.datetime | None
    retired_reason: str


def own_key(context: AppContext) -> OwnKey:
    key_pair = load_or_create_key_pair(context.data_dir)
    with context.database.transaction() as session:
        organisation = own_organisation(session)
    return OwnKey(organisation.code, organisation.name, key_pair.fingerprint, key_pair.public_key_bytes)


def export_key_card(context: AppContext, path: Path | None = None) -> Path:
    """Write this installation's key card and return its path."""
    key_pair = load_or_create_key_pair(context.data_dir)
    with context.database.transaction() as session:
        installation = require_installation(session)
        organisation = own_organisation(session)
    body = {
        "format": CARD_FORMAT,
        "format_version": CARD_VERSION,
        "organisation": {"code": organisation.code, "name": organisation.name, "role": installation.role.value,
                         "municipality_code": organisation.municipality_code},
        "public_key": base64.b64encode(key_pair.public_key_bytes).decode("ascii"),
        "fingerprint": key_pair.fingerprint,
    }
    # The card is signed by its own key: that proves nothing about who made
    # it (the fingerprint read over the phone does), but shows a damaged card.
    body["signature"] = base64.b64encode(key_pair.sign(_card_signed_bytes(body))).decode("ascii")

    target = Path(path) if path is not None else Path.cwd() / f"Ключ {organisation.code}{CARD_SUFFIX}"
    if target.is_dir():
        target = target / f"Ключ {organisation.code}{CARD_SUFFIX}"
    try:
        target.write_text(json.dumps(body, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as error:
        raise UserError(f"Не удалось записать карточку ключа в «{target}»: {error.strerror}.") from error
    log.info("Key card of %s written to %s", organisation.code, target)
    return target


def _card_signed_bytes(body: dict) -> bytes:
    unsigned = {key: value for key, value in body.items() if key != "signature"}
    return json.dumps(unsigned, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def read_key_card(path: Path) -> KeyCard:
    """Read and check a key card file; raise ``InvalidInputError`` naming the file."""
    try:
        if path.stat().st_size > MAX_CARD_BYTES:
            raise InvalidInputError(f"Файл «{path.name}» слишком велик для карточки ключа.")
        raw = load_json_object(path.read_bytes(), "карточка ключа")
        return _parse_card(raw)
    except PackageRejected as error:
        raise InvalidInputError(f"Файл «{path.name}» не является карточкой ключа: {error.reason}.") from None
    except OSError as error:
        raise InvalidInputError(f"Файл «{path}» не читается: {error.strerror}.") from None


def _parse_card(raw: dict) -> KeyCard:
    if raw.get("format") != CARD_FORMAT:
        raise PackageRejected("неизвестный формат")
    if raw.get("format_version") != CARD_VERSION:
        raise PackageRejected(f"версия {raw.get('format_version')!r} не поддерживается; обновите программу")
    try:
        public_key = base64.b64decode(raw.get("public_key", ""), validate=True)
        signature = base64.b64decode(raw.get("signature", ""), validate=True)
    except (binascii.Error, ValueError, TypeError):
        raise PackageRejected("ключ или подпись повреждены") from None
    if len(public_key) != PUBLIC_KEY_LENGTH or not verify_signature(public_key, signature, _card_signed_bytes(raw)):
        raise PackageRejected("карточка повреждена или изменена (подпись не совпадает)")

    organisation = raw.get("organisation")
    if not isinstance(organisation, dict):
        raise PackageRejected("нет сведений об организации")
    return KeyCard(parse_sender(organisation), public_key)


def read_key_source(context: AppContext, path: Path) -> KeyCard:
    """Read a key from a key card or from a package the organisation signed with it."""
    path = Path(path)
    if path.suffix.lower() != FILE_SUFFIX:
        return read_key_card(path)
    try:
        package = read_and_verify(context, path)
    except PackageRejected as error:
        raise InvalidInputError(error.for_file(path.name)) from None
    return KeyCard(package.sender, package.manifest.public_key)


def trust_key_card(context: AppContext, path: Path) -> RegisteredKey:
    """Register the key of a key card for its organisation (which may be new to this installation)."""
    card = read_key_source(context, path)
    with context.database.transaction() as session:
        organisation = _check_card_sender(session, card, path)
        if organisation is not None:
            for key in keys_of(session, organisation.id):
                if key.public_key == card.public_key:
                    raise InvalidInputError(_already_known_message(key, organisation))
            if any(key.retired_at is None for key in keys_of(session, organisation.id)):
                raise InvalidInputError(
                    f"Для организации «{organisation.name}» уже зарегистрирован другой ключ. Чтобы заменить его, "
                    f"выполните «proforient keys replace {organisation.code} ФАЙЛ --reason ПРИЧИНА»."
                )
        organisation = ensure_organisation(session, card.sender, receiver_of(session).organisation)
        key = register_key(session, organisation, card.public_key, VIA_CARD)
        audit.record(session, context.operator, "key_trusted", organisation.code, fingerprint=key.fingerprint,
                     via=VIA_CARD, file=Path(path).name)
        registered = _registered(session, key)
    log.info("Key %s registered for %s from %s", key.fingerprint, organisation.code, path)
    return registered


def replace_key(context: AppContext, org_code: str, path: Path, reason: str) -> RegisteredKey:
    """Retire the organisation's keys and register the one from a key card or package."""
    reason = _reason(reason)
    card = read_key_source(context, path)
    if card.sender.code != org_code:
        raise InvalidInputError(
            f"Файл «{Path(path).name}» содержит ключ организации {card.sender.code}, а не {org_code}."
        )
    with context.database.transaction() as session:
        organisation = _known_organisation(session, org_code)
        _check_card_sender(session, card, path)
        if any(key.public_key == card.public_key and key.retired_at is None for key in keys_of(session, organisation.id)):
            raise InvalidInputError(f"Этот ключ уже зарегистрирован для организации «{organisation.name}».")
        retired = retire_keys(session, organisation, reason)
        key = register_key(session, organisation, card.public_key, VIA_REPLACEMENT)
        audit.record(session, context.operator, "key_replaced", org_code, fingerprint=key.fingerprint,
                     retired=[old.fingerprint for old in retired], reason=reason)
        registered = _registered(session, key)
    log.info("Key of %s replaced by %s", org_code, key.fingerprint)
    return registered


def retire_key(context: AppContext, org_code: str, reason: str) -> list[RegisteredKey]:
    """Retire every active key of an organisation; its packages are rejected until a new key is registered."""
    reason = _reason(reason)
    with context.database.transaction() as session:
        organisation = _known_organisation(session, org_code)
        retired = retire_keys(session, organisation, reason)
        if not retired:
            raise InvalidInputError(f"У организации «{organisation.name}» нет действующих ключей.")
        audit.record(session, context.operator, "key_retired", org_code,
                     fingerprints=[key.fingerprint for key in retired], reason=reason)
        rows = [_registered(session, key) for key in retired]
    log.info("%d key(s) of %s retired", len(rows), org_code)
    return rows


def list_trusted_keys(context: AppContext) -> list[RegisteredKey]:
    with context.database.transaction() as session:
        keys = session.scalars(select(TrustedKey).order_by(TrustedKey.organisation_id, TrustedKey.id))
        return [_registered(session, key) for key in keys]


def _check_card_sender(session: Session, card: KeyCard, path: Path) -> Organisation | None:
    try:
        organisation = check_sender(session, receiver_of(session), card.sender)
        check_key_not_taken(session, organisation, card.public_key)
    except PackageRejected as error:
        raise InvalidInputError(f"Ключ из файла «{Path(path).name}» не может быть зарегистрирован: "
                                f"{error.message}") from None
    return organisation


def _known_organisation(session: Session, code: str) -> Organisation:
    organisation = session.scalars(select(Organisation).where(Organisation.code == code)).one_or_none()
    if organisation is None:
        raise InvalidInputError(f"Организация с кодом «{code}» не найдена в реестре этой установки.")
    return organisation


def _reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise InvalidInputError("Укажите причину (--reason), например «новый компьютер после поломки».")
    if len(reason) > MAX_REASON_LENGTH:
        raise InvalidInputError(f"Причина длиннее {MAX_REASON_LENGTH} знаков: сократите её.")
    return reason


def _already_known_message(key: TrustedKey, organisation: Organisation) -> str:
    if key.retired_at is not None:
        return (f"Ключ {key.fingerprint} организации «{organisation.name}» выведен из употребления "
                f"({key.retired_reason}); повторно зарегистрировать его нельзя.")
    return f"Ключ {key.fingerprint} уже зарегистрирован для организации «{organisation.name}»."


def _registered(session: Session, key: TrustedKey) -> RegisteredKey:
    organisation = session.get(Organisation, key.organisation_id)
    vouched_by = session.get(Organisation, key.vouched_by_id) if key.vouched_by_id else None
    return RegisteredKey(organisation.code, organisation.name, key.fingerprint, key.registered_at,
                         key.registered_via, vouched_by.name if vouched_by else "", key.retired_at,
                         key.retired_reason or "")
