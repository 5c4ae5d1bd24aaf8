"""The theme: every colour is a named role, readable in light, dark and high contrast."""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from scoping_app.domain.enums import Category
from scoping_app.ui import theme
from scoping_app.ui.theme import SCHEMES, SHADES, Appearance, Role, Scheme

UI = Path(theme.__file__).resolve().parent
HEX = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3}(?:[0-9a-fA-F]{2})?)?\b")
NAMED = re.compile(
    r"\b(?:color|background|border)\s*:[^;'\"]*\b(?:white|black|red|green|blue|gray|grey|"
    r"orange|yellow|purple|pink|brown|navy|maroon|silver)\b",
    re.IGNORECASE,
)
CODE = re.compile(
    r"QColor\(\s*(?:['\"\d]|Qt\.)|QColor\.from(?:Rgb|Hsv|Hsl|String)|"
    r"Qt\.(?:GlobalColor\.)?(?:white|black|red|green|blue|cyan|magenta|yellow|gray|"
    r"darkGray|lightGray|darkRed|darkGreen|darkBlue|darkCyan|darkMagenta|darkYellow)\b|"
    r"\brgba?\("
)


def _colour_literals(path: Path) -> Iterator[str]:
    source = path.read_text(encoding="utf-8")
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.STRING:
            for pattern in (HEX, NAMED):
                for found in pattern.finditer(token.string):
                    yield f"line {token.start[0]}: {found.group()}"
        elif token.type == tokenize.NAME and token.string in {"QColor", "Qt", "rgb", "rgba"}:
            line = token.line[token.start[1] :]
            found = CODE.match(line)
            if found:
                yield f"line {token.start[0]}: {found.group()}"


def test_the_literal_finder_finds_what_it_looks_for(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'A = "#b00020"\nB = QColor(255, 0, 0)\nC = Qt.GlobalColor.red\n'
        "D = \"QLabel { background: white; }\"\nE = QColor('#fff')\n"
        'F = "QFrame#scoreCard { color: palette(text); }"  # an object name is no colour\n',
        encoding="utf-8",
    )
    lines = {found.split(":")[0] for found in _colour_literals(sample)}
    assert lines == {f"line {n}" for n in range(1, 6)}


def test_no_window_module_writes_a_colour_of_its_own() -> None:
    found = {
        str(path.relative_to(UI)): literals
        for path in sorted(UI.rglob("*.py"))
        if path.name != "theme.py" and (literals := list(_colour_literals(path)))
    }
    assert not found, found


def _luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    q = QColor(colour)
    return 0.2126 * linear(q.red()) + 0.7152 * linear(q.green()) + 0.0722 * linear(q.blue())


def contrast(one: str, other: str) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21."""
    lighter, darker = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_is_the_wcag_ratio() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_every_role_has_a_light_and_a_dark_value() -> None:
    assert set(SHADES) == set(Role)
    for role, shade in SHADES.items():
        assert QColor(shade.light).isValid() and QColor(shade.dark).isValid(), role
        assert shade.light.lower() != shade.dark.lower(), role


SCHEME_IDS = ["light", "dark", "light high contrast", "dark high contrast"]


@pytest.mark.parametrize("scheme", SCHEMES, ids=SCHEME_IDS)
def test_text_is_readable_on_everything_it_is_read_on(scheme: Scheme) -> None:
    weak = []
    for text, ground in theme.read_pairs():
        ink = theme.value(text, scheme.dark, scheme.strong)
        paper = theme.value(ground, scheme.dark, scheme.strong)
        if contrast(ink, paper) < 4.5:
            weak.append(f"{text.name} {ink} on {ground.name} {paper}: {contrast(ink, paper):.2f}")
    assert not weak, weak


def test_the_pairs_cover_every_text_role_and_the_grounds_words_sit_on() -> None:
    pairs = theme.read_pairs()
    texts = {text for text, _ in pairs}
    assert texts == {role for role, shade in SHADES.items() if shade.text}
    grounds = {ground for _, ground in pairs}
    for ground in (Role.PANEL, Role.GOOD_TINT, Role.GOOD_FILL, Role.HIGHLIGHT, Role.HEAT_SEVERE):
        assert ground in grounds  # sidebar, smallest-scope box and best cells, badges, selection
    assert all(theme.category_fill(c) in grounds for c in Category)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_high_contrast_is_stronger_than_the_plain_scheme(dark: bool) -> None:
    for text, ground in theme.read_pairs():
        plain = contrast(theme.value(text, dark), theme.value(ground, dark))
        strong = contrast(theme.value(text, dark, True), theme.value(ground, dark, True))
        assert strong >= min(plain, 7) - 0.01, (text, ground, plain, strong)


def test_dark_surfaces_are_dark_and_light_ones_light() -> None:
    for role in (Role.SURFACE, Role.PANEL, Role.GOOD_TINT, Role.HEAT_SEVERE, Role.DATA_FILL):
        for strong in (False, True):
            assert QColor(theme.value(role, False, strong)).lightness() > 128, role
            assert QColor(theme.value(role, True, strong)).lightness() < 128, role


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_category_has_a_fill_and_an_accent(dark: bool) -> None:
    for category in Category:
        fill, accent = theme.category_fill(category), theme.category_accent(category)
        assert fill.name.endswith("_FILL") and accent.name.endswith("_ACCENT")
        assert (accent, fill) in theme.read_pairs() and (accent, Role.SURFACE) in theme.read_pairs()
    assert len({theme.category_accent(c) for c in Category}) == len(Category)


@pytest.mark.parametrize("scheme", SCHEMES, ids=SCHEME_IDS)
def test_the_palette_is_built_from_the_roles(scheme: Scheme) -> None:
    palette = theme.palette(scheme)
    kind = QPalette.ColorRole
    for role, source in (
        (kind.Window, Role.WINDOW),
        (kind.Base, Role.SURFACE),
        (kind.Text, Role.TEXT),
    ):
        assert palette.color(role) == QColor(theme.value(source, scheme.dark, scheme.strong))
    assert (palette.color(kind.Window).lightness() < 128) == scheme.dark
    assert palette.color(kind.PlaceholderText) == QColor(
        theme.value(Role.MUTED, scheme.dark, scheme.strong)
    )


def test_the_colours_follow_the_choice(qapp: Any) -> None:
    theme.use(Appearance.LIGHT)
    try:
        assert not theme.is_dark()
        assert theme.hex(Role.ERROR) == "#b00020"
        assert theme.color(Role.LINE, alpha=80).alpha() == 80
        theme.use(Appearance.DARK)
        assert theme.is_dark()
        assert QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
        assert theme.hex(Role.ERROR) == SHADES[Role.ERROR].dark
        assert theme.color(Role.SURFACE) == QColor(SHADES[Role.SURFACE].dark)
        assert SHADES[Role.NOTICE_TEXT].dark in theme.notice_style()
        assert theme.coloured("over", Role.ERROR) == (
            f"<span style='color:{SHADES[Role.ERROR].dark}'>over</span>"
        )
        theme.use(Appearance.HIGH_CONTRAST)
        assert theme.current().strong
        assert theme.hex(Role.TEXT) == theme.value(Role.TEXT, False, True)
    finally:
        theme.use(Appearance.SYSTEM)
    assert theme.color(Role.SURFACE) == QColor("#ffffff")


def test_the_system_scheme_is_followed_live(qapp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the system turns dark (or asks for high contrast), the window follows at once."""
    hints = QGuiApplication.styleHints()
    theme.use(Appearance.SYSTEM)
    changes: list[bool] = []

    def note() -> None:
        changes.append(theme.is_dark())

    theme.changed.connect(note)
    try:
        monkeypatch.setattr(theme, "_system_scheme", lambda: Scheme(dark=True))
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert theme.is_dark() and changes == [True]
        assert QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
        monkeypatch.setattr(theme, "_system_scheme", lambda: Scheme(dark=True, strong=True))
        hints.accessibility().contrastPreferenceChanged.emit(Qt.ContrastPreference.HighContrast)
        assert theme.current() == Scheme(dark=True, strong=True)
        theme.use(Appearance.LIGHT)  # a choice of light keeps the system's contrast
        assert theme.current() == Scheme(strong=True)
    finally:
        theme.changed.disconnect(note)
        monkeypatch.undo()
        theme.use(Appearance.SYSTEM)
    assert not theme.is_dark()
