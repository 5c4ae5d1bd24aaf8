"""Field editors for figures with bounds: a 1-5 score, an amount with its unit, an effort triple.

They join the kinds of :mod:`scoping_app.ui.widgets.fields` in the one form
pipeline (:mod:`scoping_app.ui.widgets.form`): each commits when the user
leaves it or presses Enter, and says in words what cannot be a value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from scoping_app.domain import words as fmt
from scoping_app.domain.model import Effort, Project
from scoping_app.ui import theme
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.fields import FieldEditor, FieldError

POINT_WORDS = ("optimistic", "likely", "pessimistic")
INVALID_STYLE = "QDoubleSpinBox {{ border: 2px solid {colour}; border-radius: 3px; }}"
HINT_STYLE = "color: palette(placeholder-text);"


class ScoreField(FieldEditor):
    """A score from 1 (low) to 5 (high): likelihood, impact; Enter or leaving commits it."""

    def __init__(self, name: str, label: str, **kwargs: Any) -> None:
        word = label.replace("&", "")
        kwargs.setdefault("accessible", f"{word} from 1 to 5")
        kwargs.setdefault("tooltip", f"{word}: 1 (low) to 5 (high)")
        super().__init__(name, label, **kwargs)
        self.edit = QSpinBox()
        self.edit.setRange(1, 5)
        self.edit.setKeyboardTracking(False)
        self._setup(self.edit)
        self.edit.editingFinished.connect(self.committed)

    def load(self, item: Any, project: Project) -> None:
        self.edit.setValue(getattr(item, self.name))

    def value(self) -> Any:
        return self.edit.value()


def amount_box(suffix: str = "", decimals: int = 1, maximum: float = 100_000.0) -> QDoubleSpinBox:
    """A box for a figure of 0 or more, typed (no arrows), right-aligned, with its unit."""
    box = QDoubleSpinBox()
    box.setDecimals(decimals)
    box.setRange(0.0, maximum)
    box.setSuffix(suffix)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    box.setKeyboardTracking(False)
    box.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
    box.setMinimumWidth(70)
    return box


class AmountField(FieldEditor):
    """A figure of 0 or more with its unit ("250 ms"), a hint beside it; Enter or leaving commits.

    ``prefix`` gives the unit before the figure from the project (its currency).
    """

    def __init__(
        self,
        name: str,
        label: str,
        *,
        suffix: str = "",
        decimals: int = 1,
        maximum: float = 100_000.0,
        hint: str = "",
        prefix: Callable[[Project], str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(name, label, **kwargs)
        self.edit = amount_box(suffix, decimals, maximum)
        self.edit.setMaximumWidth(170)
        self._prefix = prefix
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        note = QLabel(hint)
        note.setWordWrap(True)
        note.setStyleSheet(HINT_STYLE)
        layout.addWidget(note, 1)
        self._setup(row, self.edit)
        self.edit.editingFinished.connect(self.committed)

    def load(self, item: Any, project: Project) -> None:
        if self._prefix is not None:
            self.edit.setPrefix(f"{self._prefix(project)} ")
        self.edit.setValue(getattr(item, self.name))

    def value(self) -> Any:
        return self.edit.value()


class EffortField(FieldEditor):
    """A three-point effort in person-days; leaving any of the three commits the estimate.

    Points out of order are refused here, in words that name them ("optimistic
    (7 d) must not exceed likely (4 d)"), and the boxes at fault are outlined.
    """

    def __init__(self, name: str, label: str, **kwargs: Any) -> None:
        super().__init__(name, label, **kwargs)
        self.boxes = {word: amount_box(" d") for word in POINT_WORDS}
        self.optimistic, self.likely, self.pessimistic = self.boxes.values()
        self.expected = QLabel()
        self.expected.setStyleSheet(HINT_STYLE)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        for word, box in self.boxes.items():
            box.setToolTip(f"{word.capitalize()} effort, in person-days")
            column = QVBoxLayout()
            column.setSpacing(1)
            caption = QLabel(word)
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
        o, m, p = (box.value() for box in self.boxes.values())
        self._outline(o > m, m > p)
        problems = []
        if o > m:
            problems.append(f"optimistic ({fmt.points(o)} d) must not exceed likely")
        if m > p:
            problems.append(f"likely ({fmt.points(m)} d) must not exceed pessimistic")
        if problems:
            raise FieldError(f"{' and '.join(problems)} ({fmt.points(m if o > m else p)} d)")
        return Effort(optimistic=o, likely=m, pessimistic=p)

    def _outline(self, low: bool, high: bool) -> None:
        """Outline the boxes out of order: optimistic above likely, likely above pessimistic."""
        wrong = {"optimistic": low, "likely": low or high, "pessimistic": high}

        def outlined() -> str:
            return INVALID_STYLE.format(colour=theme.hex(Role.ERROR))

        for word, box in self.boxes.items():
            theme.style(box, outlined if wrong[word] else theme.no_style)
