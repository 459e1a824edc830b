"""``proforient indicators``: values, targets, status and warnings."""

from __future__ import annotations

import argparse
import datetime as dt

from proforient_desktop.cli.common import add_format, context_from, year_argument
from proforient_desktop.cli.output import format_table, to_csv, to_json
from proforient_desktop.domain.indicators import STATUS_NAMES_RU, format_value
from proforient_desktop.services.indicators import organisation_indicators

HEADERS = ("Показатель", "Значение", "Цель", "Статус", "Числитель", "Знаменатель", "Изменение", "Организаций",
           "Наименование")


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "indicators", parents=[common], help="показатели организации за год",
        description="Показывает значения показателей, целевые значения, статус и предупреждения о несогласованности.",
    )
    parser.add_argument("--year", type=year_argument, metavar="ГОД",
                        help="отчётный год (по умолчанию — текущий)")
    parser.add_argument("--org", metavar="КОД", help="код организации (по умолчанию — своя)")
    parser.add_argument("--all", action="store_true", help="все показатели, а не только относящиеся к роли")
    add_format(parser, ("table", "json", "csv"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    year = args.year or dt.date.today().year
    context = context_from(args)
    try:
        report = organisation_indicators(context, year, org_code=args.org, all_indicators=args.all)
    finally:
        context.close()

    if args.format == "json":
        print(to_json(_as_json(report)))
        return 0

    rows = [_row(row) for row in report.rows]
    if args.format == "csv":
        print(to_csv(HEADERS, rows), end="")
        return 0

    print(f"{report.organisation_name} (код {report.organisation_code}), {report.year} г.")
    print(format_table(HEADERS, rows, max_width=50))
    for warning in report.warnings:
        print(f"предупреждение: {warning.message}")
    return 0


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}".replace(".", ",")


def _row(row) -> tuple:
    result = row.result
    change = row.change
    return (
        result.indicator.label,
        format_value(result),
        _number(result.target),
        STATUS_NAMES_RU[result.status],
        "" if result.numerator is None else result.numerator,
        "" if result.denominator is None else result.denominator,
        "" if change is None else ("+" if change > 0 else "") + _number(change),
        result.contributors,
        result.indicator.name,
    )


def _as_json(report) -> dict:
    return {
        "organisation": {"code": report.organisation_code, "name": report.organisation_name},
        "year": report.year,
        "indicators": [
            {
                "code": row.result.indicator.code,
                "label": row.result.indicator.label,
                "name": row.result.indicator.name,
                "unit": row.result.indicator.unit,
                "value": row.result.value,
                "state": row.result.state.value,
                "numerator": row.result.numerator,
                "denominator": row.result.denominator,
                "target": row.result.target,
                "status": row.result.status.value,
                "previous_value": row.previous.value,
                "change": row.change,
            }
            for row in report.rows
        ],
        "warnings": [
            {"part": w.rule.part, "whole": w.rule.whole, "part_value": w.part_value,
             "whole_value": w.whole_value, "message": w.message}
            for w in report.warnings
        ],
    }
