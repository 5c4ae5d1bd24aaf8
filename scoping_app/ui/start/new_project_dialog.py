"""The small dialog that starts a project: its name, industry and AI pattern."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from scoping_app.domain.enums import Industry, Pattern
from scoping_app.domain.model import NAME_MAX
from scoping_app.ui import format as fmt


class NewProjectDialog(QDialog):
    """Name, industry, pattern; OK only once the name is set and free."""

    def __init__(self, parent: QWidget | None = None, taken: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle("New project")
        self.setMinimumWidth(440)
        self._taken = {name.casefold() for name in taken}
        self.name = QLineEdit(self)
        self.name.setMaxLength(NAME_MAX)
        self.name.setPlaceholderText("e.g. Support answer assistant")
        self.industry = QComboBox(self)
        for industry in Industry:
            self.industry.addItem(fmt.industry(industry), industry.value)
        self.pattern = QComboBox(self)
        for pattern in Pattern:
            self.pattern.addItem(fmt.pattern(pattern), pattern.value)
        self.pattern.setCurrentIndex(self.pattern.findData(Pattern.RAG.value))
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020;")

        form = QFormLayout()
        form.addRow("Name:", self.name)
        form.addRow("Industry:", self.industry)
        form.addRow("AI pattern:", self.pattern)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._on_name_changed)
        self._on_name_changed(self.name.text())

    def _on_name_changed(self, text: str) -> None:
        name = text.strip()
        taken = name.casefold() in self._taken
        self.problem.setText("Another project already has this name." if taken else "")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(name) and not taken)

    def values(self) -> tuple[str, str, str]:
        """(name, industry value, pattern value)."""
        return (
            self.name.text().strip(),
            str(self.industry.currentData()),
            str(self.pattern.currentData()),
        )
