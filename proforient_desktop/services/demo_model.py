"""The demo region's data types and the names of its municipal authorities."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from proforient_desktop.catalog import Catalog, Role
from proforient_desktop.services import demo_data as data


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



def showcase_municipality(region: DemoRegion) -> str:
    """Return the municipality with the most demo schools, which the municipality demo shows."""
    return max(region.municipalities(), key=lambda code: len(region.schools_of(code)))


def municipality_org_code(municipality_code: str) -> str:
    return f"demo-m-{municipality_code}"


def municipality_org_name(catalog: Catalog, municipality_code: str) -> str:
    # The generic part is short, so tables of organisations show the territory too.
    return f"Управление образования: {catalog.municipalities[municipality_code].name} {data.DEMO_MARK}"

