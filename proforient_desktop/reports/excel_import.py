"""Reading a filled entry template back: parsing and validation, no database.

Every problem is collected with its sheet and cell, so the operator fixes the
whole file in one go; the caller writes nothing unless the list is empty.
Cells are found by the count codes of hidden column A and never by the
sheet's declared size, which files re-saved by WPS, R7-Office, MyOffice,
LibreOffice or 1C often get wrong.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from proforient_desktop.catalog import Catalog
from proforient_desktop.domain.values import parse_count
from proforient_desktop.errors import InvalidInputError
from proforient_desktop.reports.template import (
    CODE_COLUMN,
    FORMAT_MARKER,
    FORMAT_VERSION,
    META_SHEET,
    TEMPLATE_SHEET,
    VALUE_COLUMN,
)
from proforient_desktop.reports.workbook_files import open_workbook

log = logging.getLogger(__name__)

# At most this many problems are listed; more usually means a wrong file.
MAX_LISTED_PROBLEMS = 30


@dataclass(frozen=True)
class FilledTemplate:
    """The values read from a filled template; ``None`` means «не представлено»."""

    path: Path
    sha256: str
    organisation_code: str
    organisation_name: str
    organisation_kind: str
    year: int
    catalog_version: int
    values: dict[str, int | None]
    cells: dict[str, str] = field(default_factory=dict)
    formula_cells: frozenset[str] = frozenset()
    municipality_code: str | None = None


class TemplateImportError(InvalidInputError):
    """The file is not a valid filled template; ``problems`` lists each with sheet and cell."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        listed = problems[:MAX_LISTED_PROBLEMS]
        lines = [f"Файл «{path.name}» не импортирован, данные не изменены. Ошибок: {len(problems)}."]
        lines += [f"— {problem}" for problem in listed]
        if len(problems) > len(listed):
            lines.append(f"… и ещё {len(problems) - len(listed)}.")
        lines.append("Исправьте значения в файле и импортируйте его снова.")
        super().__init__("\n".join(lines))
        self.problems = problems


def cell_place(sheet: str, coordinate: str) -> str:
    return f"Лист «{sheet}», ячейка {coordinate}"


def read_filled_template(catalog: Catalog, path: str | Path) -> FilledTemplate:
    """Read and validate a filled template; raise ``TemplateImportError`` listing every problem."""
    path = Path(path)
    formulas_book = open_workbook(path, data_only=False)
    values_book = open_workbook(path, data_only=True)

    meta = _read_meta(path, formulas_book)
    sheet_name = _find_sheet_name(path, formulas_book, meta)
    problems: list[str] = []
    rows = _find_code_rows(catalog, formulas_book[sheet_name], sheet_name, problems)

    for code in meta["codes"]:
        if code not in rows:
            count = catalog.counts.get(code)
            label = (count.symbol or count.definition) if count else code
            problems.append(f"Лист «{sheet_name}»: не найдена строка численности «{label}» "
                            "(строка удалена или изменён скрытый столбец A).")

    values, cells, formula_cells = _read_values(
        formulas_book[sheet_name], values_book[sheet_name], sheet_name, rows, problems)
    if problems:
        log.warning("Template %s rejected: %d problems", path, len(problems))
        raise TemplateImportError(path, problems)

    return FilledTemplate(
        path=path, sha256=_sha256(path), organisation_code=meta["organisation_code"],
        organisation_name=meta["organisation_name"], organisation_kind=meta["organisation_kind"],
        year=meta["year"], catalog_version=meta["catalog_version"], values=values, cells=cells,
        formula_cells=frozenset(formula_cells),
        municipality_code=meta["municipality_code"],
    )


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_meta(path: Path, workbook) -> dict:
    not_template = InvalidInputError(
        f"Файл «{path.name}» не является шаблоном ProfOrient Desktop (нет служебного листа). "
        "Создайте шаблон командой «proforient template» или кнопкой «Шаблон Excel», "
        "перенесите в него значения и импортируйте его."
    )
    if META_SHEET not in workbook.sheetnames:
        raise not_template

    raw: dict[str, object] = {}
    for row in workbook[META_SHEET].iter_rows(min_col=1, max_col=2, values_only=True):
        if row[0] is not None:
            raw[str(row[0])] = row[1]
    if raw.get("format") != FORMAT_MARKER:
        raise not_template
    if _as_int(raw.get("format_version")) != FORMAT_VERSION:
        raise InvalidInputError(
            f"Шаблон «{path.name}» создан другой версией программы (формат {raw.get('format_version')}). "
            "Создайте шаблон заново в этой версии и перенесите в него значения."
        )

    year = _as_int(raw.get("year"))
    code = str(raw.get("organisation_code") or "").strip()
    if year is None or not code:
        raise InvalidInputError(f"Служебный лист шаблона «{path.name}» повреждён: создайте шаблон заново.")
    return {
        "organisation_code": code,
        "organisation_name": str(raw.get("organisation_name") or code),
        "organisation_kind": str(raw.get("organisation_kind") or "school"),
        # Templates written before the field existed have none.
        "municipality_code": str(raw.get("municipality_code") or "").strip() or None,
        "year": year,
        "catalog_version": _as_int(raw.get("catalog_version")) or 0,
        "sheet": str(raw.get("sheet") or TEMPLATE_SHEET),
        "codes": [item for item in str(raw.get("codes") or "").split(",") if item],
    }


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _find_sheet_name(path: Path, workbook, meta: dict) -> str:
    if meta["sheet"] in workbook.sheetnames:
        return meta["sheet"]

    # Some programs rename a sheet on re-save; one visible sheet is unambiguous.
    visible = [ws.title for ws in workbook.worksheets if ws.sheet_state == "visible"]
    if len(visible) == 1:
        return visible[0]
    raise InvalidInputError(
        f"В файле «{path.name}» нет листа «{meta['sheet']}» с численностями: не переименовывайте "
        "и не удаляйте его."
    )


def _find_code_rows(catalog: Catalog, sheet, sheet_name: str, problems: list[str]) -> dict[str, int]:
    # iter_rows walks the cells actually stored, whatever the <dimension> says.
    rows: dict[str, int] = {}
    for (cell,) in sheet.iter_rows(min_col=CODE_COLUMN, max_col=CODE_COLUMN):
        if isinstance(cell, MergedCell) or not isinstance(cell.value, str):
            continue
        code = cell.value.strip()
        if code in rows:
            problems.append(f"{cell_place(sheet_name, cell.coordinate)}: численность «{code}» "
                            f"встречается повторно (уже в строке {rows[code]}).")
        elif code in catalog.counts:
            rows[code] = cell.row
        elif code and code != "код":
            problems.append(f"{cell_place(sheet_name, cell.coordinate)}: неизвестный код численности "
                            f"«{code}»; шаблон создан другой версией каталога, создайте его заново.")
    return rows


def _read_values(formula_sheet, value_sheet, sheet_name: str, rows: dict[str, int],
                 problems: list[str]) -> tuple[dict[str, int | None], dict[str, str], set[str]]:
    merged = list(formula_sheet.merged_cells.ranges)
    values: dict[str, int | None] = {}
    cells: dict[str, str] = {}
    formula_cells: set[str] = set()

    for code, row in rows.items():
        coordinate = f"{get_column_letter(VALUE_COLUMN)}{row}"
        place = cell_place(sheet_name, coordinate)
        cells[code] = coordinate
        formula_cell = formula_sheet.cell(row, VALUE_COLUMN)

        covering = _covering_range(merged, row, VALUE_COLUMN)
        if covering is not None:
            problems.append(f"{place}: ячейка входит в объединённые ячейки {covering}; отмените "
                            "объединение и введите значение в каждую ячейку.")
            continue

        if _is_formula(formula_cell):
            formula_cells.add(code)
            cached = value_sheet.cell(row, VALUE_COLUMN).value
            if cached is None:
                problems.append(
                    f"{place}: формула «{_formula_text(formula_cell)}» без сохранённого результата. "
                    "Откройте файл в Excel или LibreOffice, сохраните его (программа вычислит формулы) "
                    "и импортируйте снова, или замените формулу числом.")
                continue
            source = cached
        else:
            source = formula_cell.value

        try:
            values[code] = cell_to_count(source, place)
        except InvalidInputError as error:
            problems.append(error.message)
    return values, cells, formula_cells


def _covering_range(merged, row: int, column: int) -> str | None:
    """Return a merged range that covers the cell but does not start at it."""
    for cell_range in merged:
        inside = cell_range.min_row <= row <= cell_range.max_row and cell_range.min_col <= column <= cell_range.max_col
        if not inside:
            continue
        starts_here = cell_range.min_row == row and cell_range.min_col == column
        spans_rows = cell_range.max_row > cell_range.min_row
        if not starts_here or spans_rows:
            return cell_range.coord
    return None


def _is_formula(cell) -> bool:
    if isinstance(cell.value, (ArrayFormula, DataTableFormula)):
        return True
    return cell.data_type == "f"


def _formula_text(cell) -> str:
    value = cell.value
    if isinstance(value, ArrayFormula):
        return value.text or ""
    return str(value)


def cell_to_count(value: object, place: str) -> int | None:
    """Convert a cell's value to a count, or raise ``InvalidInputError`` naming ``place``.

    Whole numbers stored as numbers or as text (with spaces between thousands)
    are accepted; a fraction is refused with the value as the user sees it, and
    never truncated.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        shown = "ИСТИНА" if value else "ЛОЖЬ"
        raise InvalidInputError(f"{place}: ожидается целое число ≥ 0, получено логическое значение «{shown}».")
    if isinstance(value, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        raise InvalidInputError(f"{place}: ожидается целое число ≥ 0, получена дата или время «{value}»; "
                                "проверьте формат ячейки.")
    if isinstance(value, float):
        if value.is_integer():
            value = int(value)
        else:
            value = repr(value).replace(".", ",")
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, str) and value.strip().startswith("#"):
        raise InvalidInputError(f"{place}: в ячейке ошибка вычисления «{value.strip()}»; исправьте формулу "
                                "или введите число.")
    return parse_count(str(value), where=place)
