"""Plausibility rules over one organisation's counts of a year and the year before.

Three kinds of finding, each a hint for the operator rather than an error:

- a part reported above its whole (the consistency rules of the catalogue);
- a count that jumps by more than ``jump_factor`` from the previous year;
- a denominator (a total such as all students) that differs from the previous
  year by more than ``denominator_factor``: totals rarely halve or double.

Each finding has a stable ``key`` so an operator's "checked" mark can be
stored, sent up in a package and matched again later.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Iterable, Mapping

from proforient_desktop.catalog.model import Catalog
from proforient_desktop.domain.consistency import check_counts

CountValues = Mapping[str, int]

DEFAULT_JUMP_FACTOR = 3.0
DEFAULT_DENOMINATOR_FACTOR = 1.5

# Below this, year-to-year changes of a count are ordinary noise (3 pupils
# one year, 9 the next) and are not reported as jumps.
MIN_VALUE_FOR_CHANGE = 10


class PlausibilityKind(str, enum.Enum):
    PART_ABOVE_WHOLE = "part_above_whole"
    VALUE_JUMP = "value_jump"
    DENOMINATOR_CHANGE = "denominator_change"


KIND_NAMES_RU: Mapping[PlausibilityKind, str] = {
    PlausibilityKind.PART_ABOVE_WHOLE: "часть больше целого",
    PlausibilityKind.VALUE_JUMP: "резкое изменение значения",
    PlausibilityKind.DENOMINATOR_CHANGE: "резкое изменение общей численности",
}


@dataclass(frozen=True)
class PlausibilityThresholds:
    """Ratios (≥ 1) of year-to-year change above which a change is reported, and the smallest value compared."""

    jump_factor: float = DEFAULT_JUMP_FACTOR
    denominator_factor: float = DEFAULT_DENOMINATOR_FACTOR
    min_value: int = MIN_VALUE_FOR_CHANGE


@dataclass(frozen=True)
class PlausibilityFinding:
    """One finding for one organisation and year.

    ``count_codes`` and ``values`` run in parallel: (part, whole) for a part
    above its whole, (count this year, same count last year) for changes.
    ``message`` is the Russian text shown to the operator.
    """

    kind: PlausibilityKind
    count_codes: tuple[str, ...]
    values: tuple[int, ...]
    message: str

    @property
    def key(self) -> str:
        return ":".join((self.kind.value, *self.count_codes))


def denominator_codes(catalog: Catalog) -> frozenset[str]:
    """Return the counts that some indicator divides by."""
    return frozenset(
        indicator.denominator for indicator in catalog.indicators.values() if indicator.denominator is not None
    )


def check_plausibility(catalog: Catalog, counts: CountValues, previous: CountValues,
                       thresholds: PlausibilityThresholds = PlausibilityThresholds()) -> list[PlausibilityFinding]:
    """Return every finding for one organisation's counts against its previous year's."""
    findings = [
        PlausibilityFinding(PlausibilityKind.PART_ABOVE_WHOLE, warning.count_codes,
                            (warning.part_value, warning.whole_value), warning.message)
        for warning in check_counts(catalog, counts)
    ]

    denominators = denominator_codes(catalog)
    for code in _codes_in_both(catalog, counts, previous):
        is_denominator = code in denominators
        factor = thresholds.denominator_factor if is_denominator else thresholds.jump_factor
        current, last = counts[code], previous[code]
        if not changed_beyond(current, last, factor, thresholds.min_value):
            continue
        kind = PlausibilityKind.DENOMINATOR_CHANGE if is_denominator else PlausibilityKind.VALUE_JUMP
        findings.append(PlausibilityFinding(kind, (code,), (current, last),
                                            _change_message(catalog, kind, code, current, last, factor)))
    return findings


def changed_beyond(current: int, previous: int, factor: float, min_value: int) -> bool:
    """Tell whether ``current`` differs from ``previous`` by more than ``factor`` times.

    A change from or to zero counts as beyond any factor once the other value
    reaches ``min_value``; changes between values both under it are ignored.
    """
    if max(current, previous) < min_value:
        return False
    if min(current, previous) == 0:
        return True
    return max(current, previous) / min(current, previous) > factor


def _codes_in_both(catalog: Catalog, counts: CountValues, previous: CountValues) -> Iterable[str]:
    # Catalogue order keeps the list stable between runs and screens.
    return [code for code in catalog.counts if code in counts and code in previous]


def _change_message(catalog: Catalog, kind: PlausibilityKind, code: str, current: int, previous: int,
                    factor: float) -> str:
    count = catalog.counts[code]
    factor_text = f"{factor:g}".replace(".", ",")
    subject = f"{count.label} ({count.definition})"
    if kind is PlausibilityKind.DENOMINATOR_CHANGE:
        return (
            f"{subject}: {current} против {previous} в прошлом году — общая численность изменилась "
            f"более чем в {factor_text} раза. Проверьте, не пропущена ли часть обучающихся или нет ли опечатки."
        )
    return (
        f"{subject}: {current} против {previous} в прошлом году — изменение более чем в {factor_text} раза. "
        "Проверьте значение."
    )
