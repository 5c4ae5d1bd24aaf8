"""Field editors for values typed as text that the list steps do not need: a date, a code.

Both are :class:`~scoping_app.ui.widgets.fields.LineField` kinds: Enter or leaving
commits them. They turn the text into a value only as far as the widget must; a
text that is not a value of the field goes to the domain model as written, which
refuses it in the words of :mod:`scoping_app.domain.messages`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from scoping_app.domain.model import Project
from scoping_app.ui.widgets.fields import LineField

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


class DateTextField(LineField):
    """A date typed as YYYY-MM-DD; empty means none."""

    def __init__(self, name: str, label: str, **kwargs: Any) -> None:
        kwargs.setdefault("placeholder", "YYYY-MM-DD")
        super().__init__(name, label, strip=True, **kwargs)
        self.edit.setMaximumWidth(150)

    def load(self, item: Any, project: Project) -> None:
        value: date | None = getattr(item, self.name)
        text = "" if value is None else value.isoformat()
        if self.edit.text() != text:
            self.edit.setText(text)

    def value(self) -> Any:
        """The date, None for an empty text, else the text as written (for the model to refuse)."""
        text = super().value()
        if not text:
            return None
        if _ISO_DATE.fullmatch(text):
            try:
                return date.fromisoformat(text)
            except ValueError:
                pass
        return text


class CodeField(LineField):
    """A short code in capitals (a currency: EUR); what is typed is taken in capitals."""

    def __init__(self, name: str, label: str, *, length: int, **kwargs: Any) -> None:
        super().__init__(name, label, max_length=length, strip=True, **kwargs)
        self.edit.setMaximumWidth(70)

    def value(self) -> Any:
        return super().value().upper()
