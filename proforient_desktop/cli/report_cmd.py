"""``proforient report excel|pdf``: the Excel tables and the PDF analytical report."""

from __future__ import annotations

import argparse

from proforient_desktop.cli.common import context_from, year_argument
from proforient_desktop.services.reports import default_level, write_excel_report, write_pdf_report


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
    parser.add_argument("-o", "--output", required=True, metavar="ФАЙЛ", help="файл для записи отчёта")
    parser.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
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
