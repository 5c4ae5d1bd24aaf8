"""The one escaping function every piece of user text goes through before a Paragraph."""

from __future__ import annotations

import re

from scoping_app.report.scripts import clean, entities, is_simple, line_markup

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
