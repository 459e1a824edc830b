"""``proforient catalog``: the whole methodology catalogue."""

from __future__ import annotations

import argparse
import dataclasses
import enum

from proforient_desktop.catalog import Catalog, find_inconsistencies, load_catalog
from proforient_desktop.catalog.model import Role
from proforient_desktop.cli.common import add_format
from proforient_desktop.cli.output import format_table, to_json


ROLE_LABELS = {Role.SCHOOL: "ОО", Role.COLLEGE: "ПОО", Role.MUNICIPALITY: "ОМСУ", Role.REGION: "регион"}


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "catalog", parents=[common], help="справочник методики: численности, показатели, мероприятия",
        description="Выводит справочник: численности, показатели с целевыми значениями, правила согласованности, "
                    "мероприятия раздела 5, муниципальные образования и замечания к методике.",
    )
    add_format(parser, ("table", "json"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    if args.format == "json":
        print(to_json(catalog_as_json(catalog)))
    else:
        print(catalog_as_text(catalog))
    return 0


def catalog_as_json(catalog: Catalog) -> dict:
    def plain(value):
        if dataclasses.is_dataclass(value):
            return {field.name: plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
        if isinstance(value, enum.Enum):
            return value.value
        if isinstance(value, (frozenset, set)):
            return sorted(plain(item) for item in value)
        if isinstance(value, (list, tuple)):
            return [plain(item) for item in value]
        if hasattr(value, "items"):
            return {str(key.value if isinstance(key, enum.Enum) else key): plain(item) for key, item in value.items()}
        return value

    data = plain(catalog)
    data["findings"] = [plain(finding) for finding in find_inconsistencies(catalog)]
    return data


def catalog_as_text(catalog: Catalog) -> str:
    years = sorted({year for indicator in catalog.indicators.values() for year in indicator.targets})
    parts = [f"{catalog.title}, справочник версии {catalog.version}", catalog.source, ""]

    parts += ["ЧИСЛЕННОСТИ", format_table(
        ("Обозначение", "Код", "Ед.", "Кто представляет", "Определение"),
        [(c.symbol or "—", c.code, c.unit, ", ".join(ROLE_LABELS[r] for r in Role if r in c.reported_by),
          c.definition)
         for c in catalog.counts.values()],
        max_width=200,
    ), ""]

    parts += ["ПОКАЗАТЕЛИ", format_table(
        ("Показатель", "Трек", "Ед.", "Числитель", "Знаменатель", *[f"Цель {year}" for year in years],
         "Выборка, %", "Наименование"),
        [(i.label, i.track, i.unit, catalog.counts[i.numerator].label,
          catalog.counts[i.denominator].label if i.denominator else "—",
          *[_target(i.targets.get(year)) for year in years], i.min_sample_percent, i.name)
         for i in catalog.indicators.values()],
        max_width=200,
    ), ""]

    parts += ["ПРАВИЛА СОГЛАСОВАННОСТИ (часть ≤ целого)", format_table(
        ("Часть", "Целое"),
        [(catalog.counts[r.part].label, catalog.counts[r.whole].label) for r in catalog.rules],
    ), ""]

    parts += ["МЕРОПРИЯТИЯ (раздел 5)"]
    for group in catalog.measure_groups.values():
        parts.append(f"{group.number}. {group.name}")
        parts.append(format_table(
            ("Код", "Срок", "Исполнители", "Отчётность", "Мероприятие"),
            [(m.code, m.deadline, m.executors_text, m.report_form, m.title)
             for m in catalog.measures.values() if m.group == group.number],
            max_width=200,
        ))
    parts.append("")

    parts += ["МУНИЦИПАЛЬНЫЕ ОБРАЗОВАНИЯ", format_table(
        ("Код", "Название", "Вид"),
        [(m.code, m.name, catalog.municipality_kinds[m.kind]) for m in catalog.municipalities.values()],
    ), ""]

    findings = find_inconsistencies(catalog)
    if findings:
        parts += ["ЗАМЕЧАНИЯ К МЕТОДИКЕ"] + [f"- {finding.message}" for finding in findings]
    return "\n".join(parts)


def _target(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
