"""The trust registry: which public key signs for which organisation.

A key is accepted once, by the operator (from a key card, or on the first
package after comparing the fingerprint) or because a trusted municipality
vouches for one of its schools. A different key for a known organisation is
rejected until the operator replaces the key; retired keys stay in the
registry so packages they signed later are rejected with the reason.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from proforient_desktop.exchange.errors import PackageRejected
from proforient_desktop.exchange.keys import fingerprint
from proforient_desktop.exchange.registry import SenderLookup, load_keys
from proforient_desktop.storage.models import Organisation, TrustedKey

VIA_CARD = "key_card"
VIA_FIRST_PACKAGE = "first_package"
VIA_REPLACEMENT = "replacement"
VIA_VOUCHED = "vouched"
VIA_RESTORE = "restore"

REPLACE_ADVICE = (
    "Если организация сменила компьютер или восстановила программу, сверьте новый отпечаток по телефону "
    "и замените ключ («Обмен» → «Заменить ключ» или «proforient keys replace»)."
)


class KeyStatus:
    """How the registry stands towards a signer key of an organisation."""

    TRUSTED = "trusted"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class KeyCheck:
    status: str
    # The id of the registered key that signed, when the status is TRUSTED.
    key_id: int | None = None


def active_keys(session: Session, organisation_id: int) -> list[TrustedKey]:
    return list(session.scalars(
        select(TrustedKey).where(TrustedKey.organisation_id == organisation_id, TrustedKey.retired_at.is_(None))
        .order_by(TrustedKey.id)
    ))


def keys_of(session: Session, organisation_id: int) -> list[TrustedKey]:
    return list(session.scalars(
        select(TrustedKey).where(TrustedKey.organisation_id == organisation_id).order_by(TrustedKey.id)
    ))


def check_signer(session: Session, organisation: Organisation | None, public_key: bytes, sender_name: str
                 ) -> KeyCheck:
    """Check a signer key against the registry; raise ``PackageRejected`` when it must be rejected.

    Returns ``UNKNOWN`` when the organisation has never had a key, so the
    operator may accept this one after comparing the fingerprint.
    """
    session.flush()
    lookup = load_keys(session, public_key, organisation.id if organisation is not None else None)
    return check_signer_in(lookup, organisation.id if organisation is not None else None, public_key, sender_name)


def check_signer_in(lookup: SenderLookup, organisation_id: int | None, public_key: bytes,
                    sender_name: str) -> KeyCheck:
    """Check a signer key against the registry's rows in ``lookup``, as ``check_signer`` does."""
    _check_not_taken(lookup, organisation_id, public_key)
    if organisation_id is None:
        return KeyCheck(KeyStatus.UNKNOWN)

    history = lookup.keys_of(organisation_id)
    for key in history:
        if key.public_key != public_key:
            continue
        if key.retired_at is not None:
            reason = f" ({key.retired_reason})" if key.retired_reason else ""
            raise PackageRejected(
                f"ключ {fingerprint(public_key)} организации «{sender_name}» выведен из употребления{reason}",
                REPLACE_ADVICE,
            )
        return KeyCheck(KeyStatus.TRUSTED, key.id)

    active = [key for key in history if key.retired_at is None]
    if active:
        raise PackageRejected(
            f"пакет организации «{sender_name}» подписан ключом {fingerprint(public_key)}, "
            f"а зарегистрирован ключ {active[0].fingerprint}",
            REPLACE_ADVICE,
        )
    if history:
        raise PackageRejected(
            f"все ключи организации «{sender_name}» выведены из употребления, "
            f"а пакет подписан новым ключом {fingerprint(public_key)}",
            REPLACE_ADVICE,
        )
    return KeyCheck(KeyStatus.UNKNOWN)


def check_key_not_taken(session: Session, organisation: Organisation | None, public_key: bytes) -> None:
    """Reject a key registered (or once registered) for another organisation."""
    session.flush()
    lookup = load_keys(session, public_key, organisation.id if organisation is not None else None)
    _check_not_taken(lookup, organisation.id if organisation is not None else None, public_key)


def _check_not_taken(lookup: SenderLookup, organisation_id: int | None, public_key: bytes) -> None:
    for key in lookup.keys_with(public_key):
        if organisation_id is None or key.organisation_id != organisation_id:
            raise PackageRejected(
                f"ключ {key.fingerprint} зарегистрирован за другой организацией: «{key.owner_name}» "
                f"(код {key.owner_code})",
                "Пакет подписан чужим ключом; не загружайте его и свяжитесь с отправителем.",
            )


def register_key(session: Session, organisation: Organisation, public_key: bytes, via: str, *,
                 vouched_by: Organisation | None = None) -> TrustedKey:
    key = TrustedKey(
        organisation_id=organisation.id,
        public_key=public_key,
        fingerprint=fingerprint(public_key),
        registered_via=via,
        vouched_by_id=vouched_by.id if vouched_by is not None else None,
    )
    session.add(key)
    session.flush()
    return key


def retire_keys(session: Session, organisation: Organisation, reason: str) -> list[TrustedKey]:
    """Retire every active key of the organisation and return them."""
    now = dt.datetime.now(dt.timezone.utc)
    retired = active_keys(session, organisation.id)
    for key in retired:
        key.retired_at = now
        key.retired_reason = reason
    session.flush()
    return retired


class VouchedKeyAction(str, enum.Enum):
    """What a municipality's vouching does to a school's key at the region."""

    NONE = "none"
    REGISTER = "register"
    REPLACE = "replace"


def check_vouched_key_in(lookup: SenderLookup, municipality_id: int | None, school_id: int | None,
                         public_key: bytes, school_name: str) -> VouchedKeyAction:
    """Check a school key that a municipality vouches for inside its package.

    A municipality may change a key it vouched for earlier (the school moved
    to a new computer and the municipality approved it), but not a key the
    region registered itself or one another municipality vouched for.
    """
    _check_not_taken(lookup, school_id, public_key)
    if school_id is None:
        return VouchedKeyAction.REGISTER

    history = lookup.keys_of(school_id)
    for key in history:
        if key.public_key == public_key:
            if key.retired_at is not None:
                raise PackageRejected(
                    f"ключ {key.fingerprint} организации «{school_name}» выведен из употребления в этой установке",
                    REPLACE_ADVICE,
                )
            return VouchedKeyAction.NONE

    active = [key for key in history if key.retired_at is None]
    if not active:
        return VouchedKeyAction.REGISTER
    vouched_by_sender = municipality_id is not None and all(key.vouched_by_id == municipality_id for key in active)
    if not vouched_by_sender:
        raise PackageRejected(
            f"пакет организации «{school_name}» подписан ключом {fingerprint(public_key)}, "
            f"а в этой установке для неё зарегистрирован ключ {active[0].fingerprint}",
            REPLACE_ADVICE,
        )
    return VouchedKeyAction.REPLACE
