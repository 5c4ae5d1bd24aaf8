"""The one escaping function: user text reaches a Paragraph as literal text."""

from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from scoping_app.report.escape import escape
from scoping_app.report.fonts import FAMILY, register_fonts


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("R&D", "R&amp;D"),
        ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
        ('say "hi"', "say &quot;hi&quot;"),
        ("it's", "it&#39;s"),
        ("one\ntwo\r\nthree\rfour", "one<br/>two<br/>three<br/>four"),
        ("tab\there", "tab here"),
        ("bell\x07 and nul\x00", "bell and nul"),
        ("&amp;", "&amp;amp;"),
        ("Ωμέγα Привет", "Ωμέγα Привет"),
        ("", ""),
    ],
)
def test_escape(raw: str, escaped: str) -> None:
    assert escape(raw) == escaped


def test_escaped_markup_parses_to_the_literal_text() -> None:
    register_fonts()
    raw = '<b>R&D</b> <img src="/etc/passwd"/> &nbsp; <font size=40>big</font> ]]>'
    paragraph = Paragraph(escape(raw), ParagraphStyle("t", fontName=FAMILY))
    words = [word.text for frag in paragraph.frags for word in [frag]]
    assert "".join(words) == raw
    assert not any(getattr(frag, "cbDefn", None) for frag in paragraph.frags)  # no image


def test_unescaped_markup_would_break_a_paragraph() -> None:
    """Why the function exists: raw user text is markup to reportlab."""
    register_fonts()
    with pytest.raises(ValueError):
        Paragraph("<b>R&D", ParagraphStyle("t", fontName=FAMILY))


def test_fonts_register_once() -> None:
    from reportlab.pdfbase import pdfmetrics

    assert register_fonts() == register_fonts() == FAMILY
    names = pdfmetrics.getRegisteredFontNames()
    for face in ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"):
        assert face in names
