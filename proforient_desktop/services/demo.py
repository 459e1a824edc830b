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
import random

from proforient_desktop.catalog import Catalog
from proforient_desktop.errors import InvalidInputError
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.demo_activities import activities_of, add_authority_activities
from proforient_desktop.services.demo_counts import TARGET_STEP_PER_YEAR, CountGenerator, demo_targets, region_counts
from proforient_desktop.services.demo_deviations import apply_deviations
from proforient_desktop.services.demo_model import (
    DemoActivity,
    DemoOrganisation,
    DemoRegion,
    Deviation,
    DeviationKind,
    municipality_org_code,
    municipality_org_name,
    showcase_municipality,
)
from proforient_desktop.services.demo_organisations import known_weights, make_colleges, make_schools
from proforient_desktop.services.installation import load_installation, own_organisation

# Callers import the whole demo generator from this module.
__all__ = [
    "DEFAULT_COLLEGES", "DEFAULT_SCHOOLS", "DEFAULT_SEED", "DEFAULT_YEAR_SPAN", "MAX_ORGANISATIONS",
    "TARGET_STEP_PER_YEAR", "DemoActivity", "DemoOrganisation", "DemoRegion", "Deviation", "DeviationKind",
    "default_years", "demo_targets", "generate_region", "is_demo_installation", "municipality_org_code",
    "municipality_org_name", "parse_years", "region_counts", "showcase_municipality",
]

DEFAULT_SCHOOLS = 60
DEFAULT_COLLEGES = 6
# The demo covers at most this many years, ending with the current one, so
# the screens (which open on the current year) show data.
DEFAULT_YEAR_SPAN = 5
DEFAULT_SEED = 2022
MAX_ORGANISATIONS = 100_000


def is_demo_installation(context: AppContext) -> bool:
    """Tell whether this installation was built by ``proforient demo`` (its own organisation is a demo one).

    Screens and reports call it to mark everything they show as demo data.
    """
    with context.database.transaction() as session:
        if load_installation(session) is None:
            return False
        return bool(own_organisation(session).is_demo)


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
    weights = known_weights(catalog)
    if municipality_codes is not None:
        weights = {code: weight for code, weight in weights.items() if code in municipality_codes}
        if not weights:
            raise InvalidInputError("Ни одно из указанных муниципальных образований не найдено в справочнике.")

    organisations = make_schools(rng, schools, weights, catalog) + make_colleges(rng, colleges, weights)
    region = DemoRegion(tuple(years), organisations)
    generator = CountGenerator(catalog, rng)
    for organisation in organisations:
        region.counts[organisation.code] = generator.counts_of(organisation, years)
        region.activities[organisation.code] = activities_of(catalog, rng, organisation, years,
                                                             activities_per_year)
    add_authority_activities(catalog, rng, region, activities_per_year)
    if deviations:
        apply_deviations(catalog, region)
    return region


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
