"""Consistency warnings between an organisation's counts of one year."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from proforient_desktop.catalog.model import Catalog, ConsistencyRule

CountValues = Mapping[str, int]


@dataclass(frozen=True)
class ConsistencyWarning:
    """A part reported above its whole; ``message`` is the Russian text."""

    rule: ConsistencyRule
    part_value: int
    whole_value: int
    message: str

    @property
    def count_codes(self) -> tuple[str, str]:
        return (self.rule.part, self.rule.whole)


def check_counts(catalog: Catalog, counts: CountValues,
                 rules: Iterable[ConsistencyRule] | None = None) -> list[ConsistencyWarning]:
    """Return a warning for every rule whose part exceeds its whole.

    A rule is checked only when both counts were reported.
    """
    warnings = []
    for rule in catalog.rules if rules is None else rules:
        part = counts.get(rule.part)
        whole = counts.get(rule.whole)
        if part is None or whole is None or part <= whole:
            continue
        warnings.append(ConsistencyWarning(rule, part, whole, _message(catalog, rule, part, whole)))
    return warnings


def _message(catalog: Catalog, rule: ConsistencyRule, part: int, whole: int) -> str:
    part_count = catalog.counts[rule.part]
    whole_count = catalog.counts[rule.whole]
    return (
        f"{part_count.caption} = {part} больше, чем "
        f"{whole_count.caption} = {whole}: часть не может превышать целое. "
        "Проверьте оба значения."
    )
