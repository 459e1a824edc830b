"""The demo region: fictional schools and colleges of the real municipalities, with their data.

The generator is deterministic for a given seed. Counts are made top-down,
each whole before its parts, and every part is capped by each of its wholes,
so the data obey every consistency rule of the catalogue. Deliberate
deviations (unreported counts, a year not reported, parts above their
wholes, year-over-year jumps) are then applied on top and listed in
``DemoRegion.deviations``, so tests and screens can tell them apart from
generator errors. ``demo_install`` builds installations from a
``DemoRegion``; here only ``is_demo_installation`` reads a database.
"""

from __future__ import annotations

import datetime as dt
import graphlib
import random
import uuid
from dataclasses import dataclass, field
from typing import Mapping

from proforient_desktop.catalog import Catalog, Role
from proforient_desktop.errors import InvalidInputError
from proforient_desktop.services import demo_data as data
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.installation import load_installation, own_organisation

DEFAULT_SCHOOLS = 60
DEFAULT_COLLEGES = 6
# The demo covers at most this many years, ending with the current one, so
# the screens (which open on the current year) show data.
DEFAULT_YEAR_SPAN = 5
DEFAULT_SEED = 2022
# Percentage points the demo region adds to an indicator's target for each
# year after the programme's last one.
TARGET_STEP_PER_YEAR = 2.0
MAX_ORGANISATIONS = 100_000


class DeviationKind:
    """Kinds of deliberate deviation from clean data."""

    UNREPORTED_COUNTS = "unreported_counts"
    UNREPORTED_YEAR = "unreported_year"
    NO_PACKAGE = "no_package"
    PART_ABOVE_WHOLE = "part_above_whole"
    VALUE_JUMP = "value_jump"


@dataclass(frozen=True)
class Deviation:
    """A deliberate gap or warning; ``description`` is Russian, for the operator."""

    kind: str
    organisation_code: str
    year: int | None
    count_codes: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class DemoOrganisation:
    """A fictional school or college; ``settlement`` is city, town or rural."""

    code: str
    name: str
    kind: str
    municipality_code: str
    students: int
    settlement: str
    basic_only: bool = False


@dataclass(frozen=True)
class DemoActivity:
    """An activity as a school or college would record it."""

    uid: str
    measure_code: str
    held_on: dt.date
    title: str
    format: str
    participants_total: int
    participants_sen: int
    grade_band: str
    partners: str
    publication_url: str
    note: str = ""


@dataclass
class DemoRegion:
    """Generated organisations with their counts ``{code: {year: {count: value}}}`` and activities."""

    years: tuple[int, ...]
    organisations: list[DemoOrganisation]
    counts: dict[str, dict[int, dict[str, int]]] = field(default_factory=dict)
    activities: dict[str, list[DemoActivity]] = field(default_factory=dict)
    deviations: list[Deviation] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[DemoOrganisation]:
        return [organisation for organisation in self.organisations if organisation.kind == kind]

    def schools_of(self, municipality_code: str) -> list[DemoOrganisation]:
        return [organisation for organisation in self.of_kind(Role.SCHOOL.value)
                if organisation.municipality_code == municipality_code]

    def municipalities(self) -> list[str]:
        """Return the municipality codes that have at least one demo school, in catalogue order."""
        used = {organisation.municipality_code for organisation in self.of_kind(Role.SCHOOL.value)}
        return [code for code in data.MUNICIPALITY_WEIGHTS if code in used]

    @property
    def silent_codes(self) -> set[str]:
        """Codes of the organisations that never send a package."""
        return {deviation.organisation_code for deviation in self.deviations
                if deviation.kind == DeviationKind.NO_PACKAGE}


def is_demo_installation(context: AppContext) -> bool:
    """Tell whether this installation was built by ``proforient demo`` (its own organisation is a demo one).

    Screens and reports call it to mark everything they show as demo data.
    """
    with context.database.transaction() as session:
        if load_installation(session) is None:
            return False
        return bool(own_organisation(session).is_demo)


def showcase_municipality(region: DemoRegion) -> str:
    """Return the municipality with the most demo schools, which the municipality demo shows."""
    return max(region.municipalities(), key=lambda code: len(region.schools_of(code)))


def municipality_org_code(municipality_code: str) -> str:
    return f"demo-m-{municipality_code}"


def municipality_org_name(catalog: Catalog, municipality_code: str) -> str:
    # The generic part is short, so tables of organisations show the territory too.
    return f"Управление образования: {catalog.municipalities[municipality_code].name} {data.DEMO_MARK}"


def default_years(catalog: Catalog, today: dt.date | None = None) -> tuple[int, ...]:
    """Return the last ``DEFAULT_YEAR_SPAN`` years up to the current one, from the catalogue's first year."""
    current = (today or dt.date.today()).year
    first = max(catalog.first_year, current - DEFAULT_YEAR_SPAN + 1)
    return tuple(range(first, max(first, current) + 1))


def parse_years(text: str) -> tuple[int, ...]:
    """Parse «2022-2024», «2022–2024» or «2023» into a tuple of years."""
    cleaned = text.strip().replace("–", "-").replace("—", "-")
    parts = cleaned.split("-")
    if not 1 <= len(parts) <= 2 or not all(len(part) == 4 and part.isdigit() for part in parts):
        raise InvalidInputError(
            f"Годы «{text}» указаны неверно: нужен год или диапазон годов, например «2022-2024»."
        )
    first, last = int(parts[0]), int(parts[-1])
    if last < first:
        raise InvalidInputError(f"Диапазон годов «{text}» обратный: первый год должен быть не больше последнего.")
    return tuple(range(first, last + 1))


def generate_region(catalog: Catalog, *, schools: int = DEFAULT_SCHOOLS, colleges: int = DEFAULT_COLLEGES,
                    years: tuple[int, ...] | None = None, seed: int = DEFAULT_SEED,
                    activities_per_year: int | None = None, deviations: bool = True,
                    municipality_codes: tuple[str, ...] | None = None) -> DemoRegion:
    """Generate a demo region (of ``default_years`` unless ``years`` are given).

    ``activities_per_year`` fixes the number of activities of every
    organisation and year; ``None`` scales it with the organisation's size
    (5 to 30). ``deviations`` adds the deliberate gaps and warnings.
    ``municipality_codes`` puts all schools and colleges into those
    municipalities only (a municipality-sized demo).
    """
    years = tuple(years) if years is not None else default_years(catalog)
    _check_sizes(catalog, schools, colleges, years, activities_per_year)
    rng = random.Random(seed)
    weights = _known_weights(catalog)
    if municipality_codes is not None:
        weights = {code: weight for code, weight in weights.items() if code in municipality_codes}
        if not weights:
            raise InvalidInputError("Ни одно из указанных муниципальных образований не найдено в справочнике.")

    organisations = _make_schools(rng, schools, weights, catalog) + _make_colleges(rng, colleges, weights)
    region = DemoRegion(tuple(years), organisations)
    generator = _CountGenerator(catalog, rng)
    for organisation in organisations:
        region.counts[organisation.code] = generator.counts_of(organisation, years)
        region.activities[organisation.code] = _activities_of(catalog, rng, organisation, years,
                                                              activities_per_year)
    _add_authority_activities(catalog, rng, region, activities_per_year)
    if deviations:
        _apply_deviations(catalog, region)
    return region


def _add_authority_activities(catalog: Catalog, rng: random.Random, region: DemoRegion,
                              per_year: int | None) -> None:
    # Municipal authorities and the region record their own activities too;
    # they are keyed by the authority's organisation code.
    authorities = [(municipality_org_code(code), code, Role.MUNICIPALITY) for code in region.municipalities()]
    authorities.append((data.REGION_CODE, "khabarovsk", Role.REGION))
    for code, municipality_code, role in authorities:
        authority = DemoOrganisation(code=code, name="", kind=role.value, municipality_code=municipality_code,
                                     students=300, settlement="city")
        region.activities[code] = _activities_of(catalog, rng, authority, region.years, per_year)


def demo_targets(catalog: Catalog, years: tuple[int, ...]) -> dict[tuple[str, int], float]:
    """Return targets the demo region sets for its years after the programme's last target.

    Each year past the programme adds ``TARGET_STEP_PER_YEAR`` percentage
    points to the last target, up to 100, as a region extending the
    programme might.
    """
    targets = {}
    for indicator in catalog.indicators.values():
        if not indicator.targets:
            continue
        last_year = max(indicator.targets)
        for year in years:
            if year > last_year:
                targets[(indicator.code, year)] = _demo_target(indicator.targets, year)
    return targets


def _demo_target(targets: Mapping[int, float], year: int) -> float:
    """Return the programme's target of ``year``, or the demo region's one past the programme."""
    if year in targets:
        return targets[year]
    last_year = max(targets)
    if year > last_year:
        return min(100.0, targets[last_year] + TARGET_STEP_PER_YEAR * (year - last_year))
    # Years before the programme keep its first target.
    return targets[min(targets)]


def region_counts(catalog: Catalog, region: DemoRegion) -> dict[int, dict[str, int]]:
    """Return the region's own counts: the sums over the demo organisations, capped by every rule.

    The region enters some counts from official statistics, which cover every
    organisation, so the sums of the generated counts stand in for them.
    """
    reported = {count.code for count in catalog.counts_for(Role.REGION)}
    order = _CountGenerator(catalog, random.Random(0)).order
    wholes: dict[str, list[str]] = {}
    for rule in catalog.rules:
        wholes.setdefault(rule.part, []).append(rule.whole)

    result = {}
    for year in region.years:
        sums = {code: 0 for code in reported}
        for values_by_year in region.counts.values():
            for code, value in values_by_year.get(year, {}).items():
                if code in sums:
                    sums[code] += value
        for code in order:
            if code in sums:
                sums[code] = min([sums[code], *(sums[whole] for whole in wholes.get(code, ()) if whole in sums)])
        result[year] = sums
    return result


def _check_sizes(catalog: Catalog, schools: int, colleges: int, years: tuple[int, ...],
                 activities_per_year: int | None) -> None:
    if schools < 1 or colleges < 0 or schools + colleges > MAX_ORGANISATIONS:
        raise InvalidInputError(
            f"Число школ должно быть от 1, колледжей — от 0, всего не больше {MAX_ORGANISATIONS}; "
            f"указано школ: {schools}, колледжей: {colleges}."
        )
    last_year = dt.date.today().year + 1
    if not years or years[0] < catalog.first_year or years[-1] > last_year:
        raise InvalidInputError(
            f"Годы демонстрационных данных должны быть в пределах {catalog.first_year}–{last_year}."
        )
    if activities_per_year is not None and not 0 <= activities_per_year <= 10_000:
        raise InvalidInputError("Число мероприятий в год должно быть от 0 до 10 000.")


def _spread(total: int, weights: Mapping[str, float]) -> dict[str, int]:
    """Split ``total`` over the municipalities by weight, at least one each while there are enough."""
    codes = list(weights)
    if total < len(codes):
        return {code: 1 for code in codes[:total]}
    shares = {code: 1 for code in codes}
    remaining = total - len(codes)
    weight_sum = sum(weights.values())
    exact = {code: remaining * weight / weight_sum for code, weight in weights.items()}
    for code in codes:
        shares[code] += int(exact[code])
    leftover = total - sum(shares.values())
    for code in sorted(codes, key=lambda code: exact[code] - int(exact[code]), reverse=True)[:leftover]:
        shares[code] += 1
    return shares


def _make_schools(rng: random.Random, total: int, weights: dict[str, float],
                  catalog: Catalog) -> list[DemoOrganisation]:
    schools = []
    number = 0
    for municipality_code, count in _spread(total, weights).items():
        is_urban = catalog.municipalities[municipality_code].kind == "urban_district"
        for _ in range(count):
            number += 1
            if is_urban:
                settlement = "city"
            elif rng.random() < data.TOWN_SCHOOL_SHARE:
                settlement = "town"
            else:
                settlement = "rural"
            size_range = {"city": data.CITY_SCHOOL_STUDENTS, "town": data.TOWN_SCHOOL_STUDENTS,
                          "rural": data.RURAL_SCHOOL_STUDENTS}[settlement]
            basic_only = settlement == "rural" and rng.random() < data.BASIC_SCHOOL_SHARE
            kind_name = "Основная школа" if basic_only else "Школа"
            schools.append(DemoOrganisation(
                code=f"demo-s{number:05d}", name=f"{kind_name} № {number} {data.DEMO_MARK}",
                kind=Role.SCHOOL.value, municipality_code=municipality_code,
                students=rng.randint(*size_range), settlement=settlement, basic_only=basic_only,
            ))
    return schools


def _make_colleges(rng: random.Random, total: int, weights: dict[str, float]) -> list[DemoOrganisation]:
    # Colleges stand in the two cities and the larger districts.
    larger = dict(sorted(weights.items(), key=lambda item: item[1], reverse=True)[:8])
    colleges = []
    number = 0
    for municipality_code, count in _spread(total, larger).items():
        for _ in range(count):
            number += 1
            colleges.append(DemoOrganisation(
                code=f"demo-c{number:04d}", name=f"Колледж № {number} {data.DEMO_MARK}", kind=Role.COLLEGE.value,
                municipality_code=municipality_code, students=rng.randint(*data.COLLEGE_STUDENTS),
                settlement="city",
            ))
    return colleges


def _known_weights(catalog: Catalog) -> dict[str, float]:
    # The region may have edited its directory; only catalogue municipalities are used.
    return {code: weight for code, weight in data.MUNICIPALITY_WEIGHTS.items() if code in catalog.municipalities}


class _CountGenerator:
    """Makes an organisation's counts of every year, wholes before parts."""

    def __init__(self, catalog: Catalog, rng: random.Random) -> None:
        self.catalog = catalog
        self.rng = rng
        self.wholes: dict[str, list[str]] = {}
        for rule in catalog.rules:
            self.wholes.setdefault(rule.part, []).append(rule.whole)
        # An indicator's numerator follows its target as a share of its denominator.
        self.steered = {
            indicator.numerator: indicator for indicator in catalog.indicators.values()
            if indicator.denominator is not None and indicator.targets
        }
        sorter = graphlib.TopologicalSorter({code: set(self.wholes.get(code, ())) for code in catalog.counts})
        for code, indicator in self.steered.items():
            sorter.add(code, indicator.denominator)
        self.order = [code for code in sorter.static_order() if code in catalog.counts]
        self.reported = {role: frozenset(count.code for count in catalog.counts_for(role)) for role in Role}
        self._targets: dict[tuple[str, int], float] = {}

    def counts_of(self, organisation: DemoOrganisation, years: tuple[int, ...]) -> dict[int, dict[str, int]]:
        reported = self.reported[Role(organisation.kind)]
        # Each organisation keeps its own level of performance from year to
        # year, so yearly changes stay small unless a deviation is applied.
        uniform = self.rng.uniform
        levels = {code: uniform(0.6, 1.25) for code in self.order}
        students = organisation.students
        result = {}
        for year in years:
            values = self._year(organisation, year, students, levels)
            result[year] = {code: value for code, value in values.items() if code in reported}
            students = max(10, round(students * uniform(*data.STUDENTS_DRIFT)))
        return result

    def _year(self, organisation: DemoOrganisation, year: int, students: int,
              levels: dict[str, float]) -> dict[str, int]:
        values: dict[str, int] = {}
        for code in self.order:
            value = self._value(organisation, year, code, students, values, levels[code])
            for whole in self.wholes.get(code, ()):
                if whole in values and values[whole] < value:
                    value = values[whole]
            values[code] = max(0, value)
        return values

    def _value(self, organisation: DemoOrganisation, year: int, code: str, students: int,
               values: dict[str, int], level: float) -> int:
        noise = 0.97 + 0.06 * self.rng.random()
        if code == "students_total":
            return students
        if code == "grade9_students_total":
            grades = values["grade9_11_students_total"]
            return grades if organisation.basic_only else round(grades * 0.4 * noise)
        if code == "grade10_11_students_total":
            return values["grade9_11_students_total"] - values["grade9_students_total"]
        if code == "grade10_12_sen_students_total" and organisation.basic_only:
            return 0
        if code in self.steered:
            indicator = self.steered[code]
            share = min(1.0, self._target(indicator, year) / 100 * level * noise)
            return round(values.get(indicator.denominator, 0) * share)
        if self.catalog.counts[code].unit == "ед.":
            low, high = data.COMPETITIONS_RANGE
            return round(low + (high - low) * (level - 0.6) / 0.65)
        whole = next((values[whole] for whole in self.wholes.get(code, ()) if whole in values), students)
        low, high = data.SHARE_RANGES.get(code, data.DEFAULT_SHARE_RANGE)
        share = low + (high - low) * (level - 0.6) / 0.65
        return round(whole * min(1.0, share * noise))

    def _target(self, indicator, year: int) -> float:
        # The demo region's own targets steer the years past the programme,
        # so that there too some values reach their target and others fall below it.
        key = (indicator.code, year)
        if key not in self._targets:
            self._targets[key] = _demo_target(indicator.targets, year)
        return self._targets[key]


def _activities_of(catalog: Catalog, rng: random.Random, organisation: DemoOrganisation, years: tuple[int, ...],
                   per_year: int | None) -> list[DemoActivity]:
    measures = catalog.measures_for(Role(organisation.kind))
    bands = data.COLLEGE_GRADE_BANDS if organisation.kind == Role.COLLEGE.value else data.SCHOOL_GRADE_BANDS
    months = list(data.ACTIVITY_MONTH_WEIGHTS)
    month_weights = list(data.ACTIVITY_MONTH_WEIGHTS.values())
    today = dt.date.today()
    activities = []
    for year in years:
        due = [measure for measure in measures if measure.is_due_in(year)] or measures
        count = per_year if per_year is not None else min(30, 5 + organisation.students // 60)
        for _ in range(count):
            measure = rng.choice(due)
            month = rng.choices(months, month_weights)[0]
            held_on = dt.date(year, month, rng.randint(1, 28))
            if held_on > today:
                # Activities of the current year lie in the past.
                held_on = today - dt.timedelta(days=rng.randint(0, today.timetuple().tm_yday - 1))
            total = rng.randint(5, max(6, min(organisation.students, 200)))
            uid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            activities.append(DemoActivity(
                uid=uid, measure_code=measure.code, held_on=held_on,
                title=f"{rng.choice(data.TITLE_STARTS.get(measure.group, data.TITLE_STARTS[2]))} "
                      f"{rng.choice(data.TITLE_TOPICS)}",
                format=rng.choice(data.ACTIVITY_FORMATS),
                participants_total=total, participants_sen=rng.randint(0, total // 12),
                grade_band=rng.choice(bands),
                partners=rng.choice(data.PARTNERS) if rng.random() < 0.5 else "",
                publication_url=f"https://example.org/demo/{organisation.code}/{uid[:8]}",
            ))
    return activities


def _apply_deviations(catalog: Catalog, region: DemoRegion) -> None:
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
