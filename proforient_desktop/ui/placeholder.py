"""A screen of a section that is not built yet: says so and offers nothing else."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderScreen(QWidget):
    """A short notice that the section is not available in this version."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<h2>{title}</h2>", self)
        notice = QLabel(self.tr("This section is not available yet in this version."), self)
        notice.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(notice)
        layout.addStretch(1)
