"""The planned outcome of importing a package, as the preview shows it and the import writes it."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace

from proforient_desktop.exchange.errors import PackageRejected
from proforient_desktop.exchange.manifest import Sender
from proforient_desktop.exchange.package import VerifiedPackage
from proforient_desktop.exchange.payload import Snapshot
from proforient_desktop.exchange.registry import KnownOrganisation
from proforient_desktop.exchange.trust import VouchedKeyAction


class Outcome(str, enum.Enum):
    NEW = "new"
    REPLACES = "replaces"
    ALREADY_IMPORTED = "already_imported"
    OLDER = "older"
    REJECTED = "rejected"


OUTCOME_NAMES_RU = {
    Outcome.NEW: "новый",
    Outcome.REPLACES: "заменит прежний",
    Outcome.ALREADY_IMPORTED: "уже загружен",
    Outcome.OLDER: "более старый, не загружается",
    Outcome.REJECTED: "отклонён",
}


@dataclass
class PackagePlan:
    """The planned outcome of one package; ``message`` is the Russian explanation."""

    file_name: str
    outcome: Outcome
    message: str
    package: VerifiedPackage | None = None
    sequence: int | None = None
    current_sequence: int | None = None
    key_unknown: bool = False
    vouched_key_action: VouchedKeyAction = VouchedKeyAction.NONE
    nested: list[PackagePlan] = field(default_factory=list)
    # The sender's organisation as planning found it (locked), None if new.
    organisation: KnownOrganisation | None = None

    @property
    def sender(self) -> Sender | None:
        return self.package.sender if self.package is not None else None

    @property
    def fingerprint(self) -> str:
        return self.package.manifest.fingerprint if self.package is not None else ""

    @property
    def needs_trust(self) -> bool:
        """Whether the package is rejected unless the operator trusts its new key."""
        return self.key_unknown and self.outcome is not Outcome.REJECTED

    @property
    def writes(self) -> bool:
        """Whether applying the plan changes the database."""
        if self.outcome is Outcome.REJECTED:
            return False
        own = self.outcome in (Outcome.NEW, Outcome.REPLACES)
        return own or any(plan.writes for plan in self.nested)

    def without_contents(self) -> PackagePlan:
        """Return this plan with the package's bytes and figures dropped, its identity kept.

        An import's report outlives the merge. Holding every package's parsed
        activities until a folder import ends would take gigabytes at the scale
        of a large region (about 0.3 MB a school).
        """
        package = self.package
        if package is not None:
            package = replace(package, data=b"", snapshot=Snapshot(), nested=())
        return replace(self, package=package, nested=[plan.without_contents() for plan in self.nested])


def unknown_key_note(key_fingerprint: str) -> str:
    return (f"ключ отправителя ещё не зарегистрирован (отпечаток {key_fingerprint}): пакет будет отклонён, "
            "если не подтвердить ключ после сверки отпечатка с организацией по телефону")


def key_registered_note(key_fingerprint: str) -> str:
    return f"ключ отправителя зарегистрирован после сверки отпечатка ({key_fingerprint})"


def rejected_plan(file_name: str, error: PackageRejected, package: VerifiedPackage | None = None) -> PackagePlan:
    return PackagePlan(file_name, Outcome.REJECTED, error.for_file(file_name), package)


class SequenceReused(PackageRejected):
    """A package numbered like the imported one but with other contents.

    The sender gave one number to two different packages, for instance
    after restoring its program from an old copy. Neither can be called the
    newer, so the file is rejected rather than ignored as older.
    """

    def __init__(self, sequence: int, sender_name: str) -> None:
        super().__init__(
            f"пакет № {sequence} организации «{sender_name}» уже загружен, а в этом файле под тем же номером "
            "другие данные: отправитель дал один номер двум разным пакетам",
            f"Попросите организацию выгрузить пакет заново и прислать файл с номером больше {sequence}; "
            "если номер снова не больше, пусть она обратится в техническую поддержку.",
        )
        self.sequence = sequence
