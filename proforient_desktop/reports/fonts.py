"""The bundled DejaVu Sans family, registered with reportlab once.

The PDF must show Cyrillic on a machine with no system fonts at all, so the
font files ship in ``resources/fonts`` with their licence.
"""

from __future__ import annotations

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from proforient_desktop.errors import UserError
from proforient_desktop.resource_files import resource_path

FAMILY = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

_FACES = {
    FAMILY: (False, False),
    BOLD: (True, False),
    ITALIC: (False, True),
    BOLD_ITALIC: (True, True),
}


def register_fonts() -> str:
    """Register the four faces as one family and return the family name."""
    if FAMILY in pdfmetrics.getRegisteredFontNames():
        return FAMILY

    for face, (bold, italic) in _FACES.items():
        path = resource_path("fonts", f"{face}.ttf")
        if not path.is_file():
            raise UserError(
                f"Не найден файл шрифта {path}. Переустановите программу: без него отчёт PDF "
                "не может показать русский текст."
            )
        pdfmetrics.registerFont(TTFont(face, str(path)))
        addMapping(FAMILY, int(bold), int(italic), face)
    pdfmetrics.registerFontFamily(FAMILY, normal=FAMILY, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    return FAMILY
