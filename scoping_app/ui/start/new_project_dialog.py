"""The small dialog that starts a project: its name, industry, AI pattern and template."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from scoping_app.domain import words as fmt
from scoping_app.domain.enums import Industry, Pattern
from scoping_app.domain.model import NAME_MAX
from scoping_app.services.projects import ServiceError
from scoping_app.services.templates import list_templates
from scoping_app.ui import theme
from scoping_app.ui.theme import Role

TEXT_WIDTH = 420
REGULATED_TEXT = (
    "⚖ Regulated industry: residency, PII, explainability and audit-trail decisions apply."
)
REGULATED_TEMPLATE_TEXT = (
    "⚖ Regulated industry: the template's compliance capabilities (PII handling, audit log) "
    "become must-haves, and residency, PII, explainability and audit-trail decisions apply."
)


class NewProjectAnswer(tuple[str, str, str]):
    """(name, industry, pattern), plus whether to start from the pattern's template.

    It unpacks and compares as the plain triple; ``from_template`` rides along so
    callers that know about templates can read it. A plain triple means blank.
    """

    from_template: bool

    def __new__(
        cls, name: str, industry: str, pattern: str, from_template: bool = False
    ) -> NewProjectAnswer:
        answer = super().__new__(cls, (name, industry, pattern))
        answer.from_template = from_template
        return answer


def wants_template(answer: tuple[str, ...]) -> bool:
    """Whether a dialog answer asks for the template: a 4th item, or the answer's flag."""
    if len(answer) > 3:
        return bool(answer[3])
    return bool(getattr(answer, "from_template", False))


def _templates() -> dict[str, tuple[str, str]]:
    try:
        return {pattern: (title, text) for pattern, title, text in list_templates()}
    except ServiceError:
        return {}


class NewProjectDialog(QDialog):
    """Name, industry, pattern and template; OK only once the name is set and free."""

    def __init__(self, parent: QWidget | None = None, taken: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle("New project")
        self._templates = _templates()
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
        self.use_template = QCheckBox("Start from the template for this pattern", self)
        self.use_template.setAccessibleName("Start from the template for this pattern")
        self.template_text = QLabel(self)
        self.template_text.setWordWrap(True)
        self.template_text.setTextFormat(Qt.TextFormat.RichText)
        self.template_text.setStyleSheet("color: palette(placeholder-text);")
        self.regulated_text = QLabel(REGULATED_TEXT, self)
        self.regulated_text.setWordWrap(True)
        for label in (self.template_text, self.regulated_text):
            label.setFixedWidth(TEXT_WIDTH)
        theme.style(self.regulated_text, lambda: theme.text_style(Role.INFO_TEXT))
        self.problem = QLabel(self)
        theme.style(self.problem, lambda: theme.text_style(Role.ERROR))
        self.name.setAccessibleName("Project name")
        self.industry.setAccessibleName("Industry")
        self.pattern.setAccessibleName("AI pattern")

        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("", self.problem)
        form.addRow("&Industry:", self.industry)
        form.addRow("AI &pattern:", self.pattern)
        template_box = QVBoxLayout()
        template_box.setSpacing(6)
        template_box.addWidget(self.use_template)
        template_box.addWidget(self.template_text)
        template_box.addWidget(self.regulated_text)
        form.addRow("", template_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(10)
        layout.addWidget(self.buttons)
        # the dialog follows its content (notes appear and go) instead of leaving gaps
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._on_name_changed)
        self.pattern.currentIndexChanged.connect(self._on_pattern_changed)
        self.industry.currentIndexChanged.connect(self._on_industry_changed)
        self.use_template.toggled.connect(self._show_template_text)
        self._on_name_changed(self.name.text())
        self._on_pattern_changed()
        self._on_industry_changed()

    def _on_pattern_changed(self, *_args: object) -> None:
        """Checked by default when the pattern has a template; blank otherwise."""
        has = str(self.pattern.currentData()) in self._templates
        self.use_template.setEnabled(has)
        self.use_template.setChecked(has)
        self._show_template_text()

    def _on_industry_changed(self, *_args: object) -> None:
        regulated = Industry(str(self.industry.currentData())).regulated
        self.regulated_text.setVisible(regulated)
        self._show_template_text()

    def _show_template_text(self, *_args: object) -> None:
        found = self._templates.get(str(self.pattern.currentData()))
        if found is None:
            text = "No template for this pattern yet: the project starts blank."
        elif self.use_template.isChecked():
            text = f"<b>{escape(found[0])}</b>: {escape(found[1])} You edit everything afterwards."
        else:
            text = "The project starts blank."
        self.template_text.setText(text)
        with_template = found is not None and self.use_template.isChecked()
        self.regulated_text.setText(REGULATED_TEMPLATE_TEXT if with_template else REGULATED_TEXT)

    def _on_name_changed(self, text: str) -> None:
        name = text.strip()
        taken = name.casefold() in self._taken
        self.problem.setText("Another project already has this name." if taken else "")
        self.problem.setVisible(taken)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(name) and not taken)

    def values(self) -> NewProjectAnswer:
        """(name, industry value, pattern value), with ``from_template``."""
        return NewProjectAnswer(
            self.name.text().strip(),
            str(self.industry.currentData()),
            str(self.pattern.currentData()),
            self.use_template.isEnabled() and self.use_template.isChecked(),
        )
