"""The installation's Ed25519 key pair, fingerprints and signature checks.

The private key lives in ``<data dir>/keys/`` as an unencrypted PKCS #8 PEM
file that only the owner may read (mode 0600 on POSIX). It never leaves that
file: it is not logged and never written into a package.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from proforient_desktop.errors import UserError

log = logging.getLogger(__name__)

KEYS_DIR = "keys"
PRIVATE_KEY_FILE = "installation_key.pem"
PUBLIC_KEY_LENGTH = 32
SIGNATURE_LENGTH = 64

# Six groups of five digits: each group is a 40-bit slice of SHA-256 of the
# public key reduced mod 100000, about 100 bits in all, which is enough to
# compare two keys over the phone.
FINGERPRINT_GROUPS = 6
_GROUP_BYTES = 5


class KeyFileError(UserError):
    """The key file is unreadable or damaged."""


@dataclass(frozen=True)
class KeyPair:
    """The installation's signing key and its public half."""

    _private_key: Ed25519PrivateKey
    path: Path

    @property
    def public_key_bytes(self) -> bytes:
        """The raw 32-byte Ed25519 public key."""
        return self._private_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key_bytes)

    def sign(self, data: bytes) -> bytes:
        """Return the 64-byte Ed25519 signature of ``data``."""
        return self._private_key.sign(data)

    def __repr__(self) -> str:
        # The default dataclass repr would print the key object; keep it out of logs.
        return f"KeyPair(fingerprint={self.fingerprint!r})"


def fingerprint(public_key_bytes: bytes) -> str:
    """Return the key's fingerprint as six groups of five digits, e.g. ``"01234 56789 ..."``."""
    digest = hashlib.sha256(public_key_bytes).digest()
    groups = []
    for index in range(FINGERPRINT_GROUPS):
        chunk = digest[index * _GROUP_BYTES:(index + 1) * _GROUP_BYTES]
        groups.append(f"{int.from_bytes(chunk, 'big') % 100_000:05d}")
    return " ".join(groups)


def verify_signature(public_key_bytes: bytes, signature: bytes, data: bytes) -> bool:
    """Return whether ``signature`` is a valid Ed25519 signature of ``data`` by the key."""
    if len(public_key_bytes) != PUBLIC_KEY_LENGTH or len(signature) != SIGNATURE_LENGTH:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public_key_bytes).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def private_key_path(data_dir: Path) -> Path:
    return data_dir / KEYS_DIR / PRIVATE_KEY_FILE


def has_key_pair(data_dir: Path) -> bool:
    return private_key_path(data_dir).is_file()


def load_or_create_key_pair(data_dir: Path) -> KeyPair:
    """Load the installation's key pair, creating it on first use."""
    path = private_key_path(data_dir)
    if path.is_file():
        return _load(path)
    return _create(path)


def create_new_key_pair(data_dir: Path) -> KeyPair:
    """Replace the installation's key pair by a new one, keeping the old file as ``*.old``.

    Used when an installation restores its organisation on a new computer or
    the operator decides the old key is compromised.
    """
    path = private_key_path(data_dir)
    if path.is_file():
        os.replace(path, path.with_suffix(".pem.old"))
    return _create(path)


def _load(path: Path) -> KeyPair:
    try:
        private_key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as error:
        log.error("Private key file %s is unreadable: %s", path, type(error).__name__)
        raise KeyFileError(
            f"Файл ключа подписи «{path}» повреждён или недоступен. Восстановите его из резервной копии "
            "или создайте новый ключ и сообщите новый отпечаток вышестоящей организации."
        ) from None
    if not isinstance(private_key, Ed25519PrivateKey):
        raise KeyFileError(f"Файл «{path}» содержит ключ не того типа: нужен ключ Ed25519.")
    return KeyPair(private_key, path)


def _create(path: Path) -> KeyPair:
    private_key = Ed25519PrivateKey.generate()
    pem = private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_owner_only(path, pem)
    except OSError as error:
        raise KeyFileError(
            f"Не удалось записать ключ подписи в «{path.parent}»: {error.strerror}. "
            "Проверьте права на папку данных."
        ) from error
    key_pair = KeyPair(private_key, path)
    log.info("Installation key pair created, fingerprint %s", key_pair.fingerprint)
    return key_pair


def _write_owner_only(path: Path, data: bytes) -> None:
    # Written to a temporary file created with mode 0600 and renamed, so a
    # power cut never leaves a half-written key and no other user can read it
    # at any moment. On Windows the mode is ignored and the user's profile
    # folder's permissions apply.
    descriptor, temporary = tempfile.mkstemp(prefix=".key-", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
