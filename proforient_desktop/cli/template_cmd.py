"""``proforient template``: the Excel entry template for an organisation without the application."""

from __future__ import annotations

import argparse

from proforient_desktop.cli.common import context_from, year_argument
from proforient_desktop.services.excel_import import write_entry_template


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "template", parents=[common], help="шаблон Excel для ввода численностей",
        description="Создаёт защищённый шаблон Excel с численностями организации за год (заполненный, "
                    "если данные уже есть). Заполненный шаблон загружается командой «proforient counts import».",
    )
    parser.add_argument("--org", metavar="КОД", help="код организации (по умолчанию — своя)")
    parser.add_argument("--org-name", metavar="НАИМЕНОВАНИЕ",
                        help="полное наименование школы, которой ещё нет в базе данных (для муниципалитета)")
    parser.add_argument("--year", required=True, type=year_argument, metavar="ГОД", help="отчётный год")
    parser.add_argument("-o", "--output", required=True, metavar="ФАЙЛ", help="файл .xlsx для записи шаблона")
    parser.set_defaults(handler=run_template)


def run_template(args: argparse.Namespace) -> int:
    context = context_from(args)
    try:
        spec = write_entry_template(context, args.output, args.year, org_code=args.org, org_name=args.org_name)
    finally:
        context.close()
    print(f"Шаблон для «{spec.organisation_name}» за {spec.year} г. записан: {args.output}")
    return 0
