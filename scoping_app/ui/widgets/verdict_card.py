"""The plan's verdict as a card, in the words of :mod:`scoping_app.analysis.verdict`.

The Readiness step and the Export step both show it; the PDF plan prints the same
words. The level is carried by a mark and words, not by colour alone.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from scoping_app.analysis.readiness import CONDITIONAL, GO, NO_GO
from scoping_app.analysis.verdict import NOT_NEEDED, Verdict
from scoping_app.ui import theme
from scoping_app.ui.theme import Role

UPDATING = "updating…"
# level -> (mark, background, border, text colour)
VERDICT_STYLES = {
    GO: ("✓", Role.GOOD_TINT, Role.OK, Role.GOOD_TEXT),
    CONDITIONAL: ("◐", Role.CAUTION_TINT, Role.WARNING, Role.CAUTION_TEXT),
    NO_GO: ("✕", Role.BAD_TINT, Role.ERROR, Role.BAD_TEXT),
    NOT_NEEDED: ("○", Role.PANEL, Role.LINE, Role.TEXT),
}
NEUTRAL = ("", Role.PANEL, Role.PANEL_BORDER, Role.TEXT)


def badge_label(name: str, scale: float) -> QLabel:
    """A bold label, ``scale`` times the usual size, that ``badge_style`` draws as a badge."""
    badge = QLabel()
    badge.setObjectName(name)
    font = badge.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    badge.setFont(font)
    return badge


def badge_style(name: str, background: Role, border: Role, text: Role, padding: str) -> str:
    """The style sheet of the badge ``name``: its fill, a strong border and its text colour."""
    return (
        f"QLabel#{name} {{ background: {theme.hex(background)};"
        f" border: 2px solid {theme.hex(border)}; border-radius: 5px;"
        f" color: {theme.hex(text)}; padding: {padding}; }}"
    )


class VerdictCard(QFrame):
    """Title, the verdict's label as a badge, its one-sentence reason and its conditions."""

    def __init__(self, title: str = "Plan verdict", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictCard")
        self.verdict: Verdict | None = None
        self.title = QLabel(title)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.scope_label = QLabel()
        theme.style(self.scope_label, lambda: theme.text_style(Role.MUTED))
        self.status_label = QLabel(UPDATING)
        theme.style(
            self.status_label, lambda: f"color: {theme.hex(Role.MUTED)}; font-style: italic;"
        )
        self.badge = badge_label("verdictBadge", 1.1)
        self.badge.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.reason = QLabel()
        self.reason.setObjectName("verdictReason")
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.conditions = QLabel()
        self.conditions.setObjectName("verdictConditions")
        self.conditions.setWordWrap(True)
        self.conditions.setTextFormat(Qt.TextFormat.RichText)
        self.conditions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.conditions.hide()

        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(self.title)
        head.addWidget(self.scope_label, 1)
        head.addWidget(self.status_label)
        line = QHBoxLayout()
        line.setSpacing(12)
        line.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        line.addWidget(self.reason, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(6)
        layout.addLayout(head)
        layout.addLayout(line)
        layout.addWidget(self.conditions)
        self._style(NEUTRAL)
        self.show_waiting()

    # what the card shows

    def set_scope(self, text: str) -> None:
        """Which scope the verdict is about, in a few words beside the title."""
        self.scope_label.setText(text)

    def set_updating(self, updating: bool) -> None:
        self.status_label.setVisible(updating)

    def show_waiting(self, text: str = "Working out the verdict…") -> None:
        self.verdict = None
        self.badge.hide()
        self.reason.setText(text)
        self.conditions.hide()
        self.conditions.setText("")
        self._style(NEUTRAL)
        self.setAccessibleName(self.title.text())

    def show_error(self, error: str) -> None:
        self.show_waiting(f"The verdict could not be worked out: {error}")
        theme.style(self.reason, lambda: theme.text_style(Role.ERROR))

    def show_verdict(self, verdict: Verdict) -> None:
        self.verdict = verdict
        style = VERDICT_STYLES.get(verdict.level, NEUTRAL)
        mark = style[0]
        self.badge.setText(f"{mark}  {verdict.label}" if mark else verdict.label)
        self.badge.show()
        theme.style(self.reason, theme.no_style)
        self.reason.setText(verdict.reason)
        if verdict.conditions:
            items = "".join(f"<li>{escape(c)}</li>" for c in verdict.conditions)
            self.conditions.setText(
                "<b>Conditions</b> (fix these first):"
                f"<ul style='margin-top:2px; margin-bottom:0px; margin-left:-18px;'>{items}</ul>"
            )
            self.conditions.show()
        else:
            self.conditions.setText("")
            self.conditions.hide()
        self._style(style)
        self.setAccessibleName(f"{self.title.text()}: {verdict.label}")
        self.setAccessibleDescription(" ".join((verdict.reason, *verdict.conditions)))

    def shown_text(self) -> str:
        """What a reader sees on the card, as plain text, top to bottom."""
        parts = [self.title.text(), self.scope_label.text()]
        if self.badge.isVisibleTo(self):
            parts.append(self.badge.text())
        parts.append(self.reason.text())
        if self.verdict is not None and self.conditions.isVisibleTo(self):
            parts.append("Conditions (fix these first):")
            parts.extend(f"• {c}" for c in self.verdict.conditions)
        return "\n".join(p for p in parts if p)

    def _style(self, style: tuple[str, Role, Role, Role]) -> None:
        _mark, background, border, colour = style
        theme.style(
            self,
            lambda: (
                f"QFrame#verdictCard {{ background: {theme.hex(background)};"
                f" border: 1px solid {theme.hex(border)}; border-radius: 6px; }}"
                + badge_style("verdictBadge", Role.SURFACE, border, colour, "2px 10px")
            ),
        )
