"""The demo region's deliberate gaps and warnings, applied on top of clean generated data."""

from __future__ import annotations

from proforient_desktop.catalog import Catalog, Role
from proforient_desktop.services.demo_model import (
    DemoOrganisation,
    DemoRegion,
    Deviation,
    DeviationKind,
    showcase_municipality,
)


def apply_deviations(catalog: Catalog, region: DemoRegion) -> None:
    """Apply the deliberate gaps and warnings to a few schools, listing each one."""
    # The deviations go to the municipality with the most schools, which the
    # municipality demo shows, so that one installation shows all of them.
    schools = [school for school in region.schools_of(showcase_municipality(region)) if not school.basic_only]
    if len(schools) < 6:
        schools = [school for school in region.of_kind(Role.SCHOOL.value) if not school.basic_only]
    years = region.years
    if len(schools) < 2:
        return
    picked = iter(schools[1::max(1, len(schools) // 6)][:5])
    _drop_counts(region, next(picked, schools[0]), years[-1],
                 ("counselling_students", "upper_counselling_students", "enterprise_practice_participants"))
    _drop_year(region, next(picked, schools[1]), years[-1])
    _break_rule(catalog, region, next(picked, schools[0]), years[-1],
                "grade11_entered_own_region_university", "grade11_entered_university_by_profile")
    _break_rule(catalog, region, next(picked, schools[1]), years[0],
                "career_diagnostics_students", "students_total")
    if len(years) > 1:
        _jump(catalog, region, next(picked, schools[0]), years[1], "students_total", 10)
    deviating = {deviation.organisation_code for deviation in region.deviations}
    silent = next((school for school in reversed(schools) if school.code not in deviating), None)
    if silent is not None and len(schools) >= 4:
        region.deviations.append(Deviation(
            DeviationKind.NO_PACKAGE, silent.code, None, (),
            f"{silent.name} не прислала ни одного пакета: числится в справочнике, данных нет",
        ))


def _drop_counts(region: DemoRegion, school: DemoOrganisation, year: int, codes: tuple[str, ...]) -> None:
    values = region.counts[school.code][year]
    dropped = tuple(code for code in codes if values.pop(code, None) is not None)
    region.deviations.append(Deviation(
        DeviationKind.UNREPORTED_COUNTS, school.code, year, dropped,
        f"{school.name}: за {year} г. не представлено численностей: {len(dropped)}",
    ))


def _drop_year(region: DemoRegion, school: DemoOrganisation, year: int) -> None:
    region.counts[school.code].pop(year, None)
    region.deviations.append(Deviation(
        DeviationKind.UNREPORTED_YEAR, school.code, year, (),
        f"{school.name}: за {year} г. численности не представлены",
    ))


def _break_rule(catalog: Catalog, region: DemoRegion, school: DemoOrganisation, year: int,
                part: str, whole: str) -> None:
    values = region.counts[school.code].get(year)
    if values is None or whole not in values:
        return
    values[part] = values[whole] + max(3, values[whole] // 10)
    region.deviations.append(Deviation(
        DeviationKind.PART_ABOVE_WHOLE, school.code, year, (part, whole),
        f"{school.name}, {year} г.: {catalog.counts[part].label} больше, чем {catalog.counts[whole].label}",
    ))


def _jump(catalog: Catalog, region: DemoRegion, school: DemoOrganisation, year: int, code: str, factor: int) -> None:
    # A typo with an extra digit: the total is ten times the real one.
    values = region.counts[school.code].get(year)
    if values is None or code not in values:
        return
    values[code] *= factor
    region.deviations.append(Deviation(
        DeviationKind.VALUE_JUMP, school.code, year, (code,),
        f"{school.name}, {year} г.: {catalog.counts[code].label} в {factor} раз больше, чем в соседние годы "
        "(лишняя цифра)",
    ))
