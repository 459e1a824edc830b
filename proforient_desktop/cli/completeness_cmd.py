"""``proforient completeness`` and ``proforient plausibility``: who has reported, and what looks wrong."""

from __future__ import annotations

import argparse
import datetime as dt

from proforient_desktop.cli.common import add_format, context_from, year_argument
from proforient_desktop.cli.output import format_table, to_csv, to_json
from proforient_desktop.services.completeness import completeness, reminder_text
from proforient_desktop.services.plausibility import mark_checked, plausibility_warnings, unmark_checked

HEADERS = ("Показатель", "Ожидается", "Представили", "Доля, %", "Требуется, %", "Выполнено", "Не представили")
WARNING_HEADERS = ("Организация", "Код", "Вид", "Ключ", "Проверено", "Комментарий", "Сообщение")


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "completeness", parents=[common], help="полнота представления данных по показателям",
        description="Показывает по каждому показателю долю организаций, представивших данные, против требуемой "
                    "(90 % для данных мониторингов, 100 % для официальной статистики), и организации, "
                    "не представившие данные.",
    )
    parser.add_argument("--year", type=year_argument, metavar="ГОД", help="отчётный год (по умолчанию — текущий)")
    parser.add_argument("--municipality", metavar="КОД", help="только одно муниципальное образование (код)")
    parser.add_argument("--missing", action="store_true",
                        help="вывести список не представивших данные организаций для напоминания")
    add_format(parser, ("table", "json", "csv"))
    parser.set_defaults(handler=run_completeness)

    plausibility = subparsers.add_parser(
        "plausibility", parents=[common], help="проверка правдоподобия данных",
        description="Показывает предупреждения о неправдоподобных значениях и отмечает их как проверенные.",
    )
    actions = plausibility.add_subparsers(dest="plausibility_command", metavar="ДЕЙСТВИЕ", title="действия",
                                          required=True)
    show = actions.add_parser("show", parents=[common], help="показать предупреждения за год")
    show.add_argument("--year", type=year_argument, metavar="ГОД", help="отчётный год (по умолчанию — текущий)")
    add_format(show, ("table", "json", "csv"))
    show.set_defaults(handler=run_show)

    check = actions.add_parser("check", parents=[common], help="отметить предупреждение как проверенное")
    check.add_argument("--year", type=year_argument, metavar="ГОД", required=True, help="отчётный год")
    check.add_argument("--org", metavar="КОД", required=True, help="код организации")
    check.add_argument("--key", metavar="КЛЮЧ", required=True, help="ключ предупреждения (колонка «Ключ»)")
    check.add_argument("--comment", metavar="ТЕКСТ", default="", help="комментарий проверившего")
    check.add_argument("--undo", action="store_true", help="снять отметку о проверке")
    check.set_defaults(handler=run_check, writes=True)


def run_completeness(args: argparse.Namespace) -> int:
    year = args.year or dt.date.today().year
    context = context_from(args)
    try:
        rows = completeness(context, year, municipality_code=args.municipality)
    finally:
        context.close()

    if args.missing:
        print(reminder_text(rows))
        return 0
    if args.format == "json":
        print(to_json({"year": year, "indicators": [_row_json(row) for row in rows]}))
        return 0
    cells = [_row_cells(row) for row in rows]
    if args.format == "csv":
        print(to_csv(HEADERS, cells), end="")
        return 0
    print(f"Полнота представления данных за {year} г.")
    print(format_table(HEADERS, cells, max_width=60))
    return 0


def run_show(args: argparse.Namespace) -> int:
    year = args.year or dt.date.today().year
    context = context_from(args)
    try:
        warnings = plausibility_warnings(context, year)
    finally:
        context.close()

    if args.format == "json":
        print(to_json([
            {"organisation": w.organisation_code, "name": w.organisation_name, "kind": w.kind.value, "key": w.key,
             "counts": list(w.count_codes), "values": list(w.values), "message": w.message,
             "checked": w.checked, "comment": w.comment, "checked_by": w.checked_by,
             "marked_by": w.marked_by_code}
            for w in warnings
        ]))
        return 0
    cells = [(w.organisation_name, w.organisation_code, w.kind_name, w.key, "да" if w.checked else "нет",
              w.comment, w.message) for w in warnings]
    if args.format == "csv":
        print(to_csv(WARNING_HEADERS, cells), end="")
        return 0
    if not cells:
        print(f"За {year} г. предупреждений нет.")
        return 0
    print(format_table(WARNING_HEADERS, cells, max_width=80))
    return 0


def run_check(args: argparse.Namespace) -> int:
    context = context_from(args)
    try:
        if args.undo:
            unmark_checked(context, args.org, args.year, args.key)
        else:
            mark_checked(context, args.org, args.year, args.key, args.comment)
    finally:
        context.close()
    print("Отметка снята." if args.undo else "Предупреждение отмечено как проверенное.")
    return 0


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def _row_cells(row) -> tuple:
    if row.region_entered:
        met = "да (данные региона)"
    elif row.expected == 0:
        met = "не требуется (организации не ожидаются)"
    else:
        met = "да" if row.met else "нет"
    return (row.indicator.label, row.expected, row.reported, _percent(row.percent), row.required_percent, met,
            ", ".join(organisation.name for organisation in row.missing))


def _row_json(row) -> dict:
    return {
        "indicator": row.indicator.code,
        "label": row.indicator.label,
        "expected": row.expected,
        "reported": row.reported,
        "percent": row.percent,
        "required_percent": row.required_percent,
        "met": row.met,
        "region_entered": row.region_entered,
        "missing": [
            {"code": m.code, "name": m.name, "municipality": m.municipality_code,
             "last_package_at": m.last_package_at.isoformat() if m.last_package_at else None}
            for m in row.missing
        ],
    }
