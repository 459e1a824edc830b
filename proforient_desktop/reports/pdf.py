"""The PDF analytical report («Аналитическая справка») of one level and year.

Sections: title block, summary of the year, indicators against targets with
the previous year, completeness and organisations that did not report,
plausibility warnings, activities by measure group, dynamics charts and
conclusions. Every text uses the bundled DejaVu Sans family, so Cyrillic
renders on a machine without system fonts.

A report of demo data carries its mark on every page: a red line above the
text and a faint diagonal watermark across it.
"""

from __future__ import annotations

import math
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from xml.sax.saxutils import escape

from proforient_desktop.domain.indicators import STATUS_NAMES_RU, Status
from proforient_desktop.reports.charts import indicator_chart, legend
from proforient_desktop.reports.conclusions import conclusions, number_ru, percent_ru, target_text, value_text
from proforient_desktop.reports.data import LEVEL_NAMES_RU, ReportData, ReportLevel
from proforient_desktop.reports.fonts import BOLD, FAMILY, register_fonts

# Longer lists are cut with a count of the rest: the report must stay readable.
MAX_LISTED_ORGANISATIONS = 60
MAX_LISTED_WARNINGS = 20
CHARTS_PER_ROW = 3

STATUS_COLOURS = {
    Status.REACHED: colors.HexColor("#C6EFCE"),
    Status.NEAR: colors.HexColor("#FFEB9C"),
    Status.BELOW: colors.HexColor("#FFC7CE"),
    Status.INCONSISTENT: colors.HexColor("#F8CBAD"),
}
_GRID = colors.HexColor("#A0A0A0")
_HEADER_BACKGROUND = colors.HexColor("#D9E1F2")
_MARK_COLOUR = colors.HexColor("#C00000")
# Light enough for the tables under the watermark to stay readable.
_WATERMARK_ALPHA = 0.12


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("base", fontName=FAMILY, bulletFontName=FAMILY, fontSize=9.5, leading=12.5)
    return {
        "body": base,
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=17, leading=21, alignment=TA_CENTER),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=11, leading=14, alignment=TA_CENTER),
        "heading": ParagraphStyle("heading", base, fontName=BOLD, fontSize=12, leading=15, spaceBefore=10,
                                  spaceAfter=5),
        "cell": ParagraphStyle("cell", base, fontSize=8, leading=10),
        "cell_bold": ParagraphStyle("cell_bold", base, fontName=BOLD, fontSize=8, leading=10),
        "bullet": ParagraphStyle("bullet", base, leftIndent=10, bulletIndent=0, spaceAfter=2),
        "note": ParagraphStyle("note", base, fontSize=8, textColor=colors.HexColor("#555555")),
    }


class _NumberedCanvas(Canvas):
    """A canvas that writes «Стр. N из M», the generation date and the demo mark (if any) on every page."""

    footer_text = ""
    mark_text = ""

    def __init__(self, *args, **kwargs) -> None:
        # Without this every page would also reference Helvetica, which has no Cyrillic.
        kwargs.setdefault("initialFontName", FAMILY)
        super().__init__(*args, **kwargs)
        self._saved_pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved_pages)
        for state in self._saved_pages:
            self.__dict__.update(state)
            self.setFont(FAMILY, 7.5)
            self.setFillColor(colors.HexColor("#555555"))
            self.drawString(18 * mm, 10 * mm, self.footer_text)
            self.drawRightString(A4[0] - 18 * mm, 10 * mm, f"Стр. {self._pageNumber} из {total}")
            if self.mark_text:
                self._draw_mark()
            super().showPage()
        super().save()

    def _draw_mark(self) -> None:
        self.saveState()
        self.setFont(BOLD, 9)
        self.setFillColor(_MARK_COLOUR)
        self.drawCentredString(A4[0] / 2, A4[1] - 10 * mm, self.mark_text)

        # The watermark spans two thirds of the page's diagonal, so no letter is cut at the edges.
        diagonal = math.hypot(*A4)
        size = diagonal * 2 / 3 / stringWidth(self.mark_text, BOLD, 1)
        self.setFillAlpha(_WATERMARK_ALPHA)
        self.setFont(BOLD, size)
        self.translate(A4[0] / 2, A4[1] / 2)
        self.rotate(math.degrees(math.atan2(A4[1], A4[0])))
        self.drawCentredString(0, 0, self.mark_text)
        self.restoreState()


def write_pdf(data: ReportData, path: str | Path, *, mark: str | None = None) -> None:
    """Write the analytical report of ``data`` to ``path``.

    ``mark`` (the demo data notice) is printed on every page and added to the
    document's subject and keywords.
    """
    styles = _styles()
    subject = "Мониторинг профориентационной работы"
    document = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=18 * mm,
        title=f"Аналитическая справка за {data.year} год — {data.subject_name}", author="ProfOrient Desktop",
        subject=f"{subject}. {mark}" if mark else subject, keywords=mark or "", initialFontName=FAMILY,
    )
    story = []
    story += _title_block(data, styles)
    story += _summary(data, styles)
    story += _indicator_table(data, styles, document.width)
    story += _completeness(data, styles, document.width)
    story += _warnings(data, styles)
    story += _activities(data, styles, document.width)
    story += _dynamics(data, styles, document.width)
    story += _conclusions(data, styles)

    canvas_class = type("ReportCanvas", (_NumberedCanvas,), {
        "footer_text": f"ProfOrient Desktop · сформировано {data.generated_at:%d.%m.%Y %H:%M}"
                       f" · {data.subject_name}"[:120],
        "mark_text": mark or "",
    })
    document.build(story, canvasmaker=canvas_class)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    # A zero-width space after «/» lets «экскурсии/стажировки/...» wrap between words.
    return Paragraph(escape(text).replace("/", "/\u200b"), style)


def _official_code(data: ReportData) -> str:
    # Only organisations have official codes; those of the region and municipalities are internal.
    return f", код {data.subject_code}" if data.level is ReportLevel.ORGANISATION else ""


def _title_block(data: ReportData, styles) -> list:
    level = LEVEL_NAMES_RU[data.level]
    return [
        _p("Аналитическая справка", styles["title"]),
        Spacer(1, 4),
        _p(f"о реализации регионального проекта «{data.catalog.title}» за {data.year} год", styles["subtitle"]),
        Spacer(1, 4),
        _p(f"{data.subject_name} ({level}{_official_code(data)})", styles["subtitle"]),
        Spacer(1, 2),
        _p(f"Дата формирования: {data.generated_at:%d.%m.%Y %H:%M}; версия каталога показателей "
           f"{data.catalog.version}.", ParagraphStyle("centred_note", styles["note"], alignment=TA_CENTER)),
        Spacer(1, 8),
    ]


def _summary(data: ReportData, styles) -> list:
    results = [data.result(i.code, data.year) for i in data.indicators]
    results = [r for r in results if r is not None]
    counted = [r for r in results if r.value is not None]
    by_status = {status: sum(1 for r in results if r.status is status) for status in Status}
    held = sum(row.held for row in data.activities if row.year == data.year)
    participants = sum(row.participants for row in data.activities if row.year == data.year)

    lines = [
        f"Показателей в справке: {len(results)}, из них рассчитано по представленным данным: {len(counted)}.",
        f"Целевое значение достигнуто: {by_status[Status.REACHED]}; близко к цели: {by_status[Status.NEAR]}; "
        f"не достигнуто: {by_status[Status.BELOW]}; цель не установлена: {by_status[Status.NO_TARGET]}; "
        f"нет данных: {by_status[Status.NO_DATA]}"
        + (f"; данные требуют проверки (доля больше 100 %): {by_status[Status.INCONSISTENT]}."
           if by_status[Status.INCONSISTENT] else "."),
    ]
    if data.level is not ReportLevel.ORGANISATION:
        lines.append(f"Представили данные организаций: {data.organisations_reported} из "
                     f"{data.organisations_expected}.")
    lines.append(f"Проведено мероприятий: {number_ru(held)}, участников: {number_ru(participants)}.")
    return [_p("1. Итоги года", styles["heading"])] + [
        Paragraph(escape(line), styles["bullet"], bulletText="•") for line in lines
    ]


def _indicator_table(data: ReportData, styles, width: float) -> list:
    cell, bold = styles["cell"], styles["cell_bold"]
    header = [_p(text, bold) for text in
              ("Код", "Наименование", f"{data.year - 1}", f"{data.year}", "Цель", "Статус")]
    rows = [header]
    commands = []
    for indicator in data.indicators:
        result = data.result(indicator.code, data.year)
        if result is None:
            continue
        previous = data.result(indicator.code, data.year - 1)
        rows.append([
            _p(indicator.label, bold), _p(indicator.name, cell),
            _p(value_text(previous) if previous else "—", cell), _p(value_text(result), bold),
            _p(target_text(result), cell),
            _p(STATUS_NAMES_RU[result.status], cell),
        ])
        colour = STATUS_COLOURS.get(result.status)
        if colour is not None:
            commands.append(("BACKGROUND", (5, len(rows) - 1), (5, len(rows) - 1), colour))

    widths = [13 * mm, None, 17 * mm, 17 * mm, 15 * mm, 23 * mm]
    widths[1] = width - sum(w for w in widths if w)
    table = _table(rows, widths, commands)
    return [_p("2. Показатели и целевые значения", styles["heading"]), table]


def _table(rows: list, widths: list, commands: list) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FAMILY),
        ("GRID", (0, 0), (-1, -1), 0.4, _GRID),
        ("BACKGROUND", (0, 0), (-1, 0), _HEADER_BACKGROUND),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        *commands,
    ]))
    return table


def _completeness(data: ReportData, styles, width: float) -> list:
    story = [_p("3. Полнота представления данных", styles["heading"])]
    cell, bold = styles["cell"], styles["cell_bold"]
    if data.completeness:
        rows = [[_p(t, bold) for t in ("Код", "Наименование", "Представили", "Полнота", "Требуется",
                                        "Правило")]]
        commands = []
        for line in data.completeness:
            percent = "—" if line.percent is None else percent_ru(line.percent)
            rows.append([_p(line.indicator.label, bold), _p(line.indicator.name, cell),
                         _p(f"{line.reported} из {line.expected}", cell), _p(percent, cell),
                         _p(f"{line.required_percent} %", cell), _p(_rule_outcome(line), cell)])
            if not line.met and line.expected:
                commands.append(("BACKGROUND", (5, len(rows) - 1), (5, len(rows) - 1), STATUS_COLOURS[Status.BELOW]))
        widths = [13 * mm, None, 25 * mm, 17 * mm, 20 * mm, 22 * mm]
        widths[1] = width - sum(w for w in widths if w)
        story.append(_table(rows, widths, commands))

    story.append(Spacer(1, 6))
    if data.non_reporting:
        story.append(_p("Не представили данные:", styles["cell_bold"]))
        listed = data.non_reporting[:MAX_LISTED_ORGANISATIONS]
        story += [Paragraph(escape(name), styles["bullet"], bulletText="–") for name in listed]
        if len(data.non_reporting) > len(listed):
            story.append(_p(f"… и ещё {len(data.non_reporting) - len(listed)} (полный список — в таблице Excel).",
                            styles["note"]))
    elif any(not line.met and line.expected for line in data.completeness):
        story.append(_p("Все ожидаемые организации прислали данные, но не по всем показателям: "
                        "пропуски видны в таблице выше.", styles["body"]))
    else:
        story.append(_p("Все ожидаемые организации представили данные.", styles["body"]))
    return story


def _rule_outcome(line) -> str:
    if not line.expected:
        return "не требуется"
    return "выполнено" if line.met else "не выполнено"


def _warnings(data: ReportData, styles) -> list:
    story = [_p("4. Значения, требующие проверки", styles["heading"])]
    if not data.warnings:
        return story + [_p("Неправдоподобных значений не выявлено.", styles["body"])]
    listed = data.warnings[:MAX_LISTED_WARNINGS]
    story += [Paragraph(escape(text), styles["bullet"], bulletText="•") for text in listed]
    if len(data.warnings) > len(listed):
        story.append(_p(f"… и ещё {len(data.warnings) - len(listed)}.", styles["note"]))
    return story


def _activities(data: ReportData, styles, width: float) -> list:
    story = [_p("5. Мероприятия по группам", styles["heading"])]
    groups: dict[str, list[int]] = {}
    for row in data.activities:
        if row.year != data.year:
            continue
        totals = groups.setdefault(row.group_name, [0, 0, 0])
        totals[0] += row.held
        totals[1] += row.participants
        totals[2] += row.participants_sen
    if not groups:
        return story + [_p(f"Проведённые мероприятия за {data.year} год не записаны.", styles["body"])]

    cell, bold = styles["cell"], styles["cell_bold"]
    rows = [[_p(t, bold) for t in ("Группа мероприятий", "Проведено", "Участников", "из них с ОВЗ")]]
    for name, (held, participants, sen) in groups.items():
        rows.append([_p(name, cell), _p(number_ru(held), cell), _p(number_ru(participants), cell),
                     _p(number_ru(sen), cell)])
    widths = [None, 22 * mm, 24 * mm, 24 * mm]
    widths[0] = width - sum(w for w in widths if w)
    return story + [_table(rows, widths, [])]


def _dynamics(data: ReportData, styles, width: float) -> list:
    first = max(data.years[0] - 1, data.catalog.first_year)
    years = [year for year in range(first, data.year + 1) if data.results.get(year)]
    story = [_p("6. Динамика показателей", styles["heading"])]
    charted = []
    for indicator in data.indicators:
        series = [data.result(indicator.code, year) for year in years]
        series = [result for result in series if result is not None]
        if any(result.value is not None for result in series):
            charted.append((indicator.label, series))
    if not charted or len(years) < 1:
        return story + [_p("Нет данных для построения динамики.", styles["body"])]

    chart_width = width / CHARTS_PER_ROW
    cells = [indicator_chart(label, series, chart_width - 4, 105) for label, series in charted]
    rows = [cells[index:index + CHARTS_PER_ROW] for index in range(0, len(cells), CHARTS_PER_ROW)]
    rows[-1] += [""] * (CHARTS_PER_ROW - len(rows[-1]))
    grid = Table(rows, colWidths=[chart_width] * CHARTS_PER_ROW)
    grid.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FAMILY), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    unit_note = _p("Доли — в процентах, показатель в единицах — в единицах.", styles["note"])
    return story + [KeepTogether([legend(width), unit_note]), grid]


def _conclusions(data: ReportData, styles) -> list:
    story = [_p("7. Выводы", styles["heading"])]
    return story + [Paragraph(escape(text), styles["bullet"], bulletText="•") for text in conclusions(data)]
