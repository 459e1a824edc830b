"""``proforient consolidate`` and ``proforient dynamics``: consolidated indicators by level and by year."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt

from proforient_desktop.cli.common import add_format, context_from, year_argument
from proforient_desktop.cli.output import format_table, to_csv, to_json
from proforient_desktop.domain.indicators import STATUS_NAMES_RU, IndicatorResult, format_value
from proforient_desktop.catalog import Role
from proforient_desktop.services.consolidation import MUNICIPALITY_LEVEL, LevelResult, consolidate, dynamics, \
    find_indicator
from proforient_desktop.services.installation import Installation
from proforient_desktop.services.workspace import current_installation

# «region» is the former name of «total», kept so that existing scripts still run.
LEVELS = ("total", "municipality", "org", "region")
TOTAL_LEVEL = "total"
HEADERS = ("Название", "Код", "Показатель", "Значение", "Цель", "Статус", "Числитель", "Знаменатель", "Организаций")
DYNAMICS_HEADERS = ("Год", "Значение", "Цель", "Статус", "Числитель", "Знаменатель", "Организаций")


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "consolidate", parents=[common], help="сводные показатели по краю, муниципалитетам и организациям",
        description="Показывает сводные показатели за год: значение, цель, статус, сумму числителей и "
                    "знаменателей и число организаций, представивших данные. Сводное значение — сумма числителей, "
                    "делённая на сумму знаменателей по организациям, представившим оба значения.",
    )
    parser.add_argument("--year", type=year_argument, metavar="ГОД", help="отчётный год (по умолчанию — текущий)")
    parser.add_argument("--level", choices=LEVELS, default=TOTAL_LEVEL,
                        help="уровень: total — итог установки (край в региональной установке, муниципальное "
                             "образование в установке ОМСУ, своя организация в школе или колледже), "
                             "municipality — муниципалитеты, org — организации; region — прежнее название total "
                             "(по умолчанию total). В выводе JSON поле level — уровень строк (total, municipality "
                             "или org), а поле kind строки — вид территории или организации")
    parser.add_argument("--indicator", metavar="КОД", help="только один показатель (P1 или П1)")
    add_format(parser, ("table", "json", "csv"))
    parser.set_defaults(handler=run_consolidate)

    dynamics_parser = subparsers.add_parser(
        "dynamics", parents=[common], help="значения показателя по годам",
        description="Показывает значения одного показателя по годам в сравнении с целевыми значениями.",
    )
    dynamics_parser.add_argument("indicator", metavar="ПОКАЗАТЕЛЬ", help="код (P1) или обозначение (П1) показателя")
    dynamics_parser.add_argument("--level", metavar="КОД", default=None,
                                 help="region, код муниципального образования или код организации (по умолчанию — край)")
    dynamics_parser.add_argument("--from-year", type=year_argument, metavar="ГОД", default=None,
                                 help="первый год (по умолчанию — первый год программы)")
    dynamics_parser.add_argument("--to-year", type=year_argument, metavar="ГОД", default=None,
                                 help="последний год (по умолчанию — текущий)")
    add_format(dynamics_parser, ("table", "json", "csv"))
    dynamics_parser.set_defaults(handler=run_dynamics)


def run_consolidate(args: argparse.Namespace) -> int:
    year = args.year or dt.date.today().year
    context = context_from(args)
    try:
        consolidation = consolidate(context, year)
        codes = [find_indicator(consolidation.catalog, args.indicator).code] if args.indicator else \
            list(consolidation.catalog.indicators)
        total = _installation_total(consolidation.region, current_installation(context))
    finally:
        context.close()

    level_name = TOTAL_LEVEL if args.level == "region" else args.level
    levels = {TOTAL_LEVEL: [total], "municipality": consolidation.municipalities,
              "org": consolidation.organisations}[level_name]
    if args.format == "json":
        print(to_json({"year": year, "level": level_name, "rows": [_level_json(level, codes) for level in levels]}))
        return 0
    rows = [_row(level, level.results[code]) for level in levels for code in codes]
    if args.format == "csv":
        print(to_csv(HEADERS, rows), end="")
        return 0
    if not rows:
        print(f"За {year} г. в базе нет организаций и данных для свода.")
        return 0
    print(f"Свод за {year} г.")
    print(format_table(HEADERS, rows, max_width=40))
    return 0


def run_dynamics(args: argparse.Namespace) -> int:
    context = context_from(args)
    try:
        first = args.from_year or context.catalog.first_year
        last = args.to_year or dt.date.today().year
        series = dynamics(context, args.indicator, args.level, range(first, last + 1))
    finally:
        context.close()

    if args.format == "json":
        print(to_json([{"year": year, **_result_json(result)} for year, result in series]))
        return 0
    rows = [(year, *_result_cells(result)) for year, result in series]
    if args.format == "csv":
        print(to_csv(DYNAMICS_HEADERS, rows), end="")
        return 0
    if series:
        indicator = series[0][1].indicator
        print(f"{indicator.label}. {indicator.name}")
    print(format_table(DYNAMICS_HEADERS, rows))
    return 0


def _installation_total(total: LevelResult, installation: Installation | None) -> LevelResult:
    """Return the total named after the territory or organisation it covers.

    The consolidation calls its total «region» everywhere, but a
    municipality's installation sums only its own municipality's
    organisations, and a school's or a college's only itself.
    """
    if installation is None or installation.role is Role.REGION:
        return total
    if installation.role is Role.MUNICIPALITY:
        if not installation.municipality_code:
            return total
        return dataclasses.replace(total, code=installation.municipality_code,
                                   name=installation.municipality_name or installation.municipality_code,
                                   kind=MUNICIPALITY_LEVEL, municipality_code=installation.municipality_code)
    return dataclasses.replace(total, code=installation.organisation_code, name=installation.organisation_name,
                               kind=installation.role.value, municipality_code=installation.municipality_code)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}".replace(".", ",")


def _result_cells(result: IndicatorResult) -> tuple:
    return (
        format_value(result),
        _number(result.target),
        STATUS_NAMES_RU[result.status],
        "" if result.numerator is None else result.numerator,
        "" if result.denominator is None else result.denominator,
        result.contributors,
    )


def _row(level: LevelResult, result: IndicatorResult) -> tuple:
    return (level.name, level.code, result.indicator.label, *_result_cells(result))


def _result_json(result: IndicatorResult) -> dict:
    return {
        "value": result.value,
        "state": result.state.value,
        "target": result.target,
        "status": result.status.value,
        "numerator": result.numerator,
        "denominator": result.denominator,
        "contributors": result.contributors,
    }


def _level_json(level: LevelResult, codes: list[str]) -> dict:
    return {
        "code": level.code,
        "name": level.name,
        "kind": level.kind,
        "municipality_code": level.municipality_code,
        "region_entered": sorted(level.region_entered),
        "indicators": {code: _result_json(level.results[code]) for code in codes},
    }
