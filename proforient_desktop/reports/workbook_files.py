"""Safe opening of spreadsheet files that come from outside.

Files arrive from Excel, WPS, R7-Office, MyOffice, LibreOffice and 1C, by
e-mail and on USB sticks. Before openpyxl sees a file it is sniffed (a legacy
.xls, a CSV or an OpenDocument file gets a message saying what to do) and its
zip directory is checked against size limits, because a small hostile file
can unpack to gigabytes. openpyxl parses the XML through defusedxml, which
rejects entity declarations (the "billion laughs" bomb).
"""

from __future__ import annotations

import logging
import warnings
import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

import openpyxl
from defusedxml import DefusedXmlException
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook import Workbook
from openpyxl.xml import DEFUSEDXML

from proforient_desktop.errors import InvalidInputError, UserError

log = logging.getLogger(__name__)

# A filled template is some 10–30 KB; these limits leave room for files
# re-saved by other programs with styles and themes, and stop zip bombs.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200

_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURE = b"PK\x03\x04"

SAVE_AS_XLSX = (
    "Откройте файл в Excel, LibreOffice, Р7-Офис или МойОфис, выберите «Сохранить как» → "
    "«Книга Excel (.xlsx)» и импортируйте сохранённый файл."
)


def require_safe_xml_parser() -> None:
    """Raise if openpyxl would parse XML without defusedxml."""
    if not DEFUSEDXML:
        raise UserError(
            "Безопасный разбор файлов Excel недоступен: не найден пакет defusedxml или он отключён "
            "переменной OPENPYXL_DEFUSEDXML. Переустановите программу."
        )


def open_workbook(path: str | Path, *, data_only: bool) -> Workbook:
    """Open an .xlsx file from outside, or raise ``InvalidInputError`` saying what to do."""
    require_safe_xml_parser()
    path = Path(path)
    _check_kind(path)
    _check_zip(path)

    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (e.g. extensions of other
            # programs); they do not matter for reading values.
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, data_only=data_only, keep_links=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ParseError, ValueError, TypeError) as error:
        # openpyxl wraps parser errors of worksheets in its own exception.
        if _caused_by_defused_xml(error):
            log.warning("Rejected %s: forbidden XML construct", path)
            raise InvalidInputError(
                f"Файл «{path.name}» отклонён: он содержит запрещённые конструкции XML (объявления "
                "сущностей), которыми можно вывести программу из строя. Такой файл не мог быть сохранён "
                "обычной программой; запросите у отправителя заполненный шаблон заново."
            ) from None
        log.warning("Cannot read %s as a workbook: %s", path, error)
        raise InvalidInputError(
            f"Файл «{path.name}» повреждён или не является книгой Excel (.xlsx) и не может быть прочитан. "
            + SAVE_AS_XLSX
        ) from None


def _caused_by_defused_xml(error: BaseException | None) -> bool:
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, DefusedXmlException):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def _check_kind(path: Path) -> None:
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(4096)
    except FileNotFoundError:
        raise InvalidInputError(f"Файл «{path}» не найден.") from None
    except OSError as error:
        raise InvalidInputError(f"Файл «{path}» не удаётся прочитать: {error.strerror}.") from None

    if size == 0:
        raise InvalidInputError(f"Файл «{path.name}» пуст (0 байт): запросите у отправителя файл заново.")
    if size > MAX_FILE_BYTES:
        raise InvalidInputError(
            f"Файл «{path.name}» слишком велик ({size // (1024 * 1024)} МБ) для заполненного шаблона; "
            "проверьте, что выбран нужный файл."
        )
    if head.startswith(_OLE2_SIGNATURE):
        raise InvalidInputError(
            f"Файл «{path.name}» сохранён в старом формате Excel 97–2003 (.xls), который не импортируется. "
            + SAVE_AS_XLSX
        )
    if not head.startswith(_ZIP_SIGNATURE):
        raise InvalidInputError(_text_file_message(path, head))


def _text_file_message(path: Path, head: bytes) -> str:
    text = _decode_guess(head)
    if text is not None and (";" in text or "," in text or "\t" in text):
        return (
            f"Файл «{path.name}» — текстовая таблица (CSV), а не книга Excel. Импортируется только "
            "заполненный шаблон .xlsx: откройте шаблон, созданный программой (команда «proforient "
            "template» или кнопка «Шаблон Excel»), перенесите в него значения и сохраните как .xlsx."
        )
    return (
        f"Файл «{path.name}» не является книгой Excel (.xlsx). " + SAVE_AS_XLSX
    )


def _decode_guess(head: bytes) -> str | None:
    # CSV files from Russian Excel are usually cp1251 with «;»; newer ones UTF-8.
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        if all(char.isprintable() or char in "\r\n\t" for char in text):
            return text
    return None


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError):
        raise InvalidInputError(
            f"Файл «{path.name}» повреждён (архив не читается): запросите у отправителя файл заново."
        ) from None

    if b"opendocument" in mimetype:
        raise InvalidInputError(
            f"Файл «{path.name}» сохранён в формате OpenDocument (.ods), а не Excel. " + SAVE_AS_XLSX
        )
    if "xl/workbook.xml" not in names:
        raise InvalidInputError(
            f"Файл «{path.name}» — архив, но не книга Excel (.xlsx). " + SAVE_AS_XLSX
        )

    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members) or 1
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_COMPRESSION_RATIO:
        log.warning("Rejected %s: unpacks to %d bytes from %d", path, unpacked, packed)
        raise InvalidInputError(
            f"Файл «{path.name}» отклонён: при распаковке он занимает {unpacked // (1024 * 1024)} МБ, "
            "что невозможно для заполненного шаблона. Запросите у отправителя файл заново."
        )
