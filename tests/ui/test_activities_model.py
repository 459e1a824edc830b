"""The activities table model on its own: natural sort keys, filters, order and kept selection."""

from __future__ import annotations

import datetime as dt
import sys

from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from proforient_desktop.domain.activities import ActivityDraft
from proforient_desktop.domain.sort_keys import natural_key
from proforient_desktop.errors import DatabaseBusyError
from proforient_desktop.services.activities import KEY_COLUMNS, ROW_COLUMNS, ActivityRecord
from proforient_desktop.ui import activities_model
from proforient_desktop.ui.activities_model import ActivitiesModel
from proforient_desktop.ui.activity_rows import COLUMN_DATE, COLUMN_MEASURE, COLUMN_TITLE, COLUMN_TOTAL, row_of


def record(uid: str, title: str, held_on: dt.date, measure: str = "1.01", total: int = 10,
           partners: str = "") -> ActivityRecord:
    return ActivityRecord(uid, ActivityDraft(measure, held_on, title, "очно", total, 0, "5–9", partners))


def shown_titles(model: ActivitiesModel) -> list[str]:
    return [model.index(row, COLUMN_TITLE).data() for row in range(model.rowCount())]


def make_model(catalog, records: list[ActivityRecord]) -> ActivitiesModel:
    model = ActivitiesModel(catalog)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_rows([row_of(item) for item in records])
    return model


RECORDS = [
    record("a", "Классный час № 19", dt.date(2024, 3, 1), total=30),
    record("b", "Классный час № 2", dt.date(2023, 5, 1), measure="1.02", total=5),
    record("c", "Ёлка на заводе", dt.date(2024, 1, 10), partners="ООО «Амурсталь»", total=12),
    record("d", "«Дни открытых дверей»", dt.date(2024, 2, 1), measure="1.02", total=12),
    record("e", "Ель у колледжа", dt.date(2024, 4, 1)),
]


def test_natural_key_orders_numbers_by_value():
    titles = ["№ 19", "№ 2", "№ 10"]
    assert sorted(titles, key=natural_key) == ["№ 2", "№ 10", "№ 19"]


def test_natural_key_sorts_yo_as_ye():
    assert sorted(["Ель", "Ёлка", "Елена"], key=natural_key) == ["Елена", "Ёлка", "Ель"]


def test_natural_key_ignores_quotes_and_case():
    assert sorted(["Вагон", "«Байкал»", "автобус"], key=natural_key) == ["автобус", "«Байкал»", "Вагон"]


def test_natural_key_compares_mixed_texts():
    titles = ["2 встречи", "Встреча", "", "Встреча 3", "10 встреч"]
    assert sorted(titles, key=natural_key) == ["", "2 встречи", "10 встреч", "Встреча", "Встреча 3"]


def test_rows_start_in_date_order(catalog):
    model = make_model(catalog, RECORDS)
    assert model.rowCount() == 5
    assert model.index(0, COLUMN_DATE).data() == "01.05.2023"
    assert model.index(4, COLUMN_DATE).data() == "01.04.2024"


def test_sort_by_title_is_natural(catalog):
    model = make_model(catalog, RECORDS)
    model.sort(COLUMN_TITLE, Qt.SortOrder.AscendingOrder)
    assert shown_titles(model) == ["«Дни открытых дверей»", "Ёлка на заводе", "Ель у колледжа",
                                   "Классный час № 2", "Классный час № 19"]

    model.sort(COLUMN_TITLE, Qt.SortOrder.DescendingOrder)
    assert shown_titles(model)[0] == "Классный час № 19"


def test_sort_ties_keep_date_order(catalog):
    model = make_model(catalog, RECORDS)
    model.sort(COLUMN_TOTAL, Qt.SortOrder.AscendingOrder)
    assert [model.index(row, COLUMN_TOTAL).data() for row in range(5)] == ["5", "10", "12", "12", "30"]
    assert shown_titles(model)[2:4] == ["Ёлка на заводе", "«Дни открытых дверей»"]

    model.sort(COLUMN_MEASURE, Qt.SortOrder.DescendingOrder)
    assert [model.index(row, COLUMN_MEASURE).data() for row in range(5)] == ["1.02", "1.02", "1.01", "1.01",
                                                                               "1.01"]
    assert shown_titles(model)[:2] == ["Классный час № 2", "«Дни открытых дверей»"]


def test_filters_combine(catalog):
    model = make_model(catalog, RECORDS)
    model.set_year(2024)
    assert model.rowCount() == 4

    model.set_measure("1.02")
    assert shown_titles(model) == ["«Дни открытых дверей»"]

    model.set_measure(None)
    model.set_text("  АМУРСТАЛЬ ")
    assert shown_titles(model) == ["Ёлка на заводе"]

    model.set_year(None)
    model.set_text("")
    assert model.rowCount() == 5
    assert model.total_count() == 5


def test_search_covers_later_changes(catalog):
    model = make_model(catalog, RECORDS)
    model.set_text("фестивал")
    assert model.rowCount() == 0

    model.add_record(record("f", "Площадка на фестивале", dt.date(2024, 6, 1)))
    assert shown_titles(model) == ["Площадка на фестивале"]

    model.replace_record(record("f", "Площадка на ярмарке", dt.date(2024, 6, 1)))
    assert model.rowCount() == 0


def test_sort_uses_changed_title(catalog):
    model = make_model(catalog, RECORDS)
    model.sort(COLUMN_TITLE, Qt.SortOrder.AscendingOrder)
    model.replace_record(record("e", "Агитбригада", dt.date(2024, 4, 1)))
    assert shown_titles(model)[0] == "Агитбригада"

    model.add_record(record("g", "Аа-встреча", dt.date(2024, 7, 1)))
    assert shown_titles(model)[:2] == ["Аа-встреча", "Агитбригада"]


def test_persistent_index_follows_record(catalog):
    model = make_model(catalog, RECORDS)
    index = QPersistentModelIndex(model.index(model.row_of_uid("c"), COLUMN_TITLE))

    model.sort(COLUMN_TITLE, Qt.SortOrder.DescendingOrder)
    assert index.data() == "Ёлка на заводе"

    model.set_measure("1.01")
    assert index.data() == "Ёлка на заводе"
    assert index.row() == model.row_of_uid("c")

    model.set_measure("1.02")
    assert not index.isValid()


def test_remove_record(catalog):
    model = make_model(catalog, RECORDS)
    model.remove_record("c")
    assert "Ёлка на заводе" not in shown_titles(model)
    assert model.total_count() == 4
    assert model.row_of_uid("c") is None


def test_uid_role_and_tooltips(catalog):
    model = make_model(catalog, RECORDS)
    row = model.row_of_uid("c")
    assert model.uid_at(row) == "c"
    assert model.index(row, COLUMN_TITLE).data(Qt.ItemDataRole.ToolTipRole) == "Ёлка на заводе"
    measure_tip = model.index(row, COLUMN_MEASURE).data(Qt.ItemDataRole.ToolTipRole)
    assert measure_tip == catalog.measures["1.01"].title


def test_changes_keep_true_reference_count(catalog):
    # Filtering and sorting emit several signals each; PySide6 6.12.0 lost a reference to True on each.
    model = make_model(catalog, RECORDS)
    model.set_year(2024)
    before = sys.getrefcount(True)
    for _ in range(50):
        model.set_measure("1.02")
        model.set_measure(None)
        model.sort(COLUMN_TITLE, Qt.SortOrder.DescendingOrder)
    model.add_record(record("f", "Новая встреча", dt.date(2024, 6, 1)))
    assert sys.getrefcount(True) >= before


def test_measure_codes_of_year(catalog):
    model = make_model(catalog, RECORDS + [record("f", "Встреча в конце года", dt.date(2023, 12, 31), measure="2.01"),
                                           record("g", "Встреча в начале года", dt.date(2025, 1, 1), measure="2.02")])
    model.set_measure("1.01")
    assert model.measure_codes_in(2024) == {"1.01", "1.02"}
    assert model.measure_codes_in(2023) == {"1.02", "2.01"}
    assert model.measure_codes_in(2022) == set()


def test_unsorted_means_date_order(catalog):
    model = make_model(catalog, RECORDS)
    model.sort(COLUMN_TITLE, Qt.SortOrder.DescendingOrder)
    model.sort(-1)
    assert [model.index(row, COLUMN_DATE).data() for row in (0, 4)] == ["01.05.2023", "01.04.2024"]


class FieldSource:
    """A loader over whole rows, as ``activity_fields()`` reads them, that counts and can fail its calls."""

    def __init__(self, records: list[ActivityRecord]) -> None:
        self.rows = {item.uid: row_of(item) for item in records}
        self.calls: list[tuple[tuple[str, ...], tuple[str, ...] | None]] = []
        self.fail = False

    def __call__(self, names, uids):
        self.calls.append((tuple(names), None if uids is None else tuple(uids)))
        if self.fail:
            raise DatabaseBusyError("База данных занята")
        fields = [ROW_COLUMNS.index(name) for name in names]
        chosen = self.rows.values() if uids is None else [self.rows[uid] for uid in uids if uid in self.rows]
        return [(row[0], *(row[field] for field in fields)) for row in chosen]


def make_key_model(catalog, records: list[ActivityRecord]) -> tuple[ActivitiesModel, FieldSource]:
    source = FieldSource(records)
    model = ActivitiesModel(catalog)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_keys([row_of(item)[:len(KEY_COLUMNS)] for item in records], source)
    return model, source


def test_key_rows_load_shown_rows_in_one_query(catalog):
    model, source = make_key_model(catalog, RECORDS)
    source.calls.clear()
    assert shown_titles(model) == ["Классный час № 2", "Ёлка на заводе", "«Дни открытых дверей»",
                                   "Классный час № 19", "Ель у колледжа"]
    assert model.index(0, COLUMN_TOTAL).data() == "5"
    assert len(source.calls) == 1
    assert source.calls[0][1] is not None


def test_key_rows_sort_and_search_by_loaded_columns(catalog):
    model, source = make_key_model(catalog, RECORDS)
    model.sort(COLUMN_TITLE, Qt.SortOrder.AscendingOrder)
    assert shown_titles(model)[0] == "«Дни открытых дверей»"
    model.sort(COLUMN_TOTAL, Qt.SortOrder.DescendingOrder)
    assert [model.index(row, COLUMN_TOTAL).data() for row in range(5)] == ["30", "12", "12", "10", "5"]

    model.set_text("амурсталь")
    assert shown_titles(model) == ["Ёлка на заводе"]
    whole_column_calls = [call for call in source.calls if call[1] is None]
    assert len(whole_column_calls) == 3


def test_key_rows_keep_changes_without_queries(catalog):
    model, source = make_key_model(catalog, RECORDS)
    model.set_text("ярмарк")
    model.add_record(record("f", "Площадка на ярмарке", dt.date(2024, 6, 1), total=3))
    source.calls.clear()
    assert shown_titles(model) == ["Площадка на ярмарке"]
    assert model.index(0, COLUMN_TOTAL).data() == "3"
    assert source.calls == []


def test_key_row_deleted_elsewhere_shows_empty(catalog):
    model, source = make_key_model(catalog, RECORDS)
    del source.rows["c"]
    row = model.row_of_uid("c")
    assert model.index(row, COLUMN_TITLE).data() == ""
    assert model.index(row, COLUMN_DATE).data() == "10.01.2024"

    model.sort(COLUMN_TITLE, Qt.SortOrder.AscendingOrder)
    assert model.uid_at(0) == "c"


def test_key_rows_survive_failed_queries(catalog):
    model, source = make_key_model(catalog, RECORDS)
    source.fail = True
    source.calls.clear()
    assert model.index(0, COLUMN_TITLE).data() is None
    assert model.index(1, COLUMN_TITLE).data() is None
    assert len(source.calls) == 1
    model.set_text("амурсталь")
    assert model.rowCount() == 0
    model.sort(COLUMN_TITLE, Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == 0

    source.fail = False
    model.set_text("")
    assert model.index(0, COLUMN_TITLE).data() == "Классный час № 2"
    model.sort(COLUMN_TITLE, Qt.SortOrder.AscendingOrder)
    assert model.index(0, COLUMN_TITLE).data() == "«Дни открытых дверей»"
    model.set_text("амурсталь")
    assert shown_titles(model) == ["Ёлка на заводе"]


def test_failed_page_read_again_later(catalog, qtbot, monkeypatch):
    monkeypatch.setattr(activities_model, "_RETRY_SECONDS", 1.0)
    model, source = make_key_model(catalog, RECORDS)
    source.fail = True
    assert model.index(0, COLUMN_TITLE).data() is None
    assert model.index(0, COLUMN_DATE).data() == "01.05.2023"
    assert model.index(0, COLUMN_MEASURE).data() == "1.02"

    source.fail = False
    # The pause after the failure is not over: the cells do not query a busy database again.
    source.calls.clear()
    assert model.index(0, COLUMN_TITLE).data() is None
    assert source.calls == []

    # After the pause the model signals a repaint, and the next paint reads the page.
    with qtbot.waitSignal(model.dataChanged, timeout=5000):
        pass
    assert model.index(0, COLUMN_TITLE).data() == "Классный час № 2"
