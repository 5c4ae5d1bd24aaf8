"""The one escaping function every piece of user text goes through before a Paragraph,
and the Paragraph of user text alone."""

from __future__ import annotations

import re

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from scoping_app.report.scripts import (
    BidiParagraph,
    clean,
    entities,
    is_simple,
    line_markup,
    needs_bidi,
)

_NEWLINE = re.compile("\r\n|\r|\n|\u2028|\u2029")


def escape(text: str) -> str:
    """User text as literal Paragraph markup: no tags, no entities, newlines as ``<br/>``.

    Control characters are dropped (report/scripts.py's ``clean``). Right-to-left lines
    are put in display order with Arabic joined, and CJK runs are set in a system font
    (``<font name=...>``) when one is installed; characters no font can draw become a
    visible □ (the plan notes them). Text with none of these takes a fast path.
    """
    text = clean(text).replace("\t", " ")
    if is_simple(text):
        return _NEWLINE.sub("<br/>", entities(text))
    return "<br/>".join(line_markup(line) for line in _NEWLINE.split(text))


def paragraph(text: str, style: ParagraphStyle) -> Flowable:
    """A Paragraph of user text alone, whose right-to-left lines read in order when it wraps.

    ``escape`` puts each line of the text in display order as a whole, which is right as
    long as it fits on one line of the page: a right-to-left line that wraps would show its
    end first. Here the text is broken into lines first, in logical order, and each line is
    then put in display order; a paragraph that starts right to left is aligned right when
    the style aligns left. Text without right-to-left characters is simply
    ``Paragraph(escape(text), style)``.
    """
    if not needs_bidi(text):
        return Paragraph(escape(text), style)
    return BidiParagraph(text, style)
