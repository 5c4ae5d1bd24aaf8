"""The theme: every colour of the window is a named role, readable in light and in dark."""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from scoping_app.domain.enums import Category
from scoping_app.ui import theme
from scoping_app.ui.theme import READ_ON, SHADES, WINDOW, Role

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
    assert all(SHADES[role].text for role in READ_ON)
    for role, shade in SHADES.items():
        assert QColor(shade.light).isValid() and QColor(shade.dark).isValid(), role
        assert shade.light.lower() != shade.dark.lower(), role


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_text_is_readable_on_what_it_is_read_on(dark: bool) -> None:
    weak = []
    for role, shade in SHADES.items():
        if not shade.text:
            continue
        background = SHADES[READ_ON[role]] if role in READ_ON else WINDOW
        text = shade.dark if dark else shade.light
        ground = background.dark if dark else background.light
        if contrast(text, ground) < 3:
            weak.append(f"{role.name} on {ground}: {contrast(text, ground):.2f}")
    assert not weak, weak


def test_dark_surfaces_are_dark_and_light_ones_light() -> None:
    for role in (Role.SURFACE, Role.PANEL, Role.GOOD_TINT, Role.HEAT_SEVERE, Role.DATA_FILL):
        assert QColor(SHADES[role].light).lightness() > 128, role
        assert QColor(SHADES[role].dark).lightness() < 128, role


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_category_has_a_fill_and_an_accent_readable_on_it(dark: bool) -> None:
    for category in Category:
        fill, accent = theme.category_fill(category), theme.category_accent(category)
        assert fill.name.endswith("_FILL") and accent.name.endswith("_ACCENT")
        for ground in (fill, Role.SURFACE):
            ratio = contrast(theme.value(accent, dark), theme.value(ground, dark))
            assert ratio >= 3, (category, ground, ratio)
    assert len({theme.category_accent(c) for c in Category}) == len(Category)


def test_the_colours_follow_the_palette(qapp: Any) -> None:
    before = QGuiApplication.palette()
    assert not theme.is_dark()
    assert theme.hex(Role.ERROR) == "#b00020"
    assert theme.color(Role.LINE, alpha=80).alpha() == 80
    dark = QPalette(before)
    dark.setColor(QPalette.ColorRole.Window, QColor(WINDOW.dark))
    QGuiApplication.setPalette(dark)
    try:
        assert theme.is_dark()
        assert theme.hex(Role.ERROR) == SHADES[Role.ERROR].dark
        assert theme.color(Role.SURFACE) == QColor(SHADES[Role.SURFACE].dark)
        assert SHADES[Role.NOTICE_TEXT].dark in theme.notice_style()
        assert theme.coloured("over", Role.ERROR) == (
            f"<span style='color:{SHADES[Role.ERROR].dark}'>over</span>"
        )
    finally:
        QGuiApplication.setPalette(before)
    assert theme.color(Role.SURFACE) == QColor("#ffffff")
