"""``proforient package export|import|restore``: signed packages for the level above."""

from __future__ import annotations

import argparse
from pathlib import Path

from proforient_desktop.cli.common import context_from, unless_dry_run
from proforient_desktop.cli.output import format_table, to_json
from proforient_desktop.errors import InvalidInputError
from proforient_desktop.exchange.keys import has_key_pair
from proforient_desktop.locations import PACKAGE_SUFFIX
from proforient_desktop.exchange.merge import OUTCOME_NAMES_RU, Outcome, PackagePlan
from proforient_desktop.services.exchange import export_package, import_packages, preview_import
from proforient_desktop.services.exchange_restore import restore_from_package
from proforient_desktop.storage.database import open_database, resolve_data_dir

EXIT_SOME_REJECTED = 1
HEADERS = ("Файл", "Организация", "Код", "№", "Результат", "Пояснение")


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("package", parents=[common], help="выгрузка и загрузка пакетов обмена")
    commands = parser.add_subparsers(dest="package_command", metavar="ДЕЙСТВИЕ", title="действия", required=True)

    export = commands.add_parser(
        "export", parents=[common], help="выгрузить подписанный пакет своей организации",
        description="Записывает подписанный пакет со всеми данными организации для отправки вышестоящей организации.",
    )
    export.add_argument("-o", "--output", type=Path, metavar="ФАЙЛ",
                        help="файл *.proforient или папка для пакета (по умолчанию — текущая папка; "
                             "имя файла — по организации, дате и номеру пакета). Папка, в которой лежит файл "
                             "или новая папка, должна существовать; существующий файл не перезаписывается "
                             "без --force")
    export.add_argument("--force", action="store_true", help="перезаписать существующий файл *.proforient")
    export.set_defaults(handler=run_export, writes=True)

    load = commands.add_parser(
        "import", parents=[common], help="загрузить пакеты подведомственных организаций",
        description="Проверяет и загружает пакеты: файлы или папки с файлами *.proforient. "
                    "Каждый пакет загружается целиком или не загружается совсем.",
    )
    load.add_argument("paths", nargs="+", type=Path, metavar="ФАЙЛ|ПАПКА", help="файлы пакетов или папки с ними")
    load.add_argument("--dry-run", action="store_true", help="только показать, что будет сделано, ничего не меняя")
    load.add_argument("--trust-new", action="store_true",
                      help="зарегистрировать ключи организаций, приславших пакет впервые "
                           "(сначала сверьте отпечатки по телефону, см. --dry-run)")
    load.add_argument("--format", choices=("table", "json"), default="table",
                      help="формат вывода: table, json (по умолчанию table)")
    load.set_defaults(handler=run_import, writes=unless_dry_run)

    restore = commands.add_parser(
        "restore", parents=[common], help="восстановить данные своей организации из её пакета",
        description="Настраивает установку на новом компьютере или после потери данных по последнему пакету "
                    "своей организации. Ключ подписи, который уже есть в папке данных, сохраняется; если его нет, "
                    "создаётся новый. Отпечаток ключа выводится после восстановления: если ключ не тот, которым "
                    "подписан пакет, сообщите отпечаток вышестоящей организации.",
    )
    restore.add_argument("file", type=Path, metavar="ФАЙЛ", help="последний выгруженный пакет организации")
    restore.set_defaults(handler=run_restore, writes=True, creates=True)


def run_export(args: argparse.Namespace) -> int:
    if args.output is not None:
        check_output_path(args.output, force=args.force)
    context = context_from(args)
    try:
        path = export_package(context, args.output)
    finally:
        context.close()
    print(f"Пакет записан: {path}")
    return 0


def check_output_path(output: Path, *, force: bool) -> None:
    """Reject an output path before a package number is used up: a wrong suffix, a missing folder, an existing file.

    A path without a suffix is a folder, which export_package creates when
    only its last part is missing.
    """
    if output.is_dir():
        return
    if output.exists() and not output.is_file():
        raise InvalidInputError(f"«{output}» не является ни файлом, ни папкой: укажите файл *{PACKAGE_SUFFIX} или папку.")
    if output.suffix and output.suffix.lower() != PACKAGE_SUFFIX:
        raise InvalidInputError(
            f"Файл пакета «{output}» должен иметь расширение {PACKAGE_SUFFIX}: укажите, например, "
            f"«{output.with_suffix(PACKAGE_SUFFIX)}» или папку для пакета."
        )
    parent = output.parent if output.parent != Path("") else Path(".")
    if not parent.is_dir():
        raise InvalidInputError(
            f"Папка «{parent}» не найдена, поэтому пакет в «{output}» не записан. Создайте папку или укажите "
            "существующую."
        )
    if output.is_file() and not force:
        raise InvalidInputError(
            f"Файл «{output}» уже существует. Укажите другое имя или папку, а чтобы заменить файл, добавьте --force."
        )


def run_import(args: argparse.Namespace) -> int:
    missing = [str(path) for path in args.paths if not path.exists()]
    if missing:
        raise InvalidInputError("Не найдено: " + ", ".join(f"«{path}»" for path in missing) + ".")

    context = context_from(args)
    try:
        if args.dry_run:
            plans = preview_import(context, args.paths)
        else:
            plans = import_packages(context, args.paths, trust_new=args.trust_new).results
    finally:
        context.close()

    _print_plans(plans, args.format, dry_run=args.dry_run, trust_new=args.trust_new)
    return EXIT_SOME_REJECTED if any(plan.outcome is Outcome.REJECTED for plan in plans) else 0


def _print_plans(plans: list[PackagePlan], output_format: str, *, dry_run: bool, trust_new: bool) -> None:
    if output_format == "json":
        print(to_json([_plan_json(plan) for plan in plans]))
        return
    if not plans:
        print("Файлов пакетов (*.proforient) не найдено.")
        return
    rows = []
    for plan in plans:
        rows.append(_plan_row(plan, plan.file_name, dry_run=dry_run, trust_new=trust_new))
        rows.extend(_plan_row(nested, "  └ вложенный", dry_run=dry_run, trust_new=trust_new)
                    for nested in plan.nested)
    print(format_table(HEADERS, rows, max_width=70))
    for plan in plans:
        for item in (plan, *plan.nested):
            if item.outcome is Outcome.REJECTED:
                print(item.message)
        if plan.needs_trust:
            print(_new_key_line(plan, dry_run=dry_run, trust_new=trust_new))
    if dry_run:
        print("Проверка без загрузки (--dry-run): база данных не изменена.")


def _new_key_line(plan: PackagePlan, *, dry_run: bool, trust_new: bool) -> str:
    sender = f"«{plan.sender.name}» (код {plan.sender.code})"
    if not dry_run:
        return f"Зарегистрирован ключ организации {sender}, отпечаток {plan.fingerprint}."
    if trust_new:
        return f"Ключ организации {sender} с отпечатком {plan.fingerprint} будет зарегистрирован (--trust-new)."
    return (f"Ключ организации {sender} не зарегистрирован, отпечаток {plan.fingerprint}: без --trust-new пакет "
            "будет отклонён. Сверьте отпечаток с организацией по телефону и загрузите с --trust-new.")


def _plan_row(plan: PackagePlan, file_label: str, *, dry_run: bool, trust_new: bool) -> tuple:
    sender = plan.sender
    explanation = plan.message if plan.outcome is not Outcome.REJECTED else "см. ниже"
    return (file_label, sender.name if sender else "", sender.code if sender else "", plan.sequence or "",
            _outcome_name(plan, dry_run=dry_run, trust_new=trust_new), explanation)


def _outcome_name(plan: PackagePlan, *, dry_run: bool, trust_new: bool) -> str:
    # A check run without --trust-new must not promise «новый» for a package the import would reject.
    if plan.needs_trust and dry_run:
        return "новый, ключ будет зарегистрирован" if trust_new else "нужен --trust-new"
    return OUTCOME_NAMES_RU[plan.outcome]


def _plan_json(plan: PackagePlan) -> dict:
    sender = plan.sender
    return {
        "file": plan.file_name,
        "outcome": plan.outcome.value,
        "message": plan.message,
        "organisation_code": sender.code if sender else None,
        "organisation_name": sender.name if sender else None,
        "sequence": plan.sequence,
        "current_sequence": plan.current_sequence,
        "fingerprint": plan.fingerprint or None,
        "key_unknown": plan.key_unknown,
        "needs_trust": plan.needs_trust,
        "nested": [_plan_json(nested) for nested in plan.nested],
    }


def run_restore(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise InvalidInputError(f"Файл «{args.file}» не найден.")
    # A folder whose database was lost beside the installation's key is
    # exactly where a restore belongs, so the new database is allowed here.
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    open_database(data_dir, url=getattr(args, "database_url", None), start_over=True).dispose()
    key_existed = has_key_pair(data_dir)
    context = context_from(args)
    try:
        result = restore_from_package(context, args.file)
    finally:
        context.close()
    print(f"Данные организации «{result.organisation_name}» восстановлены из пакета № {result.sequence}"
          + (f" (с пакетами подведомственных организаций: {result.nested})." if result.nested else "."))
    if result.key_changed:
        created = "Создан новый ключ подписи" if not key_existed else \
            "Ключ подписи этой установки отличается от ключа, которым подписан пакет"
        print(f"{created}, отпечаток: {result.fingerprint}. Сообщите его вышестоящей организации: она заменит "
              "ключ до загрузки вашего следующего пакета.")
    else:
        print(f"Ключ подписи установки тот же, которым подписан пакет: отпечаток {result.fingerprint}.")
    return 0
