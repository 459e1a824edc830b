"""The ZIP container of a package: writing it, and reading it defensively.

A package comes from another computer and may be broken or hostile, so every
member is checked from the central directory (names, duplicates, sizes,
compression) before a single byte is decompressed, and decompression happens
in memory with the declared size as a hard limit. Nothing is written to disk.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

from proforient_desktop.exchange.errors import PackageRejected

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
PAYLOAD = "payload.json"
ACCEPTED_KEYS = "accepted_keys.json"
NESTED_PREFIX = "packages/"
NESTED_SUFFIX = ".proforient"
NESTED_NAME = re.compile(r"^packages/[0-9a-f]{64}\.proforient$")
FIXED_NAMES = (MANIFEST, SIGNATURE, PAYLOAD, ACCEPTED_KEYS)

_DRIVE_LETTER = re.compile(r"^[A-Za-z]:")
# The ZIP end of central directory record without a comment (APPNOTE 4.3.16).
_END_RECORD = struct.Struct("<4s4H2LH")
_END_SIGNATURE = b"PK\x05\x06"
_MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Size limits of a package, checked before anything is decompressed.

    The defaults leave room for a municipality of several hundred schools
    with many years of data each; a school's package is a few hundred KiB.
    """

    max_file_bytes: int = 512 * _MIB
    max_members: int = 5_000
    max_manifest_bytes: int = 4 * _MIB
    max_signature_bytes: int = 1_024
    max_payload_bytes: int = 64 * _MIB
    max_keys_bytes: int = 8 * _MIB
    max_nested_bytes: int = 64 * _MIB
    max_total_bytes: int = 1_024 * _MIB
    # JSON of counts and activities compresses about 5–20 times; a ratio far
    # above that only comes from a decompression bomb.
    max_ratio: int = 200

    def for_member(self, name: str) -> int:
        if name == MANIFEST:
            return self.max_manifest_bytes
        if name == SIGNATURE:
            return self.max_signature_bytes
        if name == PAYLOAD:
            return self.max_payload_bytes
        if name == ACCEPTED_KEYS:
            return self.max_keys_bytes
        return self.max_nested_bytes


DEFAULT_LIMITS = Limits()


def write_container(members: dict[str, bytes]) -> bytes:
    """Return the ZIP bytes of ``members``, in the given order.

    Nested packages are stored uncompressed: they are ZIP files already.
    Timestamps are fixed so the same content gives the same bytes.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name.startswith(NESTED_PREFIX) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def read_container(data: bytes, limits: Limits = DEFAULT_LIMITS) -> dict[str, bytes]:
    """Return the members of a package's ZIP bytes after checking every entry.

    Raises ``PackageRejected`` with a Russian reason for an empty, non-ZIP,
    truncated or hostile file.
    """
    if not data:
        raise PackageRejected("файл пуст (0 байт)", "Возьмите файл пакета заново у отправителя.")
    if len(data) > limits.max_file_bytes:
        raise PackageRejected(
            f"файл больше допустимого ({len(data) // _MIB} МиБ, предел {limits.max_file_bytes // _MIB} МиБ)",
            "Проверьте, что выбран файл пакета ProfOrient.",
        )

    archive = _open_archive(data)
    with archive:
        infos = archive.infolist()
        _check_entries(infos, limits)
        return {info.filename: _read_member(archive, info) for info in infos}


def _open_archive(data: bytes) -> zipfile.ZipFile:
    if not data.startswith(b"PK"):
        raise PackageRejected("это не файл пакета ProfOrient (не архив ZIP)", "Проверьте, что выбран нужный файл.")
    _check_end_record(data)
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise PackageRejected(
            "архив повреждён или обрезан (например, не докопирован с флешки)",
            "Скопируйте файл заново или попросите отправителя выгрузить пакет ещё раз.",
        ) from None


def _check_end_record(data: bytes) -> None:
    # zipfile searches the last 64 KiB for an end record. Nested packages are
    # stored uncompressed, so in a truncated municipal package it would find
    # the end record of the last nested school package and read that package
    # instead. A package written by this program ends with its own end record
    # (no comment), directly after the central directory.
    record = data[-_END_RECORD.size:]
    if len(data) < _END_RECORD.size or not record.startswith(_END_SIGNATURE):
        raise PackageRejected(
            "архив повреждён или обрезан (нет завершающей записи архива)",
            "Скопируйте файл заново или попросите отправителя выгрузить пакет ещё раз.",
        )
    _, disk, directory_disk, _, _, directory_size, directory_offset, comment_length = _END_RECORD.unpack(record)
    if disk or directory_disk or comment_length or directory_offset + directory_size != len(data) - len(record):
        raise PackageRejected("архив повреждён или собран не этой программой (оглавление архива не на своём месте)")


def _check_entries(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.max_members:
        raise PackageRejected(f"в архиве слишком много файлов ({len(infos)}, предел {limits.max_members})")

    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        _check_name(name)
        if name in seen:
            raise PackageRejected(f"имя «{name}» встречается в архиве дважды: файл подделан или повреждён")
        seen.add(name)
        _check_flags(info)

        limit = limits.for_member(name)
        if info.file_size > limit:
            raise PackageRejected(
                f"часть «{name}» больше допустимого ({info.file_size} байт, предел {limit} байт)"
            )
        if info.file_size > max(info.compress_size, 1) * limits.max_ratio:
            raise PackageRejected(
                f"часть «{name}» сжата в {info.file_size // max(info.compress_size, 1)} раз: "
                "это похоже на «архивную бомбу»"
            )
        total += info.file_size
        if total > limits.max_total_bytes:
            raise PackageRejected("распакованный размер архива больше допустимого")


def _check_name(name: str) -> None:
    if "\\" in name or name.startswith("/") or _DRIVE_LETTER.match(name) or ".." in name.split("/"):
        raise PackageRejected(
            f"недопустимое имя внутри архива «{name}» (абсолютный путь, «..», буква диска или «\\»)",
            "Такой файл не создаётся программой; не открывайте его и сообщите отправителю.",
        )
    if name not in FIXED_NAMES and not NESTED_NAME.match(name):
        raise PackageRejected(f"посторонний файл «{name}» внутри архива")


def _check_flags(info: zipfile.ZipInfo) -> None:
    if info.flag_bits & 0x1:
        raise PackageRejected(f"часть «{info.filename}» зашифрована")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise PackageRejected(f"часть «{info.filename}» сжата неподдерживаемым способом")


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    # ZipExtFile stops at the declared size and checks the CRC at the end, so
    # a member that inflates beyond what the directory says ends in an error
    # instead of filling memory.
    try:
        with archive.open(info) as member:
            data = member.read(info.file_size + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, ValueError, EOFError, OSError,
            NotImplementedError):
        raise PackageRejected(
            f"часть «{info.filename}» повреждена (не совпадает контрольная сумма или размер)",
            "Скопируйте файл заново или попросите отправителя выгрузить пакет ещё раз.",
        ) from None
    if len(data) != info.file_size:
        raise PackageRejected(f"размер части «{info.filename}» не совпадает с заявленным в архиве")
    return data
