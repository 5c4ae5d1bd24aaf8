"""The one escaping function every piece of user text goes through before a Paragraph."""

from __future__ import annotations

import re

from scoping_app.report.fonts import drawable

# C0 and C1 control characters (newline and tab are handled apart), lone surrogates and
# the two XML non-characters: none can be drawn, and some break reportlab's parser.
_UNDRAWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NEWLINE = re.compile("\r\n|\r|\n|\u2028|\u2029")


def escape(text: str) -> str:
    """User text as literal Paragraph markup: no tags, no entities, newlines as ``<br/>``.

    Characters the embedded font cannot draw become a visible □ (the plan notes them).
    """
    text = drawable(_UNDRAWABLE.sub("", text).replace("\t", " "))
    text = (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )
    return _NEWLINE.sub("<br/>", text)
