"""``proforient directory``: the organisations expected to report."""

from __future__ import annotations

import argparse

from proforient_desktop.cli.common import add_format, context_from, year_argument
from proforient_desktop.cli.output import format_table, to_json
from proforient_desktop.services.directory import (
    KIND_NAMES_RU,
    add_organisation,
    close_organisation,
    list_directory,
    rename_organisation,
)

HEADERS = ("Код", "Наименование", "Вид", "Муниципальное образование", "Закрыта с", "Последний пакет")


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("directory", parents=[common], help="справочник организаций")
    actions = parser.add_subparsers(dest="directory_command", metavar="ДЕЙСТВИЕ", title="действия", required=True)

    show = actions.add_parser("list", parents=[common], help="показать организации справочника")
    show.add_argument("--year", type=year_argument, metavar="ГОД",
                      help="только организации, которые должны представить данные за этот год")
    show.add_argument("--municipality", metavar="КОД", help="только одно муниципальное образование (код)")
    add_format(show, ("table", "json"))
    show.set_defaults(handler=run_list)

    add = actions.add_parser("add", parents=[common], help="добавить ОО или ПОО")
    add.add_argument("--code", required=True, metavar="КОД", help="код организации (например, ИНН)")
    add.add_argument("--name", required=True, metavar="НАИМЕНОВАНИЕ", help="полное наименование")
    add.add_argument("--kind", required=True, choices=("school", "college"), help="school — ОО, college — ПОО")
    add.add_argument("--municipality", metavar="МО", help="муниципальное образование (код или название)")
    add.set_defaults(handler=run_add, writes=True)

    rename = actions.add_parser("rename", parents=[common], help="переименовать организацию")
    rename.add_argument("--code", required=True, metavar="КОД", help="код организации")
    rename.add_argument("--name", required=True, metavar="НАИМЕНОВАНИЕ", help="новое наименование")
    rename.set_defaults(handler=run_rename, writes=True)

    close = actions.add_parser("close", parents=[common],
                               help="закрыть организацию: с указанного года она не представляет данные")
    close.add_argument("--code", required=True, metavar="КОД", help="код организации")
    close.add_argument("--from-year", required=True, type=year_argument, metavar="ГОД",
                       help="первый год, за который организация уже не представляет данные")
    close.set_defaults(handler=run_close, writes=True)

    reopen = actions.add_parser("reopen", parents=[common], help="снять отметку о закрытии")
    reopen.add_argument("--code", required=True, metavar="КОД", help="код организации")
    reopen.set_defaults(handler=run_reopen, writes=True)


def run_list(args: argparse.Namespace) -> int:
    context = context_from(args)
    try:
        entries = list_directory(context, municipality_code=args.municipality, year=args.year)
    finally:
        context.close()
    if args.format == "json":
        print(to_json([entry.__dict__ for entry in entries]))
        return 0
    if not entries:
        print("В справочнике нет организаций.")
        return 0
    rows = [
        (entry.code, entry.name, KIND_NAMES_RU.get(entry.kind, entry.kind), entry.municipality_name,
         entry.closed_from_year or "", f"{entry.last_package_at:%d.%m.%Y}" if entry.last_package_at else "нет")
        for entry in entries
    ]
    print(format_table(HEADERS, rows))
    return 0


def run_add(args: argparse.Namespace) -> int:
    context = context_from(args)
    try:
        entry = add_organisation(context, args.code, args.name, args.kind, args.municipality)
    finally:
        context.close()
    print(f"Организация «{entry.name}» (код {entry.code}) добавлена в справочник.")
    return 0


def run_rename(args: argparse.Namespace) -> int:
    context = context_from(args)
    try:
        entry = rename_organisation(context, args.code, args.name)
    finally:
        context.close()
    print(f"Организация с кодом {entry.code} переименована: «{entry.name}».")
    return 0


def run_close(args: argparse.Namespace) -> int:
    context = context_from(args)
    try:
        entry = close_organisation(context, args.code, args.from_year)
    finally:
        context.close()
    print(f"Организация «{entry.name}» закрыта: с {entry.closed_from_year} г. данные от неё не ожидаются.")
    return 0


def run_reopen(args: argparse.Namespace) -> int:
    context = context_from(args)
    try:
        entry = close_organisation(context, args.code, None)
    finally:
        context.close()
    print(f"Организация «{entry.name}» снова ожидается в отчётности.")
    return 0
