"""``proforient targets``: the region's targets for later years and the signed catalogue update."""

from __future__ import annotations

import argparse
import re

from proforient_desktop.catalog import Catalog
from proforient_desktop.cli.common import add_format, context_from
from proforient_desktop.cli.output import format_table, to_json
from proforient_desktop.errors import InvalidInputError
from proforient_desktop.services.catalog_updates import export_catalog_update, import_catalog_update
from proforient_desktop.services.consolidation import find_indicator
from proforient_desktop.services.targets import effective_catalog, set_targets

ASSIGNMENT = re.compile(r"^\s*([^:=\s]+)\s*:\s*(\d{4})\s*=\s*(.*)$")


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("targets", parents=[common], help="целевые значения показателей на новые годы")
    actions = parser.add_subparsers(dest="targets_command", metavar="ДЕЙСТВИЕ", title="действия", required=True)

    show = actions.add_parser("show", parents=[common], help="показать целевые значения всех лет")
    add_format(show, ("table", "json"))
    show.set_defaults(handler=run_show)

    set_parser = actions.add_parser(
        "set", parents=[common], help="записать целевые значения (региональный оператор)",
        description="Записывает целевые значения на годы после 2024: ПОКАЗАТЕЛЬ:ГОД=ЗНАЧЕНИЕ, например P1:2025=14 "
                    "или П1:2025=14,5; пустое значение (P1:2025=) удаляет цель.",
    )
    set_parser.add_argument("values", nargs="+", metavar="ПОКАЗАТЕЛЬ:ГОД=ЗНАЧЕНИЕ", help="целевые значения")
    set_parser.set_defaults(handler=run_set, writes=True)

    export = actions.add_parser("export", parents=[common],
                                help="выгрузить подписанный файл обновления справочника с целевыми значениями")
    export.add_argument("path", metavar="ФАЙЛ", help="куда записать файл (.proforient-update)")
    export.set_defaults(handler=run_export, writes=True)

    load = actions.add_parser("import", parents=[common], help="загрузить файл обновления справочника от региона")
    load.add_argument("path", metavar="ФАЙЛ", help="файл обновления (.proforient-update)")
    load.add_argument("--trust", action="store_true",
                      help="зарегистрировать ключ региона при первой загрузке (сначала сверьте отпечаток по телефону)")
    load.set_defaults(handler=run_import, writes=True)


def parse_target_assignments(catalog: Catalog, items: list[str]) -> dict[tuple[str, int], float | None]:
    """Parse ``CODE:YEAR=VALUE`` items; the value may use a decimal comma, empty removes the target."""
    values: dict[tuple[str, int], float | None] = {}
    for item in items:
        match = ASSIGNMENT.match(item)
        if match is None:
            raise InvalidInputError(f"«{item}»: ожидается ПОКАЗАТЕЛЬ:ГОД=ЗНАЧЕНИЕ, например P1:2025=14.")
        code = find_indicator(catalog, match.group(1)).code
        key = (code, int(match.group(2)))
        if key in values:
            raise InvalidInputError(f"Целевое значение {match.group(1)} на {match.group(2)} г. указано дважды.")
        values[key] = _number(match.group(3), item)
    return values


def _number(text: str, item: str) -> float | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise InvalidInputError(f"«{item}»: значение должно быть числом, например 14 или 14,5.") from None


def run_show(args: argparse.Namespace) -> int:
    context = context_from(args)
    try:
        catalog = effective_catalog(context)
    finally:
        context.close()
    if args.format == "json":
        print(to_json({code: {str(year): value for year, value in indicator.targets.items()}
                       for code, indicator in catalog.indicators.items()}))
        return 0
    years = sorted({year for indicator in catalog.indicators.values() for year in indicator.targets})
    rows = [
        (indicator.label, *("" if indicator.target_for(year) is None else f"{indicator.target_for(year):g}".replace(".", ",")
                            for year in years))
        for indicator in catalog.indicators.values()
    ]
    print(format_table(("Показатель", *map(str, years)), rows))
    return 0


def run_set(args: argparse.Namespace) -> int:
    context = context_from(args)
    try:
        values = parse_target_assignments(context.catalog, args.values)
        changed = set_targets(context, values)
    finally:
        context.close()
    print(f"Изменено целевых значений: {changed}.")
    return 0


def run_export(args: argparse.Namespace) -> int:
    context = context_from(args)
    try:
        path = export_catalog_update(context, args.path)
    finally:
        context.close()
    print(f"Файл обновления справочника записан: {path}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    context = context_from(args)
    try:
        result = import_catalog_update(context, args.path, trust_new=args.trust)
    finally:
        context.close()
    print(result.message)
    print(f"Отпечаток ключа отправителя: {result.fingerprint}")
    return 0
