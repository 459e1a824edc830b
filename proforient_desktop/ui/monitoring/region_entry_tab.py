"""The «Ввод региона» tab: official-statistics counts, targets for later years and the catalogue update.

The region enters both and exports the signed update; a municipality gets
the targets read-only and imports the region's update file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from proforient_desktop.catalog import Catalog, Role
from proforient_desktop.domain.values import parse_count
from proforient_desktop.errors import InvalidInputError, UserError
from proforient_desktop.exchange.catalog_update import FILE_SUFFIX
from proforient_desktop.services.catalog_updates import (
    UnknownIssuerKeyError,
    export_catalog_update,
    import_catalog_update,
)
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.counts import get_counts, set_counts
from proforient_desktop.services.targets import effective_catalog, first_editable_year, set_targets
from proforient_desktop.ui.messages import messenger

TARGET_YEARS_SHOWN = 6


class TargetsModel(QAbstractTableModel):
    """Indicators by year as typed texts; editable only at the region."""

    def __init__(self, catalog: Catalog, years: list[int], editable: bool, parent=None) -> None:
        super().__init__(parent)
        self.indicators = list(catalog.indicators.values())
        self.years = years
        self.editable = editable
        self.texts: dict[tuple[int, int], str] = {}

    def load(self, catalog: Catalog) -> None:
        self.beginResetModel()
        self.texts = {}
        for row, indicator in enumerate(catalog.indicators.values()):
            for column, year in enumerate(self.years):
                target = indicator.target_for(year)
                self.texts[(row, column)] = "" if target is None else f"{target:g}".replace(".", ",")
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.indicators)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.years)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.texts.get((index.row(), index.column()), "")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 (Qt API)
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not self.editable:
            return False
        self.texts[(index.row(), index.column())] = str(value)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if self.editable else flags

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 (Qt API)
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return str(self.years[section])
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return self.indicators[section].label
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.ToolTipRole:
            return self.indicators[section].name
        return None


class RegionEntryTab(QWidget):
    """Official-statistics counts of the year and the targets table, with export or import of the update."""

    targets_changed = Signal()
    counts_changed = Signal()

    def __init__(self, context: AppContext, role: Role | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._role = role
        self._year = context.catalog.first_year
        self._count_codes = [count.code for count in context.catalog.counts_for(Role.REGION)]
        first = first_editable_year(context.catalog)
        self.target_years = list(range(first, first + TARGET_YEARS_SHOWN))
        self._init_counts()
        self._init_targets()
        self._init_layout()
        self._connect_signals()

    @property
    def is_region(self) -> bool:
        return self._role is Role.REGION

    def _init_counts(self) -> None:
        self.counts_box = QGroupBox(self)
        grid = QGridLayout(self.counts_box)
        self.count_edits: dict[str, QLineEdit] = {}
        for row, code in enumerate(self._count_codes):
            count = self._context.catalog.counts[code]
            label = QLabel(f"{count.label} — {count.definition}", self.counts_box)
            label.setWordWrap(True)
            edit = QLineEdit(self.counts_box)
            edit.setMaximumWidth(110)
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            label.setBuddy(edit)
            grid.addWidget(label, row, 0)
            grid.addWidget(edit, row, 1)
            self.count_edits[code] = edit
        self.save_counts_button = QPushButton(self.tr("&Save counts"), self.counts_box)
        grid.addWidget(self.save_counts_button, len(self._count_codes), 1)
        grid.setColumnStretch(0, 1)
        grid.setRowStretch(len(self._count_codes) + 1, 1)
        self.counts_box.setVisible(self.is_region)

    def _init_targets(self) -> None:
        catalog = self._context.catalog
        self.targets_box = QGroupBox(self.tr("Targets for the years after the programme"), self)
        self.targets_model = TargetsModel(catalog, self.target_years, self.is_region, self)
        self.targets_table = QTableView(self.targets_box)
        self.targets_table.setModel(self.targets_model)
        self.targets_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.save_targets_button = QPushButton(self.tr("Save &targets"), self.targets_box)
        self.export_button = QPushButton(self.tr("&Export update file…"), self.targets_box)
        self.export_button.setToolTip(self.tr("A signed file with the targets, for schools and municipalities"))
        self.import_button = QPushButton(self.tr("&Import the region's update file…"), self.targets_box)
        for button in (self.save_targets_button, self.export_button):
            button.setVisible(self.is_region)
        self.import_button.setVisible(not self.is_region)

    def _init_layout(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.save_targets_button, self.export_button, self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        targets_layout = QVBoxLayout(self.targets_box)
        targets_layout.addWidget(self.targets_table, 1)
        targets_layout.addLayout(buttons)

        layout = QHBoxLayout(self)
        layout.addWidget(self.counts_box, 1)
        layout.addWidget(self.targets_box, 1)

    def _connect_signals(self) -> None:
        self.save_counts_button.clicked.connect(self._on_save_counts_clicked)
        self.save_targets_button.clicked.connect(self._on_save_targets_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.import_button.clicked.connect(self._on_import_clicked)

    def load(self, year: int) -> None:
        """Show the region's own counts of ``year`` and the effective targets."""
        self._year = year
        self.counts_box.setTitle(self.tr("Official statistics entered by the region, {0}").format(year))
        counts = get_counts(self._context, year) if self.is_region else {}
        for code, edit in self.count_edits.items():
            edit.setText("" if counts.get(code) is None else str(counts[code]))

        self.targets_model.load(effective_catalog(self._context))

    def typed_targets(self) -> dict[tuple[str, int], float | None]:
        """Return every cell of the targets table; raise ``InvalidInputError`` naming a cell that is not a number."""
        values = {}
        for row, indicator in enumerate(self._context.catalog.indicators.values()):
            for column, year in enumerate(self.target_years):
                typed = self.targets_model.texts.get((row, column), "")
                text = typed.strip().replace(",", ".")
                try:
                    values[(indicator.code, year)] = float(text) if text else None
                except ValueError:
                    raise InvalidInputError(
                        f"{indicator.label}, {year} г.: «{typed}» — не число. Введите, например, 14 или 14,5."
                    ) from None
        return values

    def choose_export_path(self) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(self, self.tr("Export update file"), "targets" + FILE_SUFFIX,
                                                    self.tr("Catalogue update (*{0})").format(FILE_SUFFIX))
        return Path(name) if name else None

    def choose_import_path(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(self, self.tr("Import update file"), "",
                                                    self.tr("Catalogue update (*{0})").format(FILE_SUFFIX))
        return Path(name) if name else None

    def _on_save_counts_clicked(self) -> None:
        try:
            values = {code: parse_count(edit.text(), where=self._context.catalog.counts[code].label)
                      for code, edit in self.count_edits.items()}
            set_counts(self._context, self._year, values)
        except UserError as error:
            messenger().error(self, self.tr("Official statistics"), error.message)
            return
        self.counts_changed.emit()

    def _on_save_targets_clicked(self) -> None:
        try:
            changed = set_targets(self._context, self.typed_targets())
        except UserError as error:
            messenger().error(self, self.tr("Targets"), error.message)
            return
        messenger().notice(self, self.tr("Targets"), self.tr("Targets changed: {0}.").format(changed))
        self.targets_changed.emit()

    def _on_export_clicked(self) -> None:
        path = self.choose_export_path()
        if path is None:
            return
        try:
            written = export_catalog_update(self._context, path)
        except UserError as error:
            messenger().error(self, self.tr("Export update file"), error.message)
            return
        messenger().notice(self, self.tr("Export update file"),
                           self.tr("The update file is written: {0}. Send it to the municipalities and schools.")
                           .format(written))

    def _on_import_clicked(self) -> None:
        path = self.choose_import_path()
        if path is None:
            return
        try:
            result = self._import(path)
        except UserError as error:
            messenger().error(self, self.tr("Import update file"), error.message)
            return
        if result is not None:
            messenger().notice(self, self.tr("Import update file"), result.message)
            self.load(self._year)
            self.targets_changed.emit()

    def _import(self, path: Path):
        try:
            return import_catalog_update(self._context, path)
        except UnknownIssuerKeyError as error:
            if not messenger().question(self, self.tr("Import update file"), error.message):
                return None
            return import_catalog_update(self._context, path, trust_new=True)
