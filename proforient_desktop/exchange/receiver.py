"""Who may send a package to this installation.

A municipality receives its own schools' packages; the region receives the
municipalities', the colleges' and those of schools that report to the
ministry directly. A school whose data the region already received inside a
municipal package belongs to that municipality, and its own package is
rejected at the region: it must come through the municipality, which vouches
for the school's key. Schools and colleges receive nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from proforient_desktop.exchange.errors import PackageRejected
from proforient_desktop.exchange.manifest import Sender
from proforient_desktop.exchange.registry import KnownOrganisation, SenderLookup, load_lookup
from proforient_desktop.storage.models import Organisation

ACCEPTED_SENDERS = {
    "municipality": ("school",),
    "region": ("municipality", "college", "school"),
}
# Codes that ``proforient demo`` gives its fictional organisations; a real code (an INN) never starts so.
DEMO_CODE_PREFIX = "demo-"
ROLE_NAMES_RU = {
    "school": "общеобразовательная организация",
    "college": "профессиональная образовательная организация",
    "municipality": "орган местного самоуправления",
    "region": "региональный оператор",
}


@dataclass(frozen=True)
class Receiver:
    """This installation: its role and its own organisation."""

    role: str
    organisation: KnownOrganisation


def check_sender(session: Session, receiver: Receiver, sender: Sender) -> Organisation | None:
    """Check that this installation accepts packages from ``sender``; return its known organisation."""
    session.flush()
    lookup = load_lookup(session, [sender], ())
    known = check_sender_in(lookup, receiver, sender)
    return session.get(Organisation, known.id) if known is not None else None


def check_sender_in(lookup: SenderLookup, receiver: Receiver, sender: Sender) -> KnownOrganisation | None:
    """Check ``sender`` against the rows of ``lookup``; return its known organisation."""
    accepted = ACCEPTED_SENDERS.get(receiver.role, ())
    if not accepted:
        raise PackageRejected(
            "эта установка не принимает пакеты: их загружают орган местного самоуправления и региональный оператор",
            "Отправьте файл по назначению.",
        )
    if sender.code == receiver.organisation.code:
        raise PackageRejected("это пакет вашей собственной организации", "Для восстановления данных используйте "
                              "восстановление из пакета при настройке программы.")
    check_not_demo(receiver, sender)
    if sender.role not in accepted:
        raise PackageRejected(
            f"отправитель «{sender.name}» — {ROLE_NAMES_RU[sender.role]}; "
            f"{ROLE_NAMES_RU[receiver.role]} такие пакеты не принимает",
            "Профессиональные образовательные организации и ОМСУ отправляют пакеты региональному оператору.",
        )
    if receiver.role == "municipality" and sender.municipality_code != receiver.organisation.municipality_code:
        territory = lookup.municipality_names.get(sender.municipality_code) if sender.municipality_code else None
        raise PackageRejected(
            f"организация «{sender.name}» относится к другому муниципальному образованию "
            f"({territory or sender.municipality_code or 'не указано'})",
            "Пакет нужно отправить в свой ОМСУ.",
        )

    organisation = _known(lookup, sender)
    if receiver.role == "region" and sender.role == "school" and organisation is not None:
        _check_not_municipal_school(lookup, organisation, sender)
    if receiver.role == "municipality" and organisation is not None \
            and organisation.municipality_code != receiver.organisation.municipality_code:
        raise PackageRejected(
            f"организация с кодом {sender.code} зарегистрирована в другом муниципальном образовании "
            f"({organisation.municipality_code or 'не указано'})",
            "Проверьте код организации в справочнике.",
        )
    if sender.role == "municipality":
        _check_one_authority(lookup, sender)
    return organisation


def _check_not_municipal_school(lookup: SenderLookup, organisation: KnownOrganisation, sender: Sender) -> None:
    # A school's parent becomes the municipal authority when its package first comes
    # nested in a municipal one. A school under the ministry has the region or no parent.
    # Key cards (``check_sender``) are not checked so: the lookup then has no parents.
    # NOTE: a school known only from a municipal directory list has no parent, so the
    # region still accepts its own package until its municipality nests it.
    parent = lookup.parents.get(organisation.parent_id) if organisation.parent_id is not None else None
    if parent is None or parent.kind != "municipality":
        return
    territory = lookup.municipality_names.get(organisation.municipality_code or "") \
        or organisation.municipality_code or "не указано"
    raise PackageRejected(
        f"школа «{sender.name}» (код {sender.code}) относится к муниципальному образованию «{territory}», "
        f"и её данные региональный оператор принимает только в пакете ОМСУ «{parent.name}», "
        "который подтверждает ключ школы",
        f"Школе нужно отправить пакет в «{parent.name}», а ОМСУ — выгрузить свой пакет и отправить его "
        "региональному оператору.",
    )


def check_nested_sender_in(lookup: SenderLookup, receiver: Receiver, parent: Sender,
                           sender: Sender) -> KnownOrganisation | None:
    """Check a school package nested in a municipal one; return the school's known organisation."""
    check_not_demo(receiver, sender)
    organisation = _known(lookup, sender)
    if organisation is not None and organisation.municipality_code != parent.municipality_code:
        raise PackageRejected(
            f"вложенный пакет организации «{sender.name}»: она зарегистрирована в другом муниципальном "
            f"образовании ({organisation.municipality_code or 'не указано'})",
            "Свяжитесь с ОМСУ, приславшим пакет.",
        )
    return organisation


def check_not_demo(receiver: Receiver, sender: Sender) -> None:
    """Reject a demo organisation's package at a real installation, so fictional figures never reach a report."""
    if not sender.code.startswith(DEMO_CODE_PREFIX) or receiver.organisation.code.startswith(DEMO_CODE_PREFIX):
        return
    raise PackageRejected(
        f"это демонстрационный пакет вымышленной организации «{sender.name}» (код {sender.code}); "
        "в рабочую базу демонстрационные данные не загружаются",
        "Откройте его в демонстрационной установке (proforient demo) или попросите организацию прислать "
        "пакет её настоящих данных.",
    )


def _known(lookup: SenderLookup, sender: Sender) -> KnownOrganisation | None:
    if sender.municipality_code is not None and sender.municipality_code not in lookup.municipality_names:
        raise PackageRejected(
            f"муниципальное образование «{sender.municipality_code}» организации «{sender.name}» нет в справочнике",
            "Добавьте его в справочник или обновите программу.",
        )
    if sender.role == "municipality" and sender.municipality_code is None:
        raise PackageRejected(f"у органа местного самоуправления «{sender.name}» не указано муниципальное образование")

    organisation = lookup.organisations.get(sender.code)
    if organisation is not None and organisation.kind != sender.role:
        raise PackageRejected(
            f"организация с кодом {sender.code} зарегистрирована как {ROLE_NAMES_RU.get(organisation.kind, organisation.kind)}, "
            f"а пакет прислан как от организации вида «{ROLE_NAMES_RU[sender.role]}»",
            "Проверьте код организации у отправителя.",
        )
    return organisation


def _check_one_authority(lookup: SenderLookup, sender: Sender) -> None:
    other = lookup.other_authorities.get(sender.code)
    if other is not None:
        raise PackageRejected(
            f"для этого муниципального образования уже зарегистрирован орган «{other.name}» (код {other.code})",
            "Проверьте код организации у отправителя.",
        )
