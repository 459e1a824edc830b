"""The «Сводка» screen of a municipality or the region: consolidation, completeness, plausibility, activities."""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from proforient_desktop.catalog import Role
from proforient_desktop.errors import UserError
from proforient_desktop.services.activity_summary import activity_summary
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.monitoring import YearSummary, year_summary
from proforient_desktop.services.plausibility import plausibility_warnings
from proforient_desktop.services.workspace import current_installation
from proforient_desktop.ui.counts_screen import reporting_years
from proforient_desktop.ui.messages import messenger
from proforient_desktop.ui.monitoring.activity_tab import ActivityTab
from proforient_desktop.ui.monitoring.completeness_tab import CompletenessTab
from proforient_desktop.ui.monitoring.directory_tab import DirectoryTab
from proforient_desktop.ui.monitoring.indicators_tab import IndicatorsTab
from proforient_desktop.ui.monitoring.plausibility_tab import PlausibilityTab
from proforient_desktop.ui.monitoring.region_entry_tab import RegionEntryTab

log = logging.getLogger(__name__)


class MonitoringScreen(QWidget):
    """Tabs over one reporting year; ``refresh()`` reads the year again and reloads the visible tab."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        installation = current_installation(context)
        self._role = installation.role if installation else None
        self._init_header()
        self._init_tabs()
        self._init_layout()
        self._connect_signals()
        self.refresh()

    def _init_header(self) -> None:
        self.year_box = QComboBox(self)
        for year in reporting_years(self._context.catalog.first_year):
            self.year_box.addItem(str(year), year)
        self.refresh_button = QPushButton(self.tr("&Refresh"), self)
        self.status_label = QLabel(self)

    def _init_tabs(self) -> None:
        self._summary: YearSummary | None = None
        self.tabs = QTabWidget(self)
        self.indicators_tab = IndicatorsTab(self._context, self)
        self.completeness_tab = CompletenessTab(self)
        self.plausibility_tab = PlausibilityTab(self._context, self)
        self.activity_tab = ActivityTab(self)
        self.region_entry_tab = RegionEntryTab(self._context, self._role, self)
        self.directory_tab = DirectoryTab(self._context, self._role, self)
        self.tabs.addTab(self.indicators_tab, self.tr("&Indicators"))
        self.tabs.addTab(self.completeness_tab, self.tr("&Completeness"))
        self.tabs.addTab(self.plausibility_tab, self.tr("&Plausibility"))
        self.tabs.addTab(self.activity_tab, self.tr("&Activities"))
        self.tabs.addTab(self.region_entry_tab,
                         self.tr("Region &entry") if self._role is Role.REGION else self.tr("&Targets"))
        self.tabs.addTab(self.directory_tab, self.tr("&Directory"))
        # Each tab is loaded when first shown after a refresh, so the screen
        # opens with only the visible tab's widgets filled.
        self._loaders = {
            self.indicators_tab: self._load_indicators,
            self.completeness_tab: self._load_completeness,
            self.plausibility_tab: self._load_plausibility,
            self.activity_tab: self._load_activities,
            self.region_entry_tab: self._load_region_entry,
            self.directory_tab: self._load_directory,
        }
        self._stale: set[QWidget] = set(self._loaders)

    def _init_layout(self) -> None:
        header = QHBoxLayout()
        year_label = QLabel(self.tr("Reporting &year:"), self)
        year_label.setBuddy(self.year_box)
        header.addWidget(year_label)
        header.addWidget(self.year_box)
        header.addWidget(self.refresh_button)
        header.addWidget(self.status_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)

    def _connect_signals(self) -> None:
        self.year_box.currentIndexChanged.connect(self._on_year_changed)
        self.refresh_button.clicked.connect(self.refresh)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.plausibility_tab.marks_changed.connect(self._on_marks_changed)
        self.region_entry_tab.counts_changed.connect(self.refresh)
        self.region_entry_tab.targets_changed.connect(self.refresh)
        self.directory_tab.directory_changed.connect(self.refresh)

    def reporting_year(self) -> int:
        return self.year_box.currentData()

    def refresh(self) -> None:
        """Read the selected year again and reload the visible tab; the others reload when next shown."""
        year = self.reporting_year()
        try:
            summary = year_summary(self._context, year)
        except UserError as error:
            messenger().error(self, self.tr("Summary"), error.message)
            return

        self._summary = summary
        self._stale = set(self._loaders)
        self._load_current_tab()
        self._show_status()

    def _load_current_tab(self) -> None:
        tab = self.tabs.currentWidget()
        if self._summary is None or tab not in self._stale:
            return
        self._stale.discard(tab)
        try:
            self._loaders[tab]()
        except UserError as error:
            self._stale.add(tab)
            messenger().error(self, self.tr("Summary"), error.message)

    def _show_status(self) -> None:
        summary = self._summary
        self.status_label.setText(self.tr(
            "Organisations: {0}; indicators complete: {1} of {2}; unchecked warnings: {3}").format(
            len(summary.consolidation.organisations), summary.complete_indicators, len(summary.completeness),
            summary.unchecked_warnings))

    def _load_indicators(self) -> None:
        self.indicators_tab.load(self._summary.consolidation)

    def _load_completeness(self) -> None:
        self.completeness_tab.load(self._summary.completeness)

    def _load_plausibility(self) -> None:
        self.plausibility_tab.load(self._summary.warnings)

    def _load_activities(self) -> None:
        self.activity_tab.load(activity_summary(self._context, self.reporting_year()))

    def _load_region_entry(self) -> None:
        self.region_entry_tab.load(self.reporting_year())

    def _load_directory(self) -> None:
        self.directory_tab.load(self.reporting_year())

    def _on_year_changed(self, _index: int) -> None:
        self.refresh()

    def _on_tab_changed(self, _index: int) -> None:
        self._load_current_tab()

    def _on_marks_changed(self) -> None:
        warnings = plausibility_warnings(self._context, self.reporting_year())
        self._summary = dataclasses.replace(self._summary, warnings=warnings)
        self.plausibility_tab.load(warnings)
        self._show_status()
