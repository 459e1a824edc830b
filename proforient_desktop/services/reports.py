"""Report use cases: gather a level's figures and write the Excel tables or the PDF report.

``build_report_data`` collects everything a report shows about an
organisation, a municipality or the region; ``write_excel_report`` and
``write_pdf_report`` render it. Municipality and region figures come from
``services.consolidation``, so the reports and the «Сводка» screen agree.
Both files of a demo installation carry ``DEMO_REPORT_MARK``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from pathlib import Path
from typing import Callable, Sequence

from sqlalchemy import select

from proforient_desktop.catalog import Catalog, Role
from proforient_desktop.domain.indicators import compute
from proforient_desktop.domain.plausibility import check_plausibility
from proforient_desktop.errors import InvalidInputError
from proforient_desktop.reports.data import (
    ActivityRow,
    CompletenessLine,
    CountsRow,
    LevelRow,
    LevelSheet,
    ReportData,
    ReportLevel,
)
from proforient_desktop.services.activity_summary import activity_summary
from proforient_desktop.services.completeness import completeness
from proforient_desktop.services.consolidation import Consolidation, consolidate, load_members, read_year_counts
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.counts import find_organisation, read_all_counts, validate_year
from proforient_desktop.services.demo import is_demo_installation
from proforient_desktop.services.directory import installation_scope, municipality_names
from proforient_desktop.services.indicators import relevant_indicators
from proforient_desktop.services.installation import require_installation
from proforient_desktop.services.plausibility import plausibility_warnings
from proforient_desktop.services.targets import catalog_for_session
from proforient_desktop.storage.models import Activity

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]

DEMO_REPORT_MARK = "Демонстрационные данные — не для отчётности"


def _no_progress(done: int, total: int, stage: str) -> None:
    return None


def report_years(catalog: Catalog, year: int, first_year: int | None = None) -> list[int]:
    """Return the years a report covers: ``first_year`` (default the programme's first) to ``year``."""
    validate_year(catalog, year)
    start = catalog.first_year if first_year is None else validate_year(catalog, first_year)
    if start > year:
        raise InvalidInputError(f"Начальный год {start} позже отчётного {year}: укажите годы по порядку.")
    return list(range(start, year + 1))


def default_level(context: AppContext) -> ReportLevel:
    """Return the level an installation reports by default: its own organisation's."""
    with context.database.transaction() as session:
        role = require_installation(session).role.value
    return {"municipality": ReportLevel.MUNICIPALITY, "region": ReportLevel.REGION}.get(role, ReportLevel.ORGANISATION)


def available_levels(context: AppContext) -> list[ReportLevel]:
    """Return the report levels this installation can build, its own first."""
    with context.database.transaction() as session:
        role = require_installation(session).role
    if role is Role.REGION:
        return [ReportLevel.REGION, ReportLevel.MUNICIPALITY, ReportLevel.ORGANISATION]
    if role is Role.MUNICIPALITY:
        return [ReportLevel.MUNICIPALITY, ReportLevel.ORGANISATION]
    return [ReportLevel.ORGANISATION]


def list_municipalities(context: AppContext) -> list[tuple[str, str]]:
    """Return the directory's municipalities as (code, name), by name."""
    with context.database.transaction() as session:
        names = municipality_names(session)
    return sorted(names.items(), key=lambda item: item[1])


def build_report_data(context: AppContext, level: ReportLevel | str, year: int, *, code: str | None = None,
                      first_year: int | None = None, progress: Progress = _no_progress) -> ReportData:
    """Gather a report's figures for ``level`` over ``first_year``..``year``.

    ``code`` is the organisation's code at organisation level (default this
    installation's own) or the municipality's code at municipality level
    (default the installation's municipality).
    """
    level = _parse_level(level)
    years = report_years(context.catalog, year, first_year)
    if level is ReportLevel.ORGANISATION:
        return _organisation_data(context, code, years, progress)
    return _territory_data(context, level, code, years, progress)


def _parse_level(level: ReportLevel | str) -> ReportLevel:
    try:
        return ReportLevel(level)
    except ValueError:
        raise InvalidInputError(f"Уровень отчёта «{level}» неизвестен: укажите org, municipality или region.") from None


# --- organisation ----------------------------------------------------------


def _organisation_data(context: AppContext, code: str | None, years: list[int], progress: Progress) -> ReportData:
    progress(0, 2, "Чтение данных организации")
    with context.database.transaction() as session:
        catalog = catalog_for_session(context.catalog, session)
        organisation = find_organisation(session, code)
        all_counts = read_all_counts(session, organisation.id)
        municipality = municipality_names(session).get(organisation.municipality_code or "", "")
        activity_rows = _organisation_activities(catalog, session, organisation.id, years)
        org_code, org_name, kind = organisation.code, organisation.name, organisation.kind

    indicators = relevant_indicators(catalog, _role_or_none(kind))
    all_years = [years[0] - 1, *years]
    results = {
        year: {indicator.code: compute(indicator, year, all_counts.get(year, {})) for indicator in indicators}
        for year in all_years
    }
    year = years[-1]
    current, previous = all_counts.get(year, {}), all_counts.get(year - 1, {})
    warnings = [finding.message for finding in check_plausibility(catalog, current, previous)] if current else []
    not_reported = [] if current else [f"{org_name}: численности за {year} г. не представлены."]

    progress(2, 2, "Готово")
    return ReportData(
        level=ReportLevel.ORGANISATION, subject_code=org_code, subject_name=org_name, year=year, years=years,
        catalog=catalog, generated_at=_now(), results=results,
        counts=[CountsRow(org_code, org_name, municipality, y, all_counts.get(y, {})) for y in years],
        activities=activity_rows, warnings=warnings, non_reporting=not_reported,
        organisations_expected=1, organisations_reported=1 if current else 0,
        indicator_codes=[indicator.code for indicator in indicators],
        count_codes=_count_codes_of(catalog, kind),
    )


def _count_codes_of(catalog: Catalog, kind: str) -> list[str] | None:
    role = _role_or_none(kind)
    return [count.code for count in catalog.counts_for(role)] if role else None


def _role_or_none(kind: str) -> Role | None:
    try:
        return Role(kind)
    except ValueError:
        return None


def _organisation_activities(catalog: Catalog, session, organisation_id: int, years: list[int]) -> list[ActivityRow]:
    rows = session.scalars(
        select(Activity).where(Activity.organisation_id == organisation_id,
                               Activity.held_on >= dt.date(years[0], 1, 1),
                               Activity.held_on <= dt.date(years[-1], 12, 31))
    )
    tallies: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for activity in rows:
        tally = tallies[(activity.held_on.year, activity.measure_code)]
        tally[0] += 1
        tally[1] += activity.participants_total
        tally[2] += activity.participants_sen
    return [_activity_row(catalog, year, measure_code, *tally) for (year, measure_code), tally in sorted(tallies.items())]


def _activity_row(catalog: Catalog, year: int, measure_code: str, held: int, participants: int,
                  sen: int) -> ActivityRow:
    measure = catalog.measures.get(measure_code)
    group = catalog.measure_groups.get(measure.group).name if measure else ""
    title = measure.title if measure else measure_code
    return ActivityRow(year, group, measure_code, title, held, participants, sen)


# --- municipality and region ------------------------------------------------


def _territory_data(context: AppContext, level: ReportLevel, code: str | None, years: list[int],
                    progress: Progress) -> ReportData:
    municipality_code = _resolve_municipality(context, level, code)
    steps = len(years) + 3
    consolidations: dict[int, Consolidation] = {}
    for index, year in enumerate([years[0] - 1, *years]):
        if year >= context.catalog.first_year:
            progress(index, steps, f"Сводка за {year} г.")
            consolidations[year] = consolidate(context, year)

    year = years[-1]
    latest = consolidations[year]
    subject = latest.region if municipality_code is None else latest.find(municipality_code)
    if subject is None:
        raise InvalidInputError(
            f"Муниципальное образование «{municipality_code}» не найдено среди данных этой установки."
        )
    results = {}
    for each_year, consolidation in consolidations.items():
        level_result = consolidation.region if municipality_code is None else consolidation.find(municipality_code)
        results[each_year] = dict(level_result.results) if level_result else {}

    progress(steps - 3, steps, "Полнота и предупреждения")
    rows = completeness(context, year, municipality_code=municipality_code)
    lines = [
        CompletenessLine(row.indicator, year, row.expected, row.reported, row.percent, row.required_percent,
                         row.met, [f"{m.name} ({m.municipality_name})" for m in row.missing])
        for row in rows
    ]
    warnings = [f"{w.organisation_name}: {w.message}"
                for w in plausibility_warnings(context, year, municipality_code=municipality_code) if not w.checked]

    progress(steps - 2, steps, "Мероприятия и численности")
    activities = _territory_activities(context, years, municipality_code or "region")
    counts_rows, expected, non_reporting = _territory_counts(context, years, municipality_code)

    progress(steps, steps, "Готово")
    return ReportData(
        level=level, subject_code=subject.code, subject_name=_subject_name(level, subject.name), year=year,
        years=years, catalog=latest.catalog or context.catalog, generated_at=_now(), results=results,
        level_sheets=_level_sheets(consolidations, years, municipality_code),
        counts=counts_rows, activities=activities, completeness=lines, warnings=warnings,
        non_reporting=non_reporting, organisations_expected=expected,
        organisations_reported=expected - len(non_reporting),
    )


def _subject_name(level: ReportLevel, name: str) -> str:
    if level is ReportLevel.REGION and name == "Итого":
        return "Хабаровский край"
    return name


def _resolve_municipality(context: AppContext, level: ReportLevel, code: str | None) -> str | None:
    with context.database.transaction() as session:
        role = require_installation(session).role
        scope = installation_scope(session)
        names = municipality_names(session)
    if role not in (Role.MUNICIPALITY, Role.REGION):
        raise InvalidInputError(
            "Сводные отчёты по муниципальному образованию и региону строят муниципалитет и региональный "
            "оператор. Для своей организации выберите уровень «организация» (--level org)."
        )
    if level is ReportLevel.REGION:
        if scope is not None:
            raise InvalidInputError(
                "Отчёт по региону строит региональный оператор: установка муниципалитета видит только "
                "свои организации. Выберите уровень «муниципальное образование»."
            )
        return None

    municipality = code or scope
    if municipality is None:
        raise InvalidInputError("Укажите код муниципального образования (--org), например khabarovsky.")
    if scope is not None and municipality != scope:
        raise InvalidInputError(f"Эта установка ведёт только муниципальное образование «{names.get(scope, scope)}».")
    if municipality not in names and municipality != "region_subordinate":
        raise InvalidInputError(
            f"Муниципальное образование «{municipality}» не найдено в справочнике: укажите его код, "
            "например khabarovsky."
        )
    return municipality


def _level_sheets(consolidations: dict[int, Consolidation], years: Sequence[int],
                  municipality_code: str | None) -> list[LevelSheet]:
    municipalities, organisations = [], []
    for year in years:
        consolidation = consolidations[year]
        names = {level.code: level.name for level in consolidation.municipalities}
        if municipality_code is None:
            municipalities += [LevelRow(m.code, m.name, m.kind, m.name, year, m.results)
                               for m in consolidation.municipalities]
            members = consolidation.organisations
        else:
            members = consolidation.organisations_in(municipality_code)
        organisations += [LevelRow(o.code, o.name, o.kind, names.get(o.municipality_code, ""), year, o.results)
                          for o in members]

    sheets = [LevelSheet("Муниципалитеты", municipalities)] if municipality_code is None else []
    return [*sheets, LevelSheet("Организации", organisations)]


def _territory_activities(context: AppContext, years: Sequence[int], territory_code: str) -> list[ActivityRow]:
    rows = []
    for year in years:
        summary = activity_summary(context, year)
        territories = [summary.region, *summary.municipalities]
        territory = next((item for item in territories if item.code == territory_code), None)
        if territory is None:
            continue
        for group in territory.groups:
            for item in group.measures:
                rows.append(ActivityRow(year, group.group.name, item.measure.code, item.measure.title,
                                        item.tally.held, item.tally.participants, item.tally.participants_sen))
    return rows


def _territory_counts(context: AppContext, years: Sequence[int],
                      municipality_code: str | None) -> tuple[list[CountsRow], int, list[str]]:
    """Return the raw counts rows, the organisations expected in the last year and those of them with no counts."""
    with context.database.transaction() as session:
        members = load_members(session, municipality_code)
        names = municipality_names(session)
        by_year = {year: read_year_counts(session, year, [m.id for m in members]) for year in years}

    rows = []
    for year in years:
        for member in members:
            counts = by_year[year].get(member.id)
            if counts:
                rows.append(CountsRow(member.code, member.name, names.get(member.municipality_code, ""), year, counts))
    year = years[-1]
    expected = [member for member in members if member.closed_from_year is None or year < member.closed_from_year]
    silent = sorted(f"{member.name} ({names.get(member.municipality_code, member.municipality_code)})"
                    for member in expected if not by_year[year].get(member.id))
    return rows, len(expected), silent


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


# --- writing ---------------------------------------------------------------


def write_excel_report(context: AppContext, path: str | Path, level: ReportLevel | str, year: int, *,
                       code: str | None = None, first_year: int | None = None,
                       progress: Progress = _no_progress) -> ReportData:
    """Write the Excel tables of ``level`` for ``first_year``..``year`` to ``path``."""
    from proforient_desktop.reports.excel import write_excel

    first_year = year if first_year is None else first_year
    data = build_report_data(context, level, year, code=code, first_year=first_year, progress=progress)
    mark = demo_mark(context)
    write_file_atomically(path, lambda temporary: write_excel(data, temporary, mark=mark))
    log.info("Excel report (%s, %s, %d) written to %s", data.level.value, data.subject_code, year, path)
    return data


def write_pdf_report(context: AppContext, path: str | Path, level: ReportLevel | str, year: int, *,
                     code: str | None = None, progress: Progress = _no_progress) -> ReportData:
    """Write the PDF analytical report of ``level`` for ``year`` to ``path``."""
    from proforient_desktop.reports.pdf import write_pdf

    data = build_report_data(context, level, year, code=code, progress=progress)
    mark = demo_mark(context)
    write_file_atomically(path, lambda temporary: write_pdf(data, temporary, mark=mark))
    log.info("PDF report (%s, %s, %d) written to %s", data.level.value, data.subject_code, year, path)
    return data


def demo_mark(context: AppContext) -> str | None:
    """Return the notice a demo installation's reports carry, or None for real data."""
    return DEMO_REPORT_MARK if is_demo_installation(context) else None


def write_file_atomically(path: str | Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` on a temporary file beside ``path``, then move it into place.

    A half-written file never replaces a good one (a power cut, an error); a
    file locked by another program raises ``InvalidInputError`` saying so.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise InvalidInputError(f"Папка «{path.parent}» не существует: выберите другую папку для файла.")

    temporary = path.with_name(f".{path.name}.tmp")
    try:
        write(temporary)
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        log.warning("Cannot write %s: %s", path, error)
        raise InvalidInputError(
            f"Не удаётся записать файл «{path}»: он открыт в другой программе, папка недоступна для "
            f"записи или на диске нет места ({error.strerror}). Закройте файл или выберите другую папку."
        ) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
