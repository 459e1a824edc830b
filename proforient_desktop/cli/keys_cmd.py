"""``proforient keys show|export-card|trust|replace|retire``: the key and the trust registry."""

from __future__ import annotations

import argparse
from pathlib import Path

from proforient_desktop.cli.common import context_from
from proforient_desktop.cli.output import format_table
from proforient_desktop.errors import InvalidInputError
from proforient_desktop.services.keys import (
    export_key_card,
    list_trusted_keys,
    own_key,
    replace_key,
    retire_key,
    trust_key_card,
)

VIA_NAMES_RU = {
    "key_card": "по карточке",
    "first_package": "по первому пакету",
    "replacement": "замена ключа",
    "vouched": "подтверждён ОМСУ",
    "restore": "из своего пакета",
}


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("keys", parents=[common], help="ключ подписи и реестр доверенных ключей")
    commands = parser.add_subparsers(dest="keys_command", metavar="ДЕЙСТВИЕ", title="действия", required=True)

    show = commands.add_parser("show", parents=[common], help="показать отпечаток своего ключа и реестр ключей")
    show.set_defaults(handler=run_show)

    card = commands.add_parser("export-card", parents=[common],
                               help="записать карточку ключа (организация и открытый ключ) для регистрации заранее")
    card.add_argument("-o", "--output", type=Path, metavar="ФАЙЛ", help="файл или папка для карточки")
    card.set_defaults(handler=run_export_card)

    trust = commands.add_parser("trust", parents=[common],
                                help="зарегистрировать ключ организации по карточке ключа (или по её пакету)")
    trust.add_argument("card", type=Path, metavar="КАРТОЧКА", help="файл карточки ключа или пакета")
    trust.set_defaults(handler=run_trust, writes=True)

    replace = commands.add_parser("replace", parents=[common],
                                  help="заменить ключ организации (новый компьютер, восстановление)")
    replace.add_argument("org", metavar="КОД", help="код организации")
    replace.add_argument("card", type=Path, metavar="КАРТОЧКА", help="карточка нового ключа или пакет, подписанный им")
    replace.add_argument("--reason", required=True, metavar="ПРИЧИНА", help="причина замены, попадает в журнал")
    replace.set_defaults(handler=run_replace, writes=True)

    retire = commands.add_parser("retire", parents=[common], help="вывести ключи организации из употребления")
    retire.add_argument("org", metavar="КОД", help="код организации")
    retire.add_argument("--reason", required=True, metavar="ПРИЧИНА", help="причина, попадает в журнал")
    retire.set_defaults(handler=run_retire, writes=True)


def run_show(args: argparse.Namespace) -> int:
    context = context_from(args)
    try:
        key = own_key(context)
        registry = list_trusted_keys(context)
    finally:
        context.close()
    print(f"Организация: {key.organisation_name} (код {key.organisation_code})")
    print(f"Отпечаток ключа: {key.fingerprint}")
    if registry:
        print()
        print("Реестр доверенных ключей:")
        rows = [
            (row.organisation_name, row.organisation_code, row.fingerprint,
             VIA_NAMES_RU.get(row.registered_via, row.registered_via), f"{row.registered_at:%d.%m.%Y}",
             "действует" if row.retired_at is None else f"выведен: {row.retired_reason}")
            for row in registry
        ]
        print(format_table(("Организация", "Код", "Отпечаток", "Как получен", "Дата", "Состояние"), rows))
    return 0


def run_export_card(args: argparse.Namespace) -> int:
    context = context_from(args)
    try:
        path = export_key_card(context, args.output)
        key = own_key(context)
    finally:
        context.close()
    print(f"Карточка ключа записана: {path}")
    print(f"Отпечаток: {key.fingerprint}")
    return 0


def run_trust(args: argparse.Namespace) -> int:
    _require_file(args.card)
    context = context_from(args)
    try:
        key = trust_key_card(context, args.card)
    finally:
        context.close()
    print(f"Ключ организации «{key.organisation_name}» зарегистрирован, отпечаток {key.fingerprint}.")
    return 0


def run_replace(args: argparse.Namespace) -> int:
    _require_file(args.card)
    context = context_from(args)
    try:
        key = replace_key(context, args.org, args.card, args.reason)
    finally:
        context.close()
    print(f"Ключ организации «{key.organisation_name}» заменён, новый отпечаток {key.fingerprint}.")
    return 0


def run_retire(args: argparse.Namespace) -> int:
    context = context_from(args)
    try:
        retired = retire_key(context, args.org, args.reason)
    finally:
        context.close()
    for key in retired:
        print(f"Ключ {key.fingerprint} организации «{key.organisation_name}» выведен из употребления.")
    return 0


def _require_file(path: Path) -> None:
    if not path.is_file():
        raise InvalidInputError(f"Файл «{path}» не найден.")
