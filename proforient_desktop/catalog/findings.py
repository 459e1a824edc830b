"""Inconsistencies inside the catalogue that the methodology itself contains.

The programme is kept as it is written, so these are reported, not fixed: a
region deciding on targets needs to see them.
"""

from __future__ import annotations

from dataclasses import dataclass

from proforient_desktop.catalog.model import Catalog, Indicator


@dataclass(frozen=True)
class CatalogFinding:
    """One inconsistency, described in Russian for the user."""

    kind: str
    subject: str
    message: str


def find_inconsistencies(catalog: Catalog) -> list[CatalogFinding]:
    """Return every inconsistency found in the catalogue, in a stable order."""
    findings = _targets_above_containing_targets(catalog)
    findings += _indicators_without_monitoring_row(catalog)
    return findings


def _parts_of(catalog: Catalog) -> dict[str, set[str]]:
    """Map each count to every count that the rules make it a part of, transitively."""
    wholes: dict[str, set[str]] = {}
    for rule in catalog.rules:
        wholes.setdefault(rule.part, set()).add(rule.whole)

    closure: dict[str, set[str]] = {}
    for start in wholes:
        seen: set[str] = set()
        stack = list(wholes[start])
        while stack:
            whole = stack.pop()
            if whole not in seen:
                seen.add(whole)
                stack.extend(wholes.get(whole, ()))
        closure[start] = seen
    return closure


def _targets_above_containing_targets(catalog: Catalog) -> list[CatalogFinding]:
    # With one denominator, an indicator whose numerator is part of another's
    # numerator can never exceed it, so a higher target cannot be reached
    # while the other stays at its own target.
    findings = []
    wholes = _parts_of(catalog)
    shares = [indicator for indicator in catalog.indicators.values() if indicator.is_share]
    for part in shares:
        for whole in shares:
            if whole.denominator != part.denominator:
                continue
            if whole.numerator not in wholes.get(part.numerator, set()):
                continue
            findings += _compare_targets(part, whole)
    return findings


def _compare_targets(part: Indicator, whole: Indicator) -> list[CatalogFinding]:
    findings = []
    for year, part_target in part.targets.items():
        whole_target = whole.targets.get(year)
        if whole_target is None or part_target <= whole_target:
            continue
        findings.append(CatalogFinding(
            kind="target_exceeds_containing_target",
            subject=f"{part.code}/{whole.code}/{year}",
            message=(
                f"{year} г.: целевое значение {part.label} ({_format(part_target)} %) выше целевого значения "
                f"{whole.label} ({_format(whole_target)} %), хотя числитель {part.label} входит в числитель "
                f"{whole.label} при общем знаменателе. Значения сохранены как в программе."
            ),
        ))
    return findings


def _indicators_without_monitoring_row(catalog: Catalog) -> list[CatalogFinding]:
    missing = [indicator for indicator in catalog.indicators.values() if indicator.monitoring is None]
    if not missing:
        return []
    labels = ", ".join(indicator.label for indicator in missing)
    method = catalog.collection_method_names.get(missing[0].collection_method, "")
    return [CatalogFinding(
        kind="no_monitoring_row",
        subject=",".join(indicator.code for indicator in missing),
        message=(
            f"Для показателей {labels} в приложении 2 не указаны метод сбора и выборка; "
            f"принято по умолчанию: «{method}», выборка не менее {missing[0].min_sample_percent} % организаций."
        ),
    )]


def _format(value: float) -> str:
    return f"{value:g}"
