"""``proforient --self-check``: does this installation have everything it needs at run time?

Each check exercises the real component the way the program uses it, so a
bundle that lost a file, a plugin or a library fails here instead of in
front of a user. The checks run in order and stop at the first failure.
"""

from __future__ import annotations

import logging
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from proforient_desktop.errors import UserError

log = logging.getLogger(__name__)

# Letters missing from fonts that cover only basic Cyrillic, plus the numero sign.
CYRILLIC_SAMPLE = "АЖЯажяЁё№"
# A standard button text from Qt's own translation (qtbase_ru.qm).
QT_SAMPLE = ("QPlatformTheme", "Cancel", "Отмена")
FONT_LICENCE = "LICENSE-DejaVu.txt"
EXIT_OK = 0
EXIT_FAILURE = 1


class CheckFailed(Exception):
    """A check found the installation broken; the message is Russian."""


@dataclass(frozen=True)
class Check:
    title: str
    run: Callable[[Path], str]


def run_self_check(data_dir: Path, output=None) -> int:
    """Run every check against ``data_dir``, printing one Russian line per check; return the exit code."""
    from proforient_desktop import __version__

    output = output or sys.stdout
    print(f"Самопроверка ProfOrient Desktop {__version__}", file=output)
    print(f"Папка данных: {data_dir}", file=output)
    for check in CHECKS:
        try:
            outcome = check.run(data_dir)
        except Exception as error:
            log.error("Self-check %r failed", check.title, exc_info=True)
            print(f"[ОШИБКА] {check.title}: {_describe(error)}", file=output)
            if isinstance(error, UserError):
                # A damaged data file or a wrong setting, which reinstalling would not fix. The message names the remedy.
                print("Проверка остановлена на первой ошибке. Сделайте то, что сказано в сообщении; если ошибка "
                      "повторится, сообщите её текст в службу поддержки.", file=output)
            else:
                print("Проверка остановлена на первой ошибке. Переустановите программу; если ошибка "
                      "повторится, сообщите её текст в службу поддержки.", file=output)
            return EXIT_FAILURE
        print(f"[ОК] {check.title}: {outcome}", file=output)
        log.info("Self-check %r passed: %s", check.title, outcome)
    print("Все проверки пройдены.", file=output)
    return EXIT_OK


def _describe(error: Exception) -> str:
    if isinstance(error, (CheckFailed, UserError)):
        return str(error)
    return f"{type(error).__name__}: {error}"


def check_catalog(_data_dir: Path) -> str:
    from proforient_desktop.catalog import load_catalog

    catalog = load_catalog()
    if not catalog.indicators or not catalog.counts:
        raise CheckFailed("в каталоге нет показателей или численностей")
    return (f"версия {catalog.version}, показателей {len(catalog.indicators)}, "
            f"численностей {len(catalog.counts)}")


def check_database(data_dir: Path) -> str:
    from proforient_desktop.storage.database import check_database_file, open_database
    from proforient_desktop.storage.migrate import current_revision, head_revision

    # Opening reads only the header and the schema, so a damaged page elsewhere would pass unnoticed.
    check_database_file(data_dir)
    database = open_database(data_dir)
    try:
        revision = current_revision(database)
    finally:
        database.dispose()
    if revision != head_revision():
        raise CheckFailed(f"структура базы «{database.path}» в ревизии {revision}, ожидалась {head_revision()}")
    intact = "проверка целостности пройдена, " if database.path is not None else ""
    return f"«{database.location}» открыта, {intact}структура актуальна (ревизия {revision})"


def check_translation(_data_dir: Path) -> str:
    # Qt is imported here only: the other checks must run where Qt is broken.
    from PySide6.QtCore import QCoreApplication

    from proforient_desktop.ui.i18n import install_translations, remove_translations, translations_dir

    samples = translation_samples(translations_dir("ru"))
    if not samples:
        raise CheckFailed(f"в папке «{translations_dir('ru')}» нет переведённых строк программы")

    # A core application needs no display, so the check runs on a server too.
    # One made here is shut down afterwards: a later QApplication could not
    # be created while it exists.
    app = QCoreApplication.instance()
    created = app is None
    if created:
        app = QCoreApplication(sys.argv[:1])
    translators = install_translations(app, "ru")
    try:
        context, source, expected = QT_SAMPLE
        if QCoreApplication.translate(context, source) != expected:
            raise CheckFailed("перевод стандартных кнопок Qt (qtbase_ru.qm) не загружен")
        for context, source, disambiguation, expected in samples:
            if QCoreApplication.translate(context, source, disambiguation) != expected:
                raise CheckFailed(f"строка «{source}» ({context}) не переведена: файл перевода .qm не загружен")
    finally:
        remove_translations(app, translators)
        if created:
            app.shutdown()
    return f"русский язык включён: стандартные кнопки Qt и {len(samples)} файлов перевода программы"


def translation_samples(folder: Path) -> list[tuple[str, str, str | None, str]]:
    """Return one finished (context, source, disambiguation, translation) from each ``.ts`` file in ``folder``."""
    import defusedxml.ElementTree as ElementTree

    samples = []
    for ts_file in sorted(folder.glob("*.ts")):
        root = ElementTree.parse(ts_file).getroot()
        for context in root.iter("context"):
            sample = _first_finished_message(context)
            if sample is not None:
                samples.append(sample)
                break
    return samples


def _first_finished_message(context) -> tuple[str, str, str | None, str] | None:
    name = context.findtext("name", "")
    for message in context.iter("message"):
        translation = message.find("translation")
        if message.get("numerus") == "yes" or translation is None or translation.get("type"):
            continue
        if translation.text:
            # A <comment> is the disambiguation that tr() was given with the source.
            return name, message.findtext("source", ""), message.findtext("comment"), translation.text
    return None


def check_pdf_font(_data_dir: Path) -> str:
    from reportlab.pdfbase import pdfmetrics

    from proforient_desktop.reports.fonts import BOLD, FAMILY, register_fonts
    from proforient_desktop.resource_files import resource_path

    register_fonts()
    for face_name in (FAMILY, BOLD):
        glyphs = pdfmetrics.getFont(face_name).face.charToGlyph
        missing = [letter for letter in CYRILLIC_SAMPLE if not glyphs.get(ord(letter))]
        if missing:
            raise CheckFailed(f"в шрифте {face_name} нет букв {''.join(missing)}: отчёт PDF покажет пустые квадраты")
    licence = resource_path("fonts", FONT_LICENCE)
    if not licence.is_file():
        raise CheckFailed(f"нет файла лицензии шрифта «{licence}»")
    return f"{FAMILY} содержит буквы «{CYRILLIC_SAMPLE}», лицензия на месте"


def check_defusedxml(_data_dir: Path) -> str:
    import openpyxl
    from defusedxml import EntitiesForbidden
    from openpyxl.xml.functions import fromstring

    if openpyxl.DEFUSEDXML is not True:
        raise CheckFailed("openpyxl читает XML без защиты defusedxml: уберите переменную окружения "
                          "OPENPYXL_DEFUSEDXML, если она задана, или переустановите программу")
    try:
        fromstring('<!DOCTYPE x [<!ENTITY e "entity">]><x>&e;</x>')
    except EntitiesForbidden:
        return "openpyxl отклоняет XML с сущностями (защита от «XML-бомб» в файлах Excel)"
    raise CheckFailed("openpyxl принял XML с объявлением сущности")


def check_signature(data_dir: Path) -> str:
    from proforient_desktop.exchange.keys import has_key_pair, load_or_create_key_pair, verify_signature

    data = "Пакет данных: проверка подписи".encode()
    if has_key_pair(data_dir):
        what = "ключ установки"
        key_pair = load_or_create_key_pair(data_dir)
        _sign_and_verify(key_pair, data, verify_signature)
    else:
        # A fresh installation creates its own key in the setup; a throwaway
        # one checks the cryptography without deciding that moment.
        what = "временный ключ (ключ установки ещё не создан)"
        with tempfile.TemporaryDirectory(prefix="proforient-selfcheck-") as folder:
            _sign_and_verify(load_or_create_key_pair(Path(folder)), data, verify_signature)
    return f"{what}: подпись Ed25519 создана и проверена, изменённые данные отвергнуты"


def _sign_and_verify(key_pair, data: bytes, verify_signature) -> None:
    signature = key_pair.sign(data)
    if not verify_signature(key_pair.public_key_bytes, signature, data):
        raise CheckFailed("подпись, созданная ключом установки, не прошла проверку")
    if verify_signature(key_pair.public_key_bytes, signature, data + b"!"):
        raise CheckFailed("подпись прошла проверку для изменённых данных")


CHECKS = (
    Check("Каталог методики", check_catalog),
    Check("База данных", check_database),
    Check("Перевод интерфейса", check_translation),
    Check("Шрифт отчётов PDF", check_pdf_font),
    Check("Защита чтения Excel (defusedxml)", check_defusedxml),
    Check("Подпись пакетов", check_signature),
)
