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


REPLACEMENT = "\u25a1"  # □, drawn where the embedded font has no glyph
_ALWAYS_DRAWABLE = frozenset("\n\r\t\u2028\u2029")
_coverage: frozenset[int] | None = None


def _covered() -> frozenset[int]:
    """The code points every face of the family can draw."""
    global _coverage
    if _coverage is None:
        register_fonts()
        faces = [pdfmetrics.getFont(name).face for name in (REGULAR, BOLD, ITALIC, BOLD_ITALIC)]
        common = set(faces[0].charToGlyph)
        for face in faces[1:]:
            common &= set(face.charToGlyph)
        _coverage = frozenset(common)
    return _coverage


def undrawable(text: str) -> list[str]:
    """The characters of ``text`` the embedded font cannot draw, in order, once each."""
    covered = _covered()
    found: dict[str, None] = {}
    for char in text:
        if ord(char) not in covered and char not in _ALWAYS_DRAWABLE and char.isprintable():
            found.setdefault(char, None)
    return list(found)


def drawable(text: str) -> str:
    """``text`` with every character the font cannot draw replaced by a visible □."""
    missing = undrawable(text)
    for char in missing:
        text = text.replace(char, REPLACEMENT)
    return text
