"""A number typed as text and shown exactly as stored, and the error of a field's text.

:class:`NumberBox` is the box of every number field of the forms
(:class:`~scoping_app.ui.widgets.fields.NumberField`, the figures of
:mod:`scoping_app.ui.widgets.figure_fields`): it shows a stored number with every
digit it holds and gives it back unchanged while its text is untouched.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit


class FieldError(ValueError):
    """The text in a field cannot be a value of it; the message is shown beside the field."""


def show_number(value: float | int | None) -> str:
    """A stored number exactly: whole ones with thousands separated (150,000), others
    with every digit they hold (0.25, 12.34, 0.3333333333333333)."""
    if value is None:
        return ""
    if isinstance(value, int):
        return f"{value:,}"
    if float(value).is_integer() and abs(value) < 2**53:
        return f"{int(value):,}"
    return repr(float(value))


def parse_number(text: str, *, integer: bool = False, optional: bool = True) -> Any:
    """The number a user typed ("1,500", "2.5", "1e6"); None for nothing where ``optional``.

    Raises :class:`FieldError` in words when the text is not a number; the range is
    the domain model's to check.
    """
    text = text.strip().replace(",", "").replace("_", "").replace(" ", "")
    if not text:
        if optional:
            return None
        raise FieldError("must not be empty")
    if integer:
        try:
            return int(text)  # exactly, past the 2**53 a float holds
        except ValueError:
            pass
    try:
        number = float(text)
    except ValueError:
        message = "must be a whole number" if integer else "must be a number"
        raise FieldError(message) from None
    if not math.isfinite(number):
        raise FieldError("must be a finite number")
    if integer:
        if not number.is_integer():
            raise FieldError("must be a whole number")
        return int(number)
    return number


class NumberBox(QLineEdit):
    """A number typed as text, right-aligned, shown exactly as stored.

    ``value()`` gives back the stored number itself while the text is the one
    shown for it, so a number the user did not touch is never written back
    changed (no rounding, no clamping); a typed text is read by :func:`parse_number`.
    """

    def __init__(self, *, integer: bool = False, optional: bool = True) -> None:
        super().__init__()
        self.integer = integer
        self.optional = optional
        self._shown: tuple[str, Any] | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignRight)

    def setValue(self, value: float | int | None) -> None:  # as a spin box's
        text = show_number(value)
        self._shown = (text, value)
        if self.text() != text:
            self.setText(text)
            if not self.hasFocus():  # in the box the cursor stays where typing ends
                # a number wider than the box shows its first digits (14.6159…), not its
                # last ones, which would read as another number (…1080828972)
                self.setCursorPosition(0)

    def value(self) -> Any:
        if self._shown is not None and self.text() == self._shown[0]:
            return self._shown[1]
        return parse_number(self.text(), integer=self.integer, optional=self.optional)
