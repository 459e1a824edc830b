"""``proforient init``: non-interactive setup of an installation."""

from __future__ import annotations

import argparse

from proforient_desktop.catalog import Role
from proforient_desktop.cli.common import context_from
from proforient_desktop.services.installation import initialize


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "init", parents=[common], help="настроить установку: роль и организация",
        description="Настраивает установку без окна: роль, код и наименование организации. "
                    "Повторный вызов с тем же кодом исправляет наименование.",
    )
    parser.add_argument("--role", required=True, choices=[role.value for role in Role],
                        help="роль: school (ОО), college (ПОО), municipality (ОМСУ), region (региональный оператор)")
    parser.add_argument("--org-code", required=True, metavar="КОД", help="официальный код организации, например ИНН")
    parser.add_argument("--org-name", required=True, metavar="НАИМЕНОВАНИЕ", help="полное наименование организации")
    parser.add_argument("--municipality", metavar="НАЗВАНИЕ",
                        help="муниципальное образование (название или код из справочника); обязательно для ОО и ОМСУ")
    parser.set_defaults(handler=run, writes=True, creates=True)


def run(args: argparse.Namespace) -> int:
    context = context_from(args)
    try:
        installation = initialize(context, args.role, args.org_code, args.org_name, args.municipality)
    finally:
        context.close()
    where = f", {installation.municipality_name}" if installation.municipality_name else ""
    print(f"Установка настроена: {installation.organisation_name} (код {installation.organisation_code}{where}).")
    print(f"Папка данных: {context.data_dir}")
    return 0
