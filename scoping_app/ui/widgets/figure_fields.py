"""Field editors for figures with bounds: a 1-5 score, an amount with its unit, an effort triple.

They join the kinds of :mod:`scoping_app.ui.widgets.fields` in the one form
pipeline (:mod:`scoping_app.ui.widgets.form`): each commits when the user
leaves it or presses Enter, and says in words what cannot be a value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from scoping_app.domain import words as fmt
from scoping_app.domain.bounds import SCORE
from scoping_app.domain.messages import field_messages
from scoping_app.domain.model import Effort, Project
from scoping_app.ui import theme
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.fields import FieldEditor, FieldError
from scoping_app.ui.widgets.number_box import NumberBox

POINT_WORDS = ("optimistic", "likely", "pessimistic")
INVALID_STYLE = "QLineEdit {{ border: 2px solid {colour}; border-radius: 3px; }}"
HINT_STYLE = "color: palette(placeholder-text);"


class ScoreField(FieldEditor):
    """A score from 1 (low) to 5 (high): likelihood, impact; Enter or leaving commits it."""

    def __init__(self, name: str, label: str, **kwargs: Any) -> None:
        word = label.replace("&", "")
        kwargs.setdefault("accessible", f"{word} from 1 to 5")
        kwargs.setdefault("tooltip", f"{word}: 1 (low) to 5 (high)")
        super().__init__(name, label, **kwargs)
        self.edit = QSpinBox()
        self.edit.setRange(int(SCORE.low), int(SCORE.high))
        self.edit.setKeyboardTracking(False)
        self._setup(self.edit)
        self.edit.editingFinished.connect(self.committed)

    def load(self, item: Any, project: Project) -> None:
        self.edit.setValue(getattr(item, self.name))

    def value(self) -> Any:
        return self.edit.value()


def amount_box() -> NumberBox:
    """A box for a figure of 0 or more, typed, right-aligned, shown exactly as stored."""
    box = NumberBox(optional=False)
    box.setMinimumWidth(70)
    return box


def _unit(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(HINT_STYLE)
    return label


class AmountField(FieldEditor):
    """A figure of 0 or more with its unit ("250 ms"), a hint beside it; Enter or leaving commits.

    ``prefix`` gives the unit before the figure from the project (its currency). The
    range is the domain's (:mod:`scoping_app.domain.bounds`): a figure past it is
    refused in words under the field, as typed, never clamped.
    """

    def __init__(
        self,
        name: str,
        label: str,
        *,
        suffix: str = "",
        hint: str = "",
        prefix: Callable[[Project], str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(name, label, **kwargs)
        self.edit = amount_box()
        self.edit.setMaximumWidth(150)
        self._prefix = prefix
        self.prefix = _unit("")
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.prefix)
        self.prefix.setHidden(prefix is None)  # once in the row: shown alone it is a window
        layout.addWidget(self.edit, 1)
        if suffix:
            layout.addWidget(_unit(suffix.strip()))
        note = QLabel(hint)
        note.setWordWrap(True)
        note.setStyleSheet(HINT_STYLE)
        layout.addWidget(note, 1)
        self._setup(row, self.edit)
        self.edit.editingFinished.connect(self.committed)

    def load(self, item: Any, project: Project) -> None:
        if self._prefix is not None:
            self.prefix.setText(self._prefix(project))
        self.edit.setValue(getattr(item, self.name))

    def value(self) -> Any:
        return self.edit.value()


class EffortField(FieldEditor):
    """A three-point effort in person-days; leaving any of the three commits the estimate.

    A point past its range is refused here in the domain's words, and points out
    of order in words that name them ("optimistic (7 d) must not exceed likely
    (4 d)"); the boxes at fault are outlined.
    """

    def __init__(self, name: str, label: str, **kwargs: Any) -> None:
        super().__init__(name, label, **kwargs)
        self.boxes = {word: amount_box() for word in POINT_WORDS}
        self.optimistic, self.likely, self.pessimistic = self.boxes.values()
        self.expected = QLabel()
        self.expected.setStyleSheet(HINT_STYLE)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        for word, box in self.boxes.items():
            box.setToolTip(f"{word.capitalize()} effort, in person-days")
            box.setMaximumWidth(90)
            column = QVBoxLayout()
            column.setSpacing(1)
            caption = QLabel(f"{word}, d")
            caption.setStyleSheet(HINT_STYLE + " font-size: 90%;")
            column.addWidget(caption)
            column.addWidget(box)
            layout.addLayout(column)
            box.editingFinished.connect(self.committed)
        layout.addWidget(self.expected, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addStretch(1)
        self._setup(row, *self.boxes.values())
        for word, box in self.boxes.items():
            box.setAccessibleName(f"{word.capitalize()} effort in person-days")

    def load(self, item: Any, project: Project) -> None:
        effort: Effort = getattr(item, self.name)
        for word, box in self.boxes.items():
            box.setValue(getattr(effort, word))
        self.expected.setText(f"expected {fmt.effort_days(effort.expected)}")
        self._outline(False, False)

    def value(self) -> Any:
        points: dict[str, float] = {}
        for word, box in self.boxes.items():
            try:
                points[word] = box.value()
            except FieldError as error:
                raise FieldError(f"{word}: {error}") from None
        try:
            return Effort(**points)
        except ValidationError as error:
            out_of_range = {k: v for k, v in field_messages(error).items() if k}
            if out_of_range:
                word, words = next(iter(out_of_range.items()))
                raise FieldError(f"{word}: {words}") from None
        o, m, p = points.values()
        self._outline(o > m, m > p)
        problems = []
        if o > m:
            problems.append(f"optimistic ({fmt.points(o)} d) must not exceed likely")
        if m > p:
            problems.append(f"likely ({fmt.points(m)} d) must not exceed pessimistic")
        raise FieldError(f"{' and '.join(problems)} ({fmt.points(m if o > m else p)} d)")

    def _outline(self, low: bool, high: bool) -> None:
        """Outline the boxes out of order: optimistic above likely, likely above pessimistic."""
        wrong = {"optimistic": low, "likely": low or high, "pessimistic": high}

        def outlined() -> str:
            return INVALID_STYLE.format(colour=theme.hex(Role.ERROR))

        for word, box in self.boxes.items():
            theme.style(box, outlined if wrong[word] else theme.no_style)
