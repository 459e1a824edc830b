"""Load the catalogue from the TOML files in ``resources/catalog``.

Every value is checked as it is read, and a problem is reported as a
``CatalogError`` naming the file, the entry and the field, because a region
that edits the files needs to know exactly what to fix.
"""

from __future__ import annotations

import logging
import re
import tomllib
from pathlib import Path
from types import MappingProxyType
from typing import Any

from proforient_desktop.catalog.model import (
    Catalog,
    CollectionMethod,
    ConsistencyRule,
    Count,
    Executor,
    Indicator,
    Measure,
    MeasureGroup,
    MonitoringRow,
    Municipality,
    Role,
    Track,
)
from proforient_desktop.errors import CatalogError
from proforient_desktop.resource_files import resource_path

log = logging.getLogger(__name__)

CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
INDICATOR_CODE_PATTERN = re.compile(r"^[A-Z][0-9]+$")
MEASURE_CODE_PATTERN = re.compile(r"^[0-9]+\.[0-9]{2,}$")
FILES = ("catalog.toml", "counts.toml", "indicators.toml", "consistency.toml",
         "measures.toml", "municipalities.toml")


class _Reader:
    """Typed access to one table of a catalogue file, with located errors."""

    def __init__(self, table: Any, where: str) -> None:
        if not isinstance(table, dict):
            raise CatalogError(f"Справочник: {where}: ожидается таблица, получено «{table!r}».")
        self.table = table
        self.where = where

    def _fail(self, key: str, expected: str) -> CatalogError:
        value = self.table.get(key, "<нет значения>")
        return CatalogError(
            f"Справочник: {self.where}, поле «{key}»: ожидается {expected}, получено «{value}». "
            "Исправьте файл справочника или переустановите программу."
        )

    def text(self, key: str, *, allow_empty: bool = False, default: str | None = None) -> str:
        value = self.table.get(key, default)
        if not isinstance(value, str) or (not allow_empty and not value.strip()):
            raise self._fail(key, "непустой текст")
        return value

    def integer(self, key: str, *, minimum: int = 0, default: int | None = None) -> int:
        value = self.table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self._fail(key, f"целое число не меньше {minimum}")
        return value

    def text_list(self, key: str) -> list[str]:
        value = self.table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self._fail(key, "список строк")
        return value

    def choice(self, key: str, allowed: Any, *, default: str | None = None) -> str:
        value = self.table.get(key, default)
        if value not in allowed:
            raise self._fail(key, "одно из значений: " + ", ".join(sorted(allowed)))
        return value

    def flag(self, key: str) -> bool:
        value = self.table.get(key, False)
        if not isinstance(value, bool):
            raise self._fail(key, "true или false")
        return value

    def sub(self, key: str) -> "_Reader":
        return _Reader(self.table.get(key), f"{self.where}, «{key}»")


def default_catalog_dir() -> Path:
    return resource_path("catalog")


def load_catalog(directory: Path | None = None) -> Catalog:
    """Read, validate and return the catalogue kept in ``directory``."""
    directory = directory or default_catalog_dir()
    raw = {name: _read_toml(directory / name) for name in FILES}

    header = _Reader(raw["catalog.toml"].get("catalog"), "catalog.toml, [catalog]")
    roles = {role.value for role in Role}
    tracks = _load_tracks(raw["catalog.toml"])
    executors = _load_executors(raw["catalog.toml"], roles)
    methods, default_method = _load_methods(raw["catalog.toml"])
    counts = _load_counts(raw["counts.toml"], roles)
    indicators = _load_indicators(raw["indicators.toml"], counts, tracks, methods, default_method)
    rules = _load_rules(raw["consistency.toml"], counts)
    groups = _load_groups(raw["catalog.toml"])
    measures = _load_measures(raw["measures.toml"], groups, executors)
    kinds, municipalities = _load_municipalities(raw["municipalities.toml"])

    catalog = Catalog(
        version=header.integer("version", minimum=1),
        title=header.text("title"),
        source=header.text("source"),
        first_year=header.integer("first_year", minimum=2000),
        tracks=MappingProxyType(tracks),
        counts=MappingProxyType(counts),
        indicators=MappingProxyType(indicators),
        rules=tuple(rules),
        measure_groups=MappingProxyType(groups),
        measures=MappingProxyType(measures),
        executors=MappingProxyType(executors),
        municipalities=MappingProxyType(municipalities),
        municipality_kinds=MappingProxyType(kinds),
        collection_method_names=MappingProxyType({m: name for m, (name, _) in methods.items()}),
    )
    log.debug("Catalogue version %d loaded from %s", catalog.version, directory)
    return catalog


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as stream:
            return tomllib.load(stream)
    except FileNotFoundError:
        raise CatalogError(
            f"Не найден файл справочника «{path}». Переустановите программу."
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(
            f"Файл справочника «{path}» повреждён: {error}. Исправьте файл или переустановите программу."
        ) from None


def _entries(raw: dict[str, Any], key: str, file_name: str) -> list[_Reader]:
    entries = raw.get(key)
    if not isinstance(entries, list) or not entries:
        raise CatalogError(f"Справочник: в файле {file_name} нет ни одной записи [[{key}]].")
    return [_Reader(entry, f"{file_name}, запись {index} [[{key}]]") for index, entry in enumerate(entries, 1)]


def _numbered_tables(raw: dict[str, Any], key: str) -> dict[int, _Reader]:
    tables = raw.get(key)
    if not isinstance(tables, dict) or not tables:
        raise CatalogError(f"Справочник: в файле catalog.toml нет таблиц [{key}.N].")
    result = {}
    for number, table in tables.items():
        if not number.isdigit():
            raise CatalogError(f"Справочник: catalog.toml, [{key}.{number}]: номер должен быть целым числом.")
        result[int(number)] = _Reader(table, f"catalog.toml, [{key}.{number}]")
    return result


def _unique(code: str, seen: dict, where: str) -> None:
    if code in seen:
        raise CatalogError(f"Справочник: {where}: код «{code}» уже встречался выше; коды должны быть уникальны.")


def _load_tracks(raw: dict[str, Any]) -> dict[int, Track]:
    return {
        number: Track(number, reader.text("name"), reader.text("short_name"))
        for number, reader in sorted(_numbered_tables(raw, "tracks").items())
    }


def _load_groups(raw: dict[str, Any]) -> dict[int, MeasureGroup]:
    return {
        number: MeasureGroup(number, reader.text("name"))
        for number, reader in sorted(_numbered_tables(raw, "measure_groups").items())
    }


def _load_executors(raw: dict[str, Any], roles: set[str]) -> dict[str, Executor]:
    executors = {}
    for code, table in (raw.get("executors") or {}).items():
        reader = _Reader(table, f"catalog.toml, [executors.{code}]")
        executor_roles = reader.text_list("roles")
        for role in executor_roles:
            if role not in roles:
                raise reader._fail("roles", "роли из списка: " + ", ".join(sorted(roles)))
        executors[code] = Executor(code, reader.text("name"), reader.text("abbreviation"),
                                   frozenset(Role(role) for role in executor_roles))
    if not executors:
        raise CatalogError("Справочник: в файле catalog.toml нет таблиц [executors.*].")
    return executors


def _load_methods(raw: dict[str, Any]) -> tuple[dict[CollectionMethod, tuple[str, int]], CollectionMethod]:
    methods = {}
    for method in CollectionMethod:
        reader = _Reader((raw.get("collection_methods") or {}).get(method.value),
                         f"catalog.toml, [collection_methods.{method.value}]")
        methods[method] = (reader.text("name"), reader.integer("min_sample_percent", minimum=1))
    defaults = _Reader(raw.get("defaults"), "catalog.toml, [defaults]")
    default = CollectionMethod(defaults.choice("collection_method", {m.value for m in CollectionMethod}))
    return methods, default


def _load_counts(raw: dict[str, Any], roles: set[str]) -> dict[str, Count]:
    counts: dict[str, Count] = {}
    for reader in _entries(raw, "count", "counts.toml"):
        code = reader.text("code")
        if not CODE_PATTERN.match(code):
            raise reader._fail("code", "код из строчных латинских букв, цифр и «_»")
        _unique(code, counts, reader.where)
        reported_by = reader.text_list("reported_by")
        for role in reported_by:
            if role not in roles:
                raise reader._fail("reported_by", "роли из списка: " + ", ".join(sorted(roles)))
        counts[code] = Count(
            code=code,
            symbol=reader.text("symbol", allow_empty=True),
            definition=reader.text("definition"),
            unit=reader.text("unit"),
            reported_by=frozenset(Role(role) for role in reported_by),
        )
    return counts


def _load_targets(reader: _Reader, first_year: int = 2000) -> dict[int, float]:
    table = reader.table.get("targets", {})
    if not isinstance(table, dict):
        raise reader._fail("targets", "таблица «год = значение»")
    targets = {}
    for year, value in table.items():
        if not year.isdigit() or int(year) < first_year:
            raise reader._fail("targets", f"годы не раньше {first_year}")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise reader._fail("targets", "неотрицательные числа")
        targets[int(year)] = float(value)
    return dict(sorted(targets.items()))


def _load_indicators(raw, counts, tracks, methods, default_method) -> dict[str, Indicator]:
    indicators: dict[str, Indicator] = {}
    method_values = {m.value for m in CollectionMethod}
    for reader in _entries(raw, "indicator", "indicators.toml"):
        code = reader.text("code")
        if not INDICATOR_CODE_PATTERN.match(code):
            raise reader._fail("code", "код вида P1 или M7")
        _unique(code, indicators, reader.where)
        numerator = reader.choice("numerator", counts)
        denominator = reader.choice("denominator", counts) if "denominator" in reader.table else None
        track = reader.choice("track", tracks)

        monitoring = None
        method = default_method
        if "monitoring" in reader.table:
            row = reader.sub("monitoring")
            method = CollectionMethod(row.choice("collection_method", method_values))
            monitoring = MonitoringRow(
                number=row.integer("number", minimum=1),
                name=row.text("name"),
                collection_method=method,
                sample=row.text("sample"),
                min_sample_percent=row.integer("min_sample_percent", minimum=1),
            )
        min_sample = monitoring.min_sample_percent if monitoring else methods[method][1]

        indicators[code] = Indicator(
            code=code,
            label=reader.text("label"),
            name=reader.text("name"),
            unit=reader.choice("unit", {"%", "ед."}),
            track=track,
            numerator=numerator,
            denominator=denominator,
            periodicity=reader.text("periodicity"),
            targets=MappingProxyType(_load_targets(reader)),
            assessment_position=reader.text("assessment_position", allow_empty=True, default=""),
            target_wording=reader.text("target_wording", allow_empty=True, default=""),
            monitoring=monitoring,
            collection_method=method,
            min_sample_percent=min_sample,
        )
        if (denominator is None) != (indicators[code].unit == "ед."):
            raise reader._fail("unit", "«%» для доли со знаменателем или «ед.» для количества без него")
    return indicators


def _load_rules(raw: dict[str, Any], counts: dict[str, Count]) -> list[ConsistencyRule]:
    rules = raw.get("rules")
    if not isinstance(rules, list):
        raise CatalogError("Справочник: в файле consistency.toml нет списка rules.")
    result = []
    for index, table in enumerate(rules, 1):
        reader = _Reader(table, f"consistency.toml, правило {index}")
        rule = ConsistencyRule(reader.choice("part", counts), reader.choice("whole", counts))
        if rule.part == rule.whole:
            raise reader._fail("whole", "код, отличный от «part»")
        result.append(rule)
    return result


def _load_measures(raw, groups, executors) -> dict[str, Measure]:
    measures: dict[str, Measure] = {}
    for reader in _entries(raw, "measure", "measures.toml"):
        code = reader.text("code")
        if not MEASURE_CODE_PATTERN.match(code):
            raise reader._fail("code", "код вида 1.01")
        _unique(code, measures, reader.where)
        codes = reader.text_list("executors")
        if not codes or any(executor not in executors for executor in codes):
            raise reader._fail("executors", "коды исполнителей из catalog.toml: " + ", ".join(executors))
        years = reader.table.get("years")
        if years is not None and (not isinstance(years, list) or not all(isinstance(y, int) for y in years)):
            raise reader._fail("years", "список годов")
        measures[code] = Measure(
            code=code,
            group=reader.choice("group", groups),
            title=reader.text("title"),
            deadline=reader.text("deadline"),
            executors_text=reader.text("executors_text"),
            executors=tuple(codes),
            report_form=reader.text("report_form"),
            report_form_kind=reader.choice("report_form_kind", {"analytical_report", "media_publications"}),
            years=tuple(years) if years is not None else None,
            competition=reader.flag("competition"),
        )
    return measures


def _load_municipalities(raw: dict[str, Any]) -> tuple[dict[str, str], dict[str, Municipality]]:
    kinds = raw.get("kinds")
    if not isinstance(kinds, dict) or not kinds:
        raise CatalogError("Справочник: в файле municipalities.toml нет таблицы [kinds].")
    municipalities: dict[str, Municipality] = {}
    for reader in _entries(raw, "municipality", "municipalities.toml"):
        code = reader.text("code")
        if not CODE_PATTERN.match(code):
            raise reader._fail("code", "код из строчных латинских букв, цифр и «_»")
        _unique(code, municipalities, reader.where)
        municipalities[code] = Municipality(code, reader.text("name"), reader.choice("kind", kinds))
    return kinds, municipalities
