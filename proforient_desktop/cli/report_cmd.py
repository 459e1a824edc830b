"""``proforient report excel|pdf``: the Excel tables and the PDF analytical report."""

from __future__ import annotations

import argparse
from pathlib import Path

from proforient_desktop.cli.common import context_from, year_argument
from proforient_desktop.errors import InvalidInputError
from proforient_desktop.services.reports import default_level, write_excel_report, write_pdf_report

REPORT_SUFFIXES = {"excel": ".xlsx", "pdf": ".pdf"}


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "report", parents=[common], help="отчёты: таблицы Excel и аналитическая справка PDF",
        description="Формирует таблицы Excel или аналитическую справку PDF по организации, "
                    "муниципальному образованию или региону.",
    )
    parser.add_argument("kind", choices=("excel", "pdf"), metavar="ВИД", help="вид отчёта: excel — таблицы, pdf — справка")
    parser.add_argument("--level", choices=("org", "municipality", "region"),
                        help="уровень: org — организация, municipality — муниципальное образование, "
                             "region — регион (по умолчанию — уровень этой установки)")
    parser.add_argument("--org", metavar="КОД",
                        help="код организации (для org) или муниципального образования (для municipality)")
    parser.add_argument("--year", required=True, type=year_argument, metavar="ГОД", help="отчётный год")
    parser.add_argument("--from-year", type=year_argument, metavar="ГОД",
                        help="для excel: первый год диапазона (по умолчанию — только отчётный год)")
    parser.add_argument("-o", "--output", required=True, metavar="ФАЙЛ",
                        help="файл для записи отчёта: *.xlsx для excel, *.pdf для pdf (другое расширение "
                             "отклоняется); существующий файл заменяется")
    parser.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    check_report_path(Path(args.output), args.kind)
    context = context_from(args)
    try:
        level = args.level or default_level(context)
        if args.kind == "excel":
            write_excel_report(context, args.output, level, args.year, code=args.org, first_year=args.from_year)
        else:
            write_pdf_report(context, args.output, level, args.year, code=args.org)
    finally:
        context.close()
    print(f"Отчёт записан: {args.output}")
    return 0


def check_report_path(output: Path, kind: str) -> None:
    """Reject a report file whose suffix does not match its kind, or whose folder does not exist."""
    suffix = REPORT_SUFFIXES[kind]
    if output.suffix.lower() != suffix:
        raise InvalidInputError(
            f"Файл отчёта «{output}» должен иметь расширение {suffix} (вид отчёта {kind}): укажите, например, "
            f"«{output.with_suffix(suffix)}»."
        )
    parent = output.parent if output.parent != Path("") else Path(".")
    if not parent.is_dir():
        raise InvalidInputError(f"Папка «{parent}» не найдена. Создайте её или укажите для отчёта существующую папку.")
