"""Register the bundled DejaVu Sans family with reportlab, once, embedded as TrueType."""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from scoping_app.paths import resource

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

_lock = threading.Lock()
_registered = False


def register_fonts() -> str:
    """Register regular, bold, italic and bold-italic as one family; return the family name."""
    global _registered
    with _lock:
        if not _registered:
            for name in (REGULAR, BOLD, ITALIC, BOLD_ITALIC):
                if name not in pdfmetrics.getRegisteredFontNames():
                    pdfmetrics.registerFont(TTFont(name, str(resource("fonts", f"{name}.ttf"))))
            # Paragraph's <b> and <i> find the faces through the family's mappings.
            pdfmetrics.registerFontFamily(
                FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
            )
            _registered = True
    return FAMILY
