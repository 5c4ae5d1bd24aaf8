"""Every colour the window uses, as named roles with a light and a dark value.

Widgets never write a colour: they ask for a role, ``theme.color(Role.ERROR)`` for
painting, ``theme.hex(Role.ERROR)`` for a style sheet or rich text, at the moment they
draw, so the value follows the palette (dark when the window's background is dark).
Colour always repeats what words, marks or shapes already say.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from scoping_app.domain.enums import Category


class Role(Enum):
    """What a colour means; see ``SHADES`` for its values."""

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


# The window's own background in each scheme (Qt's palette, not ours): text roles are
# read on it unless they name the fill they sit on.
WINDOW = Shade("#efefef", "#2d2d2d")

SHADES: dict[Role, Shade] = {
    Role.TEXT: _text("#1d232a", "#e6e9ec"),
    Role.MUTED: _text("#56606b", "#a3adb8"),
    Role.ERROR: _text("#b00020", "#ff8a80"),
    Role.WARNING: _text("#b35c00", "#ffb74d"),
    Role.OK: _text("#2e7d32", "#81c784"),
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
    Role.HEAT_SEVERE: Shade("#f4b4b4", "#6b2a2a"),
    Role.HEAT_HIGH: Shade("#fbd9a6", "#5e4019"),
    Role.HEAT_MEDIUM: Shade("#fbf0b0", "#4d4619"),
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
    Role.EVALUATION_ACCENT: _text("#c25e00", "#f5a45a"),
    Role.MONITORING_FILL: Shade("#fdf6dc", "#36301a"),
    Role.MONITORING_ACCENT: _text("#8a6d00", "#e0c45a"),
    Role.COMPLIANCE_FILL: Shade("#fde8ea", "#3d1f21"),
    Role.COMPLIANCE_ACCENT: _text("#b3261e", "#f28b82"),
    Role.UX_FILL: Shade("#e7f5e8", "#1f3521"),
    Role.UX_ACCENT: _text("#2e7d32", "#81c784"),
    Role.INTEGRATION_FILL: Shade("#e0f5f8", "#15333a"),
    Role.INTEGRATION_ACCENT: _text("#00838f", "#5ccfdc"),
    Role.OTHER_FILL: Shade("#eeeeee", "#2e2e2e"),
    Role.OTHER_ACCENT: _text("#616161", "#bdbdbd"),
}

# text roles read on a fill of their own rather than on the window
READ_ON: dict[Role, Role] = {
    Role.TEXT: Role.SURFACE,
    Role.INFO_TEXT: Role.INFO_FILL,
    Role.NOTICE_TEXT: Role.NOTICE_FILL,
    Role.GOOD_TEXT: Role.GOOD_FILL,
    Role.CAUTION_TEXT: Role.CAUTION_FILL,
    Role.BAD_TEXT: Role.BAD_FILL,
    Role.FRONTIER: Role.SURFACE,
    Role.SLICE: Role.SURFACE,
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

_cache: dict[tuple[Role, bool, int], QColor] = {}


def is_dark() -> bool:
    """Whether the window's background is dark (no application yet: light)."""
    if QGuiApplication.instance() is None:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def value(role: Role, dark: bool) -> str:
    """The role's colour as ``#rrggbb`` in the light or the dark scheme."""
    shade = SHADES[role]
    return shade.dark if dark else shade.light


def hex(role: Role) -> str:
    """The role's current colour as ``#rrggbb``, for style sheets and rich text."""
    return value(role, is_dark())


def color(role: Role, alpha: int = 255) -> QColor:
    """The role's current colour for painting; ``alpha`` below 255 lets what lies under show."""
    key = (role, is_dark(), alpha)
    found = _cache.get(key)
    if found is None:
        found = QColor(value(role, key[1]))
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
