"""The sections of the main window and the screens they open.

Convention for adding a screen:

* A screen is a ``QWidget`` built by a factory ``(context, parent) -> QWidget``
  (``ScreenFactory``). ``lazy("module", "Class")`` makes a factory that
  imports the module when the section is first opened, so the start stays
  fast. It builds the screen as ``Class(context, parent)``.
* To replace a placeholder by a real screen, change only its ``factory``
  in ``SECTIONS``, e.g. ``placeholder`` becomes
  ``lazy("proforient_desktop.ui.exchange_screen", "ExchangeScreen")``.
* Optional hooks the main window uses when a screen has them:
  ``refresh()`` is called each time the section is shown (reload from the
  services, because another section may have changed the data), and an
  ``undo_stack`` attribute (``QUndoStack``) joins the window's Edit menu
  (Ctrl+Z / Ctrl+Y) while the section is shown.
* Titles are English source strings marked with ``QT_TRANSLATE_NOOP`` in the
  "Navigation" context; their Russian texts are in
  ``resources/translations/ru/main.ts``.
* This module imports only Qt: the window shows the sections before the data
  layer is imported. Roles are therefore the values of ``catalog.Role``.
"""

from __future__ import annotations

import enum
import importlib
from typing import TYPE_CHECKING, Callable, NamedTuple

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from proforient_desktop.services.context import AppContext

ScreenFactory = Callable[["AppContext", QWidget | None], QWidget]


# A NamedTuple, not a dataclass: importing dataclasses would delay the shell.
class Section(NamedTuple):
    """An entry of the navigation list: ``roles`` (role values such as "region") None means every role."""

    key: str
    title: str
    factory: ScreenFactory | None
    roles: frozenset[str] | None = None

    def translated_title(self) -> str:
        return QCoreApplication.translate("Navigation", self.title)

    def create(self, context: AppContext, parent: QWidget | None) -> QWidget:
        if self.factory is None:
            from proforient_desktop.ui.placeholder import PlaceholderScreen

            return PlaceholderScreen(self.translated_title(), parent)
        return self.factory(context, parent)

    def is_shown_for(self, role: enum.Enum | str | None) -> bool:
        return self.roles is None or role_value(role) in self.roles


def lazy(module: str, class_name: str) -> ScreenFactory:
    """Return a factory that imports ``module`` on first use and builds ``class_name``."""
    def factory(context: AppContext, parent: QWidget | None) -> QWidget:
        screen_class = getattr(importlib.import_module(module), class_name)
        return screen_class(context, parent)
    return factory


# A section whose screen is not built yet shows a short "not available" notice.
placeholder = None

SECTIONS: tuple[Section, ...] = (
    Section("counts", QT_TRANSLATE_NOOP("Navigation", "Indicators"),
            lazy("proforient_desktop.ui.counts_screen", "CountsScreen")),
    Section("activities", QT_TRANSLATE_NOOP("Navigation", "Activities"),
            lazy("proforient_desktop.ui.activities_screen", "ActivitiesScreen")),
    Section("monitoring", QT_TRANSLATE_NOOP("Navigation", "Summary"), lazy("proforient_desktop.ui.monitoring.screen", "MonitoringScreen"),
            frozenset({"municipality", "region"})),
    Section("exchange", QT_TRANSLATE_NOOP("Navigation", "Exchange"),
            lazy("proforient_desktop.ui.exchange_screen", "ExchangeScreen")),
    Section("reports", QT_TRANSLATE_NOOP("Navigation", "Reports"),
            lazy("proforient_desktop.ui.reports_screen", "ReportsScreen")),
    Section("catalog", QT_TRANSLATE_NOOP("Navigation", "Reference"),
            lazy("proforient_desktop.ui.catalog_screen", "CatalogScreen")),
    Section("settings", QT_TRANSLATE_NOOP("Navigation", "Settings"),
            lazy("proforient_desktop.ui.settings_screen", "SettingsScreen")),
)


def role_value(role: enum.Enum | str | None) -> str | None:
    """Return a ``catalog.Role`` as its value ("school", "region"), a string as it is."""
    if isinstance(role, enum.Enum):
        return str(role.value)
    return role


def sections_for(role: enum.Enum | str | None) -> list[Section]:
    return [section for section in SECTIONS if section.is_shown_for(role)]
