"""Conclusions of the analytical report: short Russian sentences drawn from the figures."""

from __future__ import annotations

from proforient_desktop.domain.indicators import IndicatorResult, Status
from proforient_desktop.reports.data import ReportData

# At most this many indicators are named in one sentence; the rest are counted.
MAX_NAMED = 8


def number_ru(value: float, digits: int = 1) -> str:
    """Format a number the Russian way: «12,5», «1 240»."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u00a0")
    return f"{value:,.{digits}f}".replace(",", "\u00a0").replace(".", ",")


def percent_ru(value: float) -> str:
    """Format a share with one decimal always («40,0 %»), as the screens and Excel show it."""
    return f"{value:,.1f}".replace(",", "\u00a0").replace(".", ",") + " %"


def value_text(result: IndicatorResult, value: float | None = None) -> str:
    value = result.value if value is None else value
    if value is None:
        return "—"
    if result.indicator.is_share:
        return percent_ru(value)
    return f"{number_ru(value)} {result.indicator.unit}"


def target_text(result: IndicatorResult) -> str:
    """Format a target as it was set («37 %»), without the decimal a measured share carries."""
    if result.target is None:
        return "—"
    unit = "%" if result.indicator.is_share else result.indicator.unit
    return f"{number_ru(result.target)} {unit}"


def _names(items: list[str]) -> str:
    if len(items) <= MAX_NAMED:
        return ", ".join(items)
    return ", ".join(items[:MAX_NAMED]) + f" и ещё {len(items) - MAX_NAMED}"


def conclusions(data: ReportData) -> list[str]:
    """Return the report's conclusions, each a short sentence."""
    year = data.year
    results = [data.result(indicator.code, year) for indicator in data.indicators]
    results = [result for result in results if result is not None]
    sentences = []

    sentences += _target_sentences(results, year)
    sentences += _change_sentences(data, results)
    sentences += _completeness_sentences(data)
    if data.warnings:
        sentences.append(f"Выявлено значений, требующих проверки: {len(data.warnings)}; они перечислены "
                         "в разделе о правдоподобности данных.")
    if not sentences:
        sentences.append(f"За {year} год данных для выводов недостаточно.")
    return sentences


def _target_sentences(results: list[IndicatorResult], year: int) -> list[str]:
    with_target = [r for r in results if r.status in (Status.REACHED, Status.NEAR, Status.BELOW)]
    reached = [r.indicator.label for r in results if r.status is Status.REACHED]
    near = [f"{r.indicator.label} ({value_text(r)} при цели {target_text(r)})"
            for r in results if r.status is Status.NEAR]
    below = [f"{r.indicator.label} ({value_text(r)} при цели {target_text(r)})"
             for r in results if r.status is Status.BELOW]
    no_data = [r.indicator.label for r in results if r.status is Status.NO_DATA and r.target is not None]

    sentences = []
    if with_target:
        sentences.append(f"В {year} году целевые значения достигнуты по {len(reached)} из {len(with_target)} "
                         "показателей, по которым есть данные и установлена цель"
                         + (f": {_names(reached)}." if reached else "."))
    if below:
        sentences.append(f"Отстают от целевых значений: {_names(below)}.")
    if near:
        sentences.append(f"Близки к цели, но не достигли её: {_names(near)}.")
    if no_data:
        sentences.append(f"Нет данных для расчёта показателей: {_names(no_data)}.")
    return sentences


def _change_sentences(data: ReportData, results: list[IndicatorResult]) -> list[str]:
    grown, fallen = [], []
    for result in results:
        previous = data.result(result.indicator.code, data.year - 1)
        if result.value is None or previous is None or previous.value is None:
            continue
        change = result.value - previous.value
        unit = " п. п." if result.indicator.is_share else f" {result.indicator.unit}"
        if change >= 0.05:
            grown.append(f"{result.indicator.label} (+{number_ru(change)}{unit})")
        elif change <= -0.05:
            fallen.append(f"{result.indicator.label} (−{number_ru(-change)}{unit})")

    sentences = []
    if grown:
        sentences.append(f"По сравнению с {data.year - 1} годом выросли: {_names(grown)}.")
    if fallen:
        sentences.append(f"Снизились: {_names(fallen)}.")
    return sentences


def _completeness_sentences(data: ReportData) -> list[str]:
    short = [
        f"{line.indicator.label} ({percent_ru(line.percent or 0)} при требуемых {line.required_percent} %)"
        for line in data.completeness if not line.met and line.expected
    ]
    sentences = []
    if short:
        sentences.append(f"Полнота представления данных ниже требуемой выборки: {_names(short)}.")
    if data.non_reporting and data.completeness:
        sentences.append(f"Не представили данные хотя бы по одному показателю организаций: "
                         f"{len(data.non_reporting)}.")
    elif data.non_reporting:
        sentences.append(data.non_reporting[0])
    return sentences
