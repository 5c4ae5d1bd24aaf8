"""The Appearance menu: the same colours as the system, light, dark or high contrast.

The choice is kept in the settings and put in effect at once (:func:`theme.use`): every
style sheet and painted view takes the new colours without a restart.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from scoping_app.ui import theme
from scoping_app.ui.settings import appearance, save_appearance
from scoping_app.ui.theme import APPEARANCE_WORDS, Appearance

TIPS = {
    Appearance.SYSTEM: "Light or dark as the system is set, and high contrast when it asks",
    Appearance.LIGHT: "Dark text on light backgrounds",
    Appearance.DARK: "Light text on dark backgrounds",
    Appearance.HIGH_CONTRAST: "Stronger text, borders and marks, light or dark as the system is",
}


class AppearanceMenu(QMenu):
    """One checkable action per choice; the saved one is checked and in effect."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__("&Appearance", parent)
        self.settings = settings
        self.choices: dict[Appearance, QAction] = {}
        group = QActionGroup(self)
        group.setExclusive(True)
        for choice, words in APPEARANCE_WORDS.items():
            action = QAction(words, self)
            action.setCheckable(True)
            action.setStatusTip(TIPS[choice])
            action.setToolTip(TIPS[choice])
            action.triggered.connect(lambda _checked=False, c=choice: self.choose(c))
            group.addAction(action)
            self.addAction(action)
            self.choices[choice] = action
        saved = appearance(settings)
        self.choices[saved].setChecked(True)
        theme.use(saved)

    def choose(self, choice: Appearance) -> None:
        """Put ``choice`` in effect now and keep it for the next start."""
        self.choices[choice].setChecked(True)
        save_appearance(self.settings, choice)
        theme.use(choice)
