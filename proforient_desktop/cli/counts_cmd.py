"""``proforient counts set|show``: an organisation's counts for a year."""

from __future__ import annotations

import argparse

from proforient_desktop.catalog import Catalog
from proforient_desktop.cli.common import add_format, context_from, unless_dry_run, year_argument
from proforient_desktop.cli.output import format_table, to_json
from proforient_desktop.domain.values import parse_count
from proforient_desktop.errors import InvalidInputError
from proforient_desktop.services.counts import get_counts, set_counts


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("counts", parents=[common], help="численности за отчётный год")
    commands = parser.add_subparsers(dest="counts_command", metavar="ДЕЙСТВИЕ", title="действия", required=True)

    set_parser = commands.add_parser(
        "set", parents=[common], help="записать численности",
        description="Записывает численности за год: КОД=ЗНАЧЕНИЕ, где КОД — код или обозначение (Чоко), "
                    "ЗНАЧЕНИЕ — целое число ≥ 0. Пустое значение (КОД=) отклоняется, чтобы опечатка не удалила "
                    "сохранённое число; удалить значение (сделать численность «не представлено») можно "
                    "параметром --clear КОД.",
    )
    set_parser.add_argument("--year", required=True, type=year_argument, metavar="ГОД", help="отчётный год")
    set_parser.add_argument("--org", metavar="КОД", help="код организации (по умолчанию — своя)")
    set_parser.add_argument("--clear", action="append", default=[], metavar="КОД",
                            help="удалить сохранённое значение численности (можно указать несколько раз)")
    set_parser.add_argument("values", nargs="*", metavar="КОД=ЗНАЧЕНИЕ", help="численности")
    set_parser.set_defaults(handler=run_set, writes=True)

    show_parser = commands.add_parser("show", parents=[common], help="показать численности за год")
    show_parser.add_argument("--year", required=True, type=year_argument, metavar="ГОД", help="отчётный год")
    show_parser.add_argument("--org", metavar="КОД", help="код организации (по умолчанию — своя)")
    show_parser.add_argument("--all", action="store_true", help="показать и непредставленные численности")
    add_format(show_parser, ("table", "json"))
    show_parser.set_defaults(handler=run_show)

    import_parser = commands.add_parser(
        "import", parents=[common], help="загрузить заполненный шаблон Excel",
        description="Загружает численности из заполненного шаблона Excel (команда «proforient template»). "
                    "Сначала проверяется весь файл: при любой ошибке ничего не записывается.",
    )
    import_parser.add_argument("file", metavar="ФАЙЛ.xlsx", help="заполненный шаблон")
    import_parser.add_argument("--dry-run", action="store_true", help="только показать изменения, не записывать")
    import_parser.set_defaults(handler=run_import, writes=unless_dry_run)


def parse_assignments(catalog: Catalog, items: list[str], cleared: list[str] = ()) -> dict[str, int | None]:
    """Parse ``CODE=VALUE`` items and the codes to clear (None); a code may be the English code or the programme's symbol."""
    values: dict[str, int | None] = {}
    for item in items:
        if "=" not in item:
            raise InvalidInputError(f"«{item}»: ожидается КОД=ЗНАЧЕНИЕ, например students_total=120 или Чоко=120.")
        key, text = item.split("=", 1)
        key = key.strip()
        code = _count_code(catalog, key, values)
        if not text.strip():
            raise InvalidInputError(
                f"«{item}»: не указано значение численности «{key}». Укажите число, например {key}=0, а чтобы "
                f"удалить сохранённое значение, укажите --clear {key}."
            )
        values[code] = parse_count(text, where=key)
    for key in cleared:
        values[_count_code(catalog, key.strip(), values)] = None
    return values


def _count_code(catalog: Catalog, key: str, seen: dict[str, int | None]) -> str:
    by_symbol = {count.symbol.casefold(): code for code, count in catalog.counts.items() if count.symbol}
    code = key if key in catalog.counts else by_symbol.get(key.casefold())
    if code is None:
        raise InvalidInputError(
            f"Неизвестный код численности «{key}». Список кодов выводит команда «proforient catalog»."
        )
    if code in seen:
        raise InvalidInputError(f"Численность «{key}» указана дважды.")
    return code


def run_set(args: argparse.Namespace) -> int:
    if not args.values and not args.clear:
        raise InvalidInputError("Не указано ни одной численности: укажите КОД=ЗНАЧЕНИЕ или --clear КОД.")
    context = context_from(args)
    try:
        values = parse_assignments(context.catalog, args.values, args.clear)
        warnings = set_counts(context, args.year, values, org_code=args.org)
    finally:
        context.close()
    saved = sum(value is not None for value in values.values())
    cleared = len(values) - saved
    if saved or not cleared:
        print(f"Сохранено значений: {saved} за {args.year} г.")
    if cleared:
        print(f"Удалено значений: {cleared} за {args.year} г.")
    for warning in warnings:
        print(f"предупреждение: {warning.message}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    context = context_from(args)
    try:
        counts = get_counts(context, args.year, org_code=args.org)
    finally:
        context.close()
    catalog = context.catalog
    codes = [code for code in catalog.counts if args.all or code in counts]
    if args.format == "json":
        print(to_json({"year": args.year, "counts": {code: counts.get(code) for code in codes}}))
        return 0
    if not codes:
        print(f"За {args.year} г. численности не представлены.")
        return 0
    rows = [
        (catalog.counts[code].symbol or "—", code, counts.get(code, "не представлено"), catalog.counts[code].definition)
        for code in codes
    ]
    print(format_table(("Обозначение", "Код", "Значение", "Определение"), rows))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from proforient_desktop.services.excel_import import apply_import, preview_import

    context = context_from(args)
    try:
        preview = preview_import(context, args.file)
        if not args.dry_run and preview.changes:
            preview = apply_import(context, preview)
    finally:
        context.close()
    _print_preview(preview, applied=not args.dry_run)
    return 0


def _print_preview(preview, *, applied: bool) -> None:
    new = " (новая организация)" if preview.new_organisation else ""
    print(f"{preview.organisation_name}, код {preview.organisation_code}{new}, {preview.year} г.")
    if not preview.changes:
        print("Изменений нет: значения в файле совпадают с сохранёнными.")
        return
    rows = [(change.caption, _shown(change.old), _shown(change.new)) for change in preview.changes]
    print(format_table(("Численность", "Было", "Станет"), rows))
    print(f"Без изменений: {preview.unchanged}.")
    for warning in preview.warnings:
        print(f"предупреждение: {warning.message}")
    for note in preview.notes:
        print(f"примечание: {note}")
    print("Записано." if applied else "Пробный запуск: ничего не записано.")


def _shown(value: int | None) -> str:
    return "не представлено" if value is None else str(value)
