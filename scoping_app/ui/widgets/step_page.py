"""The frame every step of the guided path shares: a title, one line of advice, the content."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from scoping_app.domain.model import Project
from scoping_app.ui import theme

ALL_PARTS: frozenset[str] = frozenset(
    {
        "info",
        "process_steps",
        "data_sources",
        "metrics",
        "capabilities",
        "failure_modes",
        "decisions",
        "risks",
        "slices",
    }
)


class StepPage(QWidget):
    """Base of a step: subclasses fill ``self.body`` and implement :meth:`show_project`.

    ``watches`` names the parts of the project the step shows; it refreshes only
    when one of them changed.
    """

    title = ""
    advice = ""
    watches: frozenset[str] = ALL_PARTS
    read_only_note = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(10)
        heading = QLabel(self.title)
        heading.setObjectName("stepTitle")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        heading.setFont(font)
        outer.addWidget(heading)
        if self.advice:
            advice = QLabel(self.advice)
            advice.setObjectName("stepAdvice")
            advice.setWordWrap(True)
            advice.setStyleSheet("color: palette(placeholder-text);")
            outer.addWidget(advice)
        if self.read_only_note:
            note = QLabel(self.read_only_note)
            note.setObjectName("readOnlyNote")
            note.setWordWrap(True)
            theme.style(note, lambda: theme.notice_style() + " padding: 6px 8px;")
            outer.addWidget(note)
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        outer.addLayout(self.body, 1)

    def show_project(self, project: Project, parts: frozenset[str] = ALL_PARTS) -> None:
        """Show ``project``; ``parts`` names what changed since the last call."""
        raise NotImplementedError

    def completion(self, project: Project) -> str:
        """A few words on how complete this step is, for the sidebar ("4 sources")."""
        return ""
