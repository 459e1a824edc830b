"""Why a package was rejected, in Russian, without the file name.

The service that reads a file adds its name, so the same reason reads well
for a file on disk and for a package nested in another one.
"""

from __future__ import annotations

from proforient_desktop.errors import UserError

DEFAULT_ADVICE = "Попросите отправителя выгрузить пакет заново и прислать его ещё раз."


class PackageRejected(UserError):
    """A package that cannot be accepted; ``reason`` and ``advice`` are Russian."""

    def __init__(self, reason: str, advice: str = DEFAULT_ADVICE) -> None:
        super().__init__(f"{reason}. {advice}" if advice else f"{reason}.")
        self.reason = reason
        self.advice = advice

    def for_file(self, file_name: str) -> str:
        """Return the full message naming the file."""
        return f"Файл «{file_name}» отклонён: {self.message}"
