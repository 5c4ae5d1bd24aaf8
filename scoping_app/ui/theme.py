"""Every colour the window uses, as named roles with a light, a dark and a high-contrast value.

Widgets never write a colour: they ask for a role, ``theme.color(Role.ERROR)`` for
painting, ``theme.hex(Role.ERROR)`` for rich text, at the moment they draw, and give a
style sheet as a function, ``theme.style(widget, lambda: ...)``, so it is written again
when the scheme changes. The scheme follows the system (Qt's colour scheme and contrast
preference) or the user's choice of appearance (``use``); ``changed`` tells painted views
and models to draw again. Colour always repeats what words, marks or shapes already say.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from scoping_app.domain.enums import Category


class Role(Enum):
    """What a colour means; see ``SHADES`` for its values."""

    # the window's own palette (Fusion's, built from these roles)
    WINDOW = auto()
    BUTTON = auto()
    HIGHLIGHT = auto()
    HIGHLIGHT_TEXT = auto()
    DISABLED_TEXT = auto()
    # text and marks on the window
    TEXT = auto()
    MUTED = auto()
    ERROR = auto()
    WARNING = auto()
    OK = auto()
    SELECTION = auto()
    LINE = auto()
    # surfaces and panels
    SURFACE = auto()
    PANEL = auto()
    PANEL_BORDER = auto()
    LIST_SELECTED = auto()
    LIST_HOVER = auto()
    # boxes that explain (information) or advise (notice)
    INFO_FILL = auto()
    INFO_BORDER = auto()
    INFO_TEXT = auto()
    NOTICE_FILL = auto()
    NOTICE_BORDER = auto()
    NOTICE_TEXT = auto()
    # verdict and severity levels: good (go), caution (conditional, medium), bad (no-go, high)
    GOOD_TINT = auto()
    GOOD_BORDER = auto()
    GOOD_FILL = auto()
    GOOD_TEXT = auto()
    CAUTION_TINT = auto()
    CAUTION_FILL = auto()
    CAUTION_TEXT = auto()
    BAD_TINT = auto()
    BAD_FILL = auto()
    BAD_TEXT = auto()
    # readiness bars
    BAR_GOOD = auto()
    BAR_FAIR = auto()
    BAR_POOR = auto()
    # the value-effort chart
    FRONTIER = auto()
    SLICE = auto()
    CHART_GRID = auto()
    # the pre-mortem matrix, by score
    HEAT_SEVERE = auto()
    HEAT_HIGH = auto()
    HEAT_MEDIUM = auto()
    HEAT_LOW = auto()
    # the dependency graph
    NODE_BORDER = auto()
    MANDATORY = auto()
    SCOPE_RING = auto()
    EDGE_EMPHASIS = auto()
    CRITICAL_PATH = auto()
    # the categories of capabilities: a pale fill and a strong accent each
    DATA_FILL = auto()
    DATA_ACCENT = auto()
    MODEL_FILL = auto()
    MODEL_ACCENT = auto()
    RETRIEVAL_FILL = auto()
    RETRIEVAL_ACCENT = auto()
    SERVING_FILL = auto()
    SERVING_ACCENT = auto()
    EVALUATION_FILL = auto()
    EVALUATION_ACCENT = auto()
    MONITORING_FILL = auto()
    MONITORING_ACCENT = auto()
    COMPLIANCE_FILL = auto()
    COMPLIANCE_ACCENT = auto()
    UX_FILL = auto()
    UX_ACCENT = auto()
    INTEGRATION_FILL = auto()
    INTEGRATION_ACCENT = auto()
    OTHER_FILL = auto()
    OTHER_ACCENT = auto()


@dataclass(frozen=True)
class Shade:
    """A role's light and dark value; ``text``: words are written in it (see ``READ_ON``)."""

    light: str
    dark: str
    text: bool = False


def _text(light: str, dark: str) -> Shade:
    return Shade(light, dark, text=True)


SHADES: dict[Role, Shade] = {
    Role.WINDOW: Shade("#efefef", "#2d2d2d"),
    Role.BUTTON: Shade("#f7f7f7", "#3a3f45"),
    Role.HIGHLIGHT: Shade("#1565c0", "#2d5d8f"),
    Role.HIGHLIGHT_TEXT: _text("#ffffff", "#f7f9fb"),
    # greyed out: inactive controls need not reach the contrast of text (WCAG 1.4.3)
    Role.DISABLED_TEXT: Shade("#7f868d", "#979fa7"),
    Role.TEXT: _text("#1d232a", "#e6e9ec"),
    Role.MUTED: _text("#535d68", "#aab4bf"),
    Role.ERROR: _text("#b00020", "#ff8a80"),
    Role.WARNING: _text("#9a4f00", "#ffb74d"),
    Role.OK: _text("#2a7130", "#81c784"),
    Role.SELECTION: _text("#1565c0", "#64b5f6"),
    Role.LINE: Shade("#8a96a3", "#6f7a86"),
    Role.SURFACE: Shade("#ffffff", "#1f2328"),
    Role.PANEL: Shade("#f6f8fa", "#262b31"),
    Role.PANEL_BORDER: Shade("#d8dde3", "#454c55"),
    Role.LIST_SELECTED: Shade("#e3eefb", "#1e3a5c"),
    Role.LIST_HOVER: Shade("#f3f7fc", "#283241"),
    Role.INFO_FILL: Shade("#eef3fa", "#1c2a3a"),
    Role.INFO_BORDER: Shade("#c9d7ea", "#34506f"),
    Role.INFO_TEXT: _text("#21405f", "#a9c8ee"),
    Role.NOTICE_FILL: Shade("#fdf6e3", "#332b14"),
    Role.NOTICE_BORDER: Shade("#e8d9a8", "#6b5a24"),
    Role.NOTICE_TEXT: _text("#5b4a12", "#f0dc9a"),
    Role.GOOD_TINT: Shade("#eef7ee", "#1b2e1d"),
    Role.GOOD_BORDER: Shade("#cfe0cf", "#3c6e40"),
    Role.GOOD_FILL: Shade("#e5f3e6", "#1f3b22"),
    Role.GOOD_TEXT: _text("#1b5e20", "#a5d6a7"),
    Role.CAUTION_TINT: Shade("#fdf6e8", "#30261a"),
    Role.CAUTION_FILL: Shade("#fdf0d8", "#3d2f12"),
    Role.CAUTION_TEXT: _text("#6d4100", "#ffd08a"),
    Role.BAD_TINT: Shade("#fcefed", "#331d1d"),
    Role.BAD_FILL: Shade("#fbe3e1", "#46201f"),
    Role.BAD_TEXT: _text("#7a1c20", "#ffb4ab"),
    Role.BAR_GOOD: Shade("#4a8f4e", "#66bb6a"),
    Role.BAR_FAIR: Shade("#d08a1e", "#e0a040"),
    Role.BAR_POOR: Shade("#c0392b", "#ef6b5b"),
    Role.FRONTIER: _text("#1f5fa8", "#6fa8e8"),
    Role.SLICE: _text("#c0561b", "#f08a4b"),
    Role.CHART_GRID: Shade("#e3e6ea", "#3a4048"),
    Role.HEAT_SEVERE: Shade("#f8cdcd", "#6b2a2a"),
    Role.HEAT_HIGH: Shade("#fbd9a6", "#553a17"),
    Role.HEAT_MEDIUM: Shade("#fbf0b0", "#453f16"),
    Role.HEAT_LOW: Shade("#d7ecd2", "#243d26"),
    Role.NODE_BORDER: Shade("#7a8794", "#8a96a3"),
    Role.MANDATORY: Shade("#39434d", "#c5ccd4"),
    # the ring around the smallest viable scope: no category or state uses its colour
    Role.SCOPE_RING: _text("#c2185b", "#f06292"),
    Role.EDGE_EMPHASIS: Shade("#3f7fc4", "#7fb2ea"),
    Role.CRITICAL_PATH: Shade("#37474f", "#cfd8dc"),
    Role.DATA_FILL: Shade("#e6f0fa", "#1b2d40"),
    Role.DATA_ACCENT: _text("#1f6fb8", "#7fb6ee"),
    Role.MODEL_FILL: Shade("#f4e8f6", "#35213a"),
    Role.MODEL_ACCENT: _text("#8e3aa0", "#d193e0"),
    Role.RETRIEVAL_FILL: Shade("#ece8f7", "#27223f"),
    Role.RETRIEVAL_ACCENT: _text("#5a44a8", "#a99af0"),
    Role.SERVING_FILL: Shade("#e2f3f1", "#15312d"),
    Role.SERVING_ACCENT: _text("#00796b", "#5fcfbf"),
    Role.EVALUATION_FILL: Shade("#fff1e0", "#3a2a15"),
    Role.EVALUATION_ACCENT: _text("#a14e00", "#f5a45a"),
    Role.MONITORING_FILL: Shade("#fdf6dc", "#36301a"),
    Role.MONITORING_ACCENT: _text("#765d00", "#e0c45a"),
    Role.COMPLIANCE_FILL: Shade("#fde8ea", "#3d1f21"),
    Role.COMPLIANCE_ACCENT: _text("#b3261e", "#f28b82"),
    Role.UX_FILL: Shade("#e7f5e8", "#1f3521"),
    Role.UX_ACCENT: _text("#2a7130", "#81c784"),
    Role.INTEGRATION_FILL: Shade("#e0f5f8", "#15333a"),
    Role.INTEGRATION_ACCENT: _text("#006d77", "#5ccfdc"),
    Role.OTHER_FILL: Shade("#eeeeee", "#2e2e2e"),
    Role.OTHER_ACCENT: _text("#616161", "#bdbdbd"),
}

# category -> (pale fill, strong accent for the stripe, the tag and the legend);
# an accent is read on the window (legend), on its fill and on the surface (tag)
CATEGORY_ROLES: dict[Category, tuple[Role, Role]] = {
    Category.DATA: (Role.DATA_FILL, Role.DATA_ACCENT),
    Category.MODEL: (Role.MODEL_FILL, Role.MODEL_ACCENT),
    Category.RETRIEVAL: (Role.RETRIEVAL_FILL, Role.RETRIEVAL_ACCENT),
    Category.SERVING: (Role.SERVING_FILL, Role.SERVING_ACCENT),
    Category.EVALUATION: (Role.EVALUATION_FILL, Role.EVALUATION_ACCENT),
    Category.MONITORING: (Role.MONITORING_FILL, Role.MONITORING_ACCENT),
    Category.COMPLIANCE: (Role.COMPLIANCE_FILL, Role.COMPLIANCE_ACCENT),
    Category.UX: (Role.UX_FILL, Role.UX_ACCENT),
    Category.INTEGRATION: (Role.INTEGRATION_FILL, Role.INTEGRATION_ACCENT),
    Category.OTHER: (Role.OTHER_FILL, Role.OTHER_ACCENT),
}

# Where words are read: every plain text role on every plain ground, and the pairs of
# boxes, badges, tags, cells and graph boxes; a test holds each pair to 4.5:1 in every scheme.
PLAIN_TEXT = (Role.TEXT, Role.MUTED, Role.ERROR, Role.WARNING, Role.OK, Role.SELECTION)
PLAIN_GROUNDS = (
    Role.WINDOW,
    Role.SURFACE,
    Role.PANEL,  # the steps' sidebar, the score card, findings
    Role.BUTTON,
    Role.LIST_SELECTED,
    Role.LIST_HOVER,
    Role.GOOD_TINT,  # the smallest-scope box, "best" cells, a Go verdict
    Role.CAUTION_TINT,
    Role.BAD_TINT,
)
SPECIAL_PAIRS = (
    (Role.HIGHLIGHT_TEXT, Role.HIGHLIGHT),
    (Role.INFO_TEXT, Role.INFO_FILL),
    (Role.NOTICE_TEXT, Role.NOTICE_FILL),
    (Role.ERROR, Role.NOTICE_FILL),
    (Role.GOOD_TEXT, Role.GOOD_FILL),
    (Role.CAUTION_TEXT, Role.CAUTION_FILL),
    (Role.BAD_TEXT, Role.BAD_FILL),
    (Role.ERROR, Role.BAD_FILL),  # a high finding's tag
    (Role.GOOD_TEXT, Role.GOOD_TINT),
    (Role.CAUTION_TEXT, Role.CAUTION_TINT),
    (Role.BAD_TEXT, Role.BAD_TINT),
    (Role.GOOD_TEXT, Role.SURFACE),  # the verdict's badge
    (Role.CAUTION_TEXT, Role.SURFACE),
    (Role.BAD_TEXT, Role.SURFACE),
    (Role.FRONTIER, Role.SURFACE),  # the chart
    (Role.SLICE, Role.SURFACE),
    (Role.SCOPE_RING, Role.SURFACE),
)
HEATS = (Role.HEAT_SEVERE, Role.HEAT_HIGH, Role.HEAT_MEDIUM, Role.HEAT_LOW)


def read_pairs() -> list[tuple[Role, Role]]:
    """Every (text, ground) pair the window writes words in."""
    pairs = [(text, ground) for text in PLAIN_TEXT for ground in PLAIN_GROUNDS]
    pairs += SPECIAL_PAIRS
    pairs += [(text, heat) for heat in HEATS for text in (Role.TEXT, Role.MUTED, Role.BAD_TEXT)]
    for fill, accent in CATEGORY_ROLES.values():  # a graph box, its tag and the legend
        pairs += [(Role.TEXT, fill), (Role.MUTED, fill), (accent, fill)]
        pairs += [(accent, Role.SURFACE), (accent, Role.WINDOW)]
    return pairs


class Appearance(Enum):
    """The user's choice of colours; the value is what the settings keep."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"
    HIGH_CONTRAST = "high contrast"


APPEARANCE_WORDS = {
    Appearance.SYSTEM: "Same as the system",
    Appearance.LIGHT: "Light",
    Appearance.DARK: "Dark",
    Appearance.HIGH_CONTRAST: "High contrast",
}


@dataclass(frozen=True)
class Scheme:
    """The colours in effect: dark or light, and with high contrast or not."""

    dark: bool = False
    strong: bool = False


SCHEMES = (Scheme(), Scheme(dark=True), Scheme(strong=True), Scheme(dark=True, strong=True))


def _mix(colour: str, toward: str, share: float) -> str:
    one, other = QColor(colour), QColor(toward)
    channels = (
        round(getattr(one, c)() + (getattr(other, c)() - getattr(one, c)()) * share)
        for c in ("red", "green", "blue")
    )
    return "#" + "".join(f"{c:02x}" for c in channels)


def _is_ground(role: Role) -> bool:
    name = role.name
    return name.endswith(("_FILL", "_TINT", "_SELECTED", "_HOVER")) or name.startswith(
        ("HEAT_", "WINDOW", "SURFACE", "PANEL", "BUTTON", "HIGHLIGHT")
    )


def value(role: Role, dark: bool, strong: bool = False) -> str:
    """The role's colour as ``#rrggbb`` in the light or dark scheme, with high contrast or not.

    High contrast keeps each hue: grounds move toward the scheme's extreme (white in
    light, black in dark), words, lines and marks toward the opposite one.
    """
    shade = SHADES[role]
    base = shade.dark if dark else shade.light
    if not strong or role in (Role.HIGHLIGHT, Role.HIGHLIGHT_TEXT):
        return base
    ground, ink = ("#000000", "#ffffff") if dark else ("#ffffff", "#000000")
    if _is_ground(role):
        return _mix(base, ground, 0.6 if role.name.startswith(("WINDOW", "SURFACE")) else 0.45)
    return _mix(base, ink, 0.45 if shade.text else 0.35)


def _system_scheme() -> Scheme:
    """What the system asks for: Qt's colour scheme, else the lightness of its palette."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return Scheme()
    hints = app.styleHints()
    chosen = hints.colorScheme()
    if chosen == Qt.ColorScheme.Unknown:
        window = _state.system_palette if _state.system_palette is not None else app.palette()
        dark = window.color(QPalette.ColorRole.Window).lightness() < 128
    else:
        dark = chosen == Qt.ColorScheme.Dark
    accessibility = getattr(hints, "accessibility", None)  # Qt 6.10
    strong = False
    if accessibility is not None:
        strong = accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast
    return Scheme(dark=dark, strong=strong)


def scheme_for(choice: Appearance) -> Scheme:
    """The scheme a choice of appearance puts in effect now."""
    system = _system_scheme()
    if choice is Appearance.LIGHT:
        return Scheme(strong=system.strong)
    if choice is Appearance.DARK:
        return Scheme(dark=True, strong=system.strong)
    if choice is Appearance.HIGH_CONTRAST:
        return Scheme(dark=system.dark, strong=True)
    return system


class _Notifier(QObject):
    restyle = Signal()  # style sheets first,
    changed = Signal()  # then painted views and models


class _State:
    """The choice, the scheme in effect and the system's palette before ours replaced it."""

    def __init__(self) -> None:
        self.choice = Appearance.SYSTEM
        self.scheme: Scheme | None = None  # None until ``use``: the system's
        self.system_palette: QPalette | None = None
        self.following = False
        self.notifier = _Notifier()


_state = _State()
changed = _state.notifier.changed
"""Emitted after the scheme changed and every style sheet given to ``style`` was rewritten."""


def current() -> Scheme:
    """The scheme in effect: the one ``use`` put in effect, else the system's."""
    return _state.scheme if _state.scheme is not None else _system_scheme()


def is_dark() -> bool:
    """Whether the window is dark now (no application yet: light)."""
    return current().dark


def palette(scheme: Scheme) -> QPalette:
    """Qt's palette for ``scheme``, from the theme's roles (Fusion draws with it)."""

    def colour(role: Role) -> QColor:
        return QColor(value(role, scheme.dark, scheme.strong))

    group = QPalette.ColorGroup
    kind = QPalette.ColorRole
    result = QPalette()
    button = colour(Role.BUTTON)
    for role, source in (
        (kind.Window, Role.WINDOW),
        (kind.WindowText, Role.TEXT),
        (kind.Base, Role.SURFACE),
        (kind.AlternateBase, Role.PANEL),
        (kind.Text, Role.TEXT),
        (kind.Button, Role.BUTTON),
        (kind.ButtonText, Role.TEXT),
        (kind.BrightText, Role.ERROR),
        (kind.Highlight, Role.HIGHLIGHT),
        (kind.HighlightedText, Role.HIGHLIGHT_TEXT),
        (kind.ToolTipBase, Role.PANEL),
        (kind.ToolTipText, Role.TEXT),
        (kind.PlaceholderText, Role.MUTED),
        (kind.Link, Role.SELECTION),
        (kind.LinkVisited, Role.SELECTION),
        (kind.Mid, Role.LINE),
        (kind.Accent, Role.HIGHLIGHT),
    ):
        result.setColor(role, colour(source))
    border = colour(Role.PANEL_BORDER if not scheme.strong else Role.LINE)
    result.setColor(kind.Light, button.lighter(125))
    result.setColor(kind.Midlight, button.lighter(110))
    result.setColor(kind.Dark, border.darker(120) if not scheme.dark else border)
    result.setColor(kind.Shadow, QColor(value(Role.TEXT, not scheme.dark)))
    for role in (kind.WindowText, kind.Text, kind.ButtonText, kind.PlaceholderText):
        result.setColor(group.Disabled, role, colour(Role.DISABLED_TEXT))
    result.setColor(group.Disabled, kind.Highlight, colour(Role.LINE))
    return result


class _Restyler(QObject):
    """Kept as a child of a widget: writes its style sheet again when the scheme changes."""

    def __init__(self, widget: QWidget, make_css: Callable[[], str]) -> None:
        super().__init__(widget)
        self.setObjectName(RESTYLER)
        self.make_css = make_css
        _state.notifier.restyle.connect(self.apply)

    def apply(self) -> None:
        widget = self.parent()
        if isinstance(widget, QWidget):
            widget.setStyleSheet(self.make_css())


RESTYLER = "themeRestyler"


def style(widget: QWidget, make_css: Callable[[], str]) -> None:
    """Give ``widget`` the style sheet ``make_css()``, now and whenever the scheme changes."""
    found = widget.findChild(QObject, RESTYLER, Qt.FindChildOption.FindDirectChildrenOnly)
    if isinstance(found, _Restyler):
        found.make_css = make_css
        found.apply()
    else:
        _Restyler(widget, make_css).apply()


def no_style() -> str:
    """No style sheet of its own: for ``style`` where a widget goes back to plain."""
    return ""


def use(chosen: Appearance) -> None:
    """Put the choice in effect: Fusion with the theme's palette; restyle and repaint on change."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _state.system_palette is None:
        _state.system_palette = QPalette(app.palette())
    if not _state.following:
        _state.following = True
        hints = app.styleHints()
        hints.colorSchemeChanged.connect(_on_system_changed)
        accessibility = getattr(hints, "accessibility", None)
        if accessibility is not None:
            accessibility().contrastPreferenceChanged.connect(_on_system_changed)
    _state.choice = chosen
    scheme = scheme_for(chosen)
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    before, _state.scheme = _state.scheme, scheme
    if scheme != before:
        app.setPalette(palette(scheme))
        app.setStyleSheet(_indicator_style(scheme))
        _cache.clear()
        _rewrite_style_sheets(app)
        _state.notifier.restyle.emit()
        changed.emit()


def _indicator_style(scheme: Scheme) -> str:
    """An unchecked box's edge in the theme's line colour: Fusion draws it from the window
    colour darkened, which vanishes on a dark window. Checked boxes stay Fusion's own."""
    if not scheme.dark:
        return ""
    line, ground = value(Role.LINE, True, scheme.strong), value(Role.SURFACE, True, scheme.strong)
    return (
        "QCheckBox::indicator:unchecked, QAbstractItemView::indicator:unchecked "
        f"{{ border: 1px solid {line}; background: {ground}; border-radius: 2px;"
        " width: 12px; height: 12px; }"
    )


def _rewrite_style_sheets(app: QApplication) -> None:
    """A widget with a style sheet keeps the palette it had when the sheet was set, and
    ``palette(placeholder-text)`` is read only then: set every sheet again."""
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)


def _on_system_changed(*_: object) -> None:
    use(_state.choice)


def hex(role: Role) -> str:
    """The role's current colour as ``#rrggbb``, for style sheets and rich text."""
    scheme = current()
    return value(role, scheme.dark, scheme.strong)


_cache: dict[tuple[Role, Scheme, int], QColor] = {}


def color(role: Role, alpha: int = 255) -> QColor:
    """The role's current colour for painting; ``alpha`` below 255 lets what lies under show."""
    key = (role, current(), alpha)
    found = _cache.get(key)
    if found is None:
        found = QColor(value(role, key[1].dark, key[1].strong))
        found.setAlpha(alpha)
        _cache[key] = found
    return QColor(found)


def category_fill(category: Category) -> Role:
    return CATEGORY_ROLES[category][0]


def category_accent(category: Category) -> Role:
    return CATEGORY_ROLES[category][1]


def _box_style(fill: Role, border: Role, text: Role) -> str:
    return (
        f"background: {hex(fill)}; border: 1px solid {hex(border)}; border-radius: 4px;"
        f" color: {hex(text)};"
    )


def notice_style() -> str:
    """A style sheet for a box that advises (read-only steps, notices on an item)."""
    return _box_style(Role.NOTICE_FILL, Role.NOTICE_BORDER, Role.NOTICE_TEXT)


def info_style() -> str:
    """A style sheet for a box that explains (what a regulated industry implies)."""
    return _box_style(Role.INFO_FILL, Role.INFO_BORDER, Role.INFO_TEXT)


def coloured(html: str, role: Role) -> str:
    """Rich text in the role's current colour: ``<span style='color:#b00020'>…</span>``."""
    return f"<span style='color:{hex(role)}'>{html}</span>"


def text_style(role: Role, *, bold: bool = False) -> str:
    """A style sheet for a label's text in the role's current colour."""
    return f"color: {hex(role)};" + (" font-weight: bold;" if bold else "")
