"""Building a signed package and verifying one as received.

Verification works on the bytes as they arrived: the signature is checked
over the manifest member's exact bytes, never over a re-serialisation, and
every other member is checked against the hash the manifest lists. A
municipal package carries its schools' packages unchanged; each of them is
verified the same way against the school keys the municipality vouches for.
Whether a signer is trusted is decided by the caller, which knows the
trust registry.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from proforient_desktop import __version__
from proforient_desktop.catalog import Catalog
from proforient_desktop.exchange import container
from proforient_desktop.exchange.container import DEFAULT_LIMITS, Limits
from proforient_desktop.exchange.errors import PackageRejected
from proforient_desktop.exchange.keys import KeyPair, fingerprint, verify_signature
from proforient_desktop.exchange.manifest import Manifest, Sender, manifest_bytes, parse_manifest, sha256_hex
from proforient_desktop.exchange.payload import Snapshot, load_json_object, parse_payload, payload_bytes

FILE_SUFFIX = ".proforient"
NESTING_ROLE = "municipality"
NESTED_ROLE = "school"


@dataclass(frozen=True)
class AcceptedKey:
    """A school key the sending municipality accepted and vouches for."""

    organisation_code: str
    public_key: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


@dataclass(frozen=True)
class VerifiedPackage:
    """A package whose signature and member hashes are correct, and its contents."""

    data: bytes
    sha256: str
    manifest: Manifest
    snapshot: Snapshot
    nested: tuple[VerifiedPackage, ...] = ()
    accepted_keys: tuple[AcceptedKey, ...] = ()

    @property
    def sender(self) -> Sender:
        return self.manifest.sender


def build_package(*, key_pair: KeyPair, catalog: Catalog, sender: Sender, sequence: int, snapshot: Snapshot,
                  nested: list[bytes] | tuple[bytes, ...] = (), accepted_keys: tuple[AcceptedKey, ...] = ()
                  ) -> bytes:
    """Return the bytes of a package signed by ``key_pair``."""
    members = {container.PAYLOAD: payload_bytes(catalog, snapshot)}
    if nested or accepted_keys:
        members[container.ACCEPTED_KEYS] = _accepted_keys_bytes(accepted_keys)
    for package in sorted(nested, key=sha256_hex):
        members[f"{container.NESTED_PREFIX}{sha256_hex(package)}{container.NESTED_SUFFIX}"] = package

    manifest = manifest_bytes(app_version=__version__, catalog_version=catalog.version, sender=sender,
                              sequence=sequence, public_key=key_pair.public_key_bytes, members=members)
    return container.write_container({
        container.MANIFEST: manifest,
        container.SIGNATURE: key_pair.sign(manifest),
        **members,
    })


def verify_package(data: bytes, catalog: Catalog, *, limits: Limits = DEFAULT_LIMITS,
                   nested_allowed: bool = True) -> VerifiedPackage:
    """Check a package's container, signature, hashes and contents.

    Raises ``PackageRejected`` with the reason in Russian. The signer is only
    checked against the key inside the package here.
    """
    members = container.read_container(data, limits)
    manifest_data = members.get(container.MANIFEST)
    signature = members.get(container.SIGNATURE)
    if manifest_data is None or signature is None:
        raise PackageRejected("в архиве нет описания пакета или подписи: это не пакет ProfOrient")

    manifest = parse_manifest(manifest_data)
    if not verify_signature(manifest.public_key, signature, manifest_data):
        raise PackageRejected(
            "подпись не совпадает с содержимым: пакет изменён после подписания или повреждён",
            "Не используйте этот файл; попросите отправителя выгрузить пакет заново.",
        )
    _check_member_hashes(manifest, members)

    snapshot = parse_payload(members[container.PAYLOAD], catalog)
    nested_names = sorted(name for name in members if name.startswith(container.NESTED_PREFIX))
    if not nested_names and container.ACCEPTED_KEYS not in members:
        return VerifiedPackage(data, sha256_hex(data), manifest, snapshot)

    if not nested_allowed or manifest.sender.role != NESTING_ROLE:
        raise PackageRejected("пакет этой организации не может содержать вложенные пакеты")
    accepted_keys = _parse_accepted_keys(members.get(container.ACCEPTED_KEYS, b""))
    nested = tuple(
        _verify_nested(name, members[name], catalog, limits, manifest.sender, accepted_keys)
        for name in nested_names
    )
    senders = [package.sender.code for package in nested]
    if len(set(senders)) != len(senders):
        raise PackageRejected("в пакете два вложенных пакета одной организации")
    return VerifiedPackage(data, sha256_hex(data), manifest, snapshot, nested, accepted_keys)


def _check_member_hashes(manifest: Manifest, members: dict[str, bytes]) -> None:
    present = set(members) - {container.MANIFEST, container.SIGNATURE}
    listed = set(manifest.members)
    if present != listed:
        extra = sorted(present - listed) or sorted(listed - present)
        raise PackageRejected(f"состав архива не совпадает с описанием пакета (часть «{extra[0]}»)")
    if container.PAYLOAD not in present:
        raise PackageRejected("в пакете нет данных организации (payload.json)")
    for name in sorted(present):
        if sha256_hex(members[name]) != manifest.members[name]:
            raise PackageRejected(
                f"часть «{name}» изменена после подписания (не совпадает контрольная сумма)",
                "Не используйте этот файл; попросите отправителя выгрузить пакет заново.",
            )


def _verify_nested(name: str, data: bytes, catalog: Catalog, limits: Limits, outer: Sender,
                   accepted_keys: tuple[AcceptedKey, ...]) -> VerifiedPackage:
    try:
        package = verify_package(data, catalog, limits=limits, nested_allowed=False)
        if not name.endswith(f"{package.sha256}{container.NESTED_SUFFIX}"):
            raise PackageRejected("имя не совпадает с контрольной суммой")
        _check_nested_sender(package, outer, accepted_keys)
    except PackageRejected as error:
        raise PackageRejected(f"вложенный пакет «{name}»: {error.reason}", error.advice) from None
    return package


def _check_nested_sender(package: VerifiedPackage, outer: Sender, accepted_keys: tuple[AcceptedKey, ...]) -> None:
    sender = package.sender
    if sender.role != NESTED_ROLE:
        raise PackageRejected(f"отправитель «{sender.name}» не общеобразовательная организация")
    if sender.municipality_code != outer.municipality_code:
        raise PackageRejected(f"организация «{sender.name}» относится к другому муниципальному образованию")
    vouched = {key.public_key for key in accepted_keys if key.organisation_code == sender.code}
    if package.manifest.public_key not in vouched:
        raise PackageRejected(
            f"пакет организации «{sender.name}» подписан ключом {package.manifest.fingerprint}, "
            "который муниципалитет не подтвердил"
        )


def _accepted_keys_bytes(keys: tuple[AcceptedKey, ...]) -> bytes:
    entries = sorted(
        ({"organisation_code": key.organisation_code,
          "public_key": base64.b64encode(key.public_key).decode("ascii"),
          "fingerprint": key.fingerprint} for key in keys),
        key=lambda entry: (entry["organisation_code"], entry["public_key"]),
    )
    return json.dumps({"keys": entries}, ensure_ascii=False, indent=1).encode("utf-8")


def _parse_accepted_keys(data: bytes) -> tuple[AcceptedKey, ...]:
    raw = load_json_object(data, "ключи организаций (accepted_keys.json)")
    entries = raw.get("keys")
    if not isinstance(entries, list):
        raise PackageRejected("список подтверждённых ключей имеет неверный тип")
    keys = []
    for entry in entries:
        code = entry.get("organisation_code") if isinstance(entry, dict) else None
        encoded = entry.get("public_key") if isinstance(entry, dict) else None
        try:
            public_key = base64.b64decode(encoded, validate=True) if isinstance(encoded, str) else b""
        except (binascii.Error, ValueError):
            public_key = b""
        if not isinstance(code, str) or len(public_key) != 32:
            raise PackageRejected("список подтверждённых ключей повреждён")
        keys.append(AcceptedKey(code, public_key))
    return tuple(keys)
