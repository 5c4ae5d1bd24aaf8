"""A section's table follows from its declared columns: header, alignment, cells and tints."""

from __future__ import annotations

from typing import NamedTuple

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.platypus import Paragraph

from scoping_app.report.section_table import Column, Markup, SectionTable
from scoping_app.report.styles import WARN_TINT, make_styles


class Item(NamedTuple):
    name: str
    count: int
    tags: tuple[str, ...] = ()


COLUMNS: tuple[Column[Item], ...] = (
    Column("Name", 0.5, lambda item: item.name, none="nameless"),
    Column(
        "Count",
        0.2,
        lambda item: str(item.count),
        right=True,
        tint=lambda item: WARN_TINT if item.count == 0 else None,
    ),
    Column("Tags", 0.3, lambda item: item.tags or Markup("<b>untagged</b>")),
)


def _text(cell: object) -> str:
    assert isinstance(cell, Paragraph)
    return cell.text


def _alignment(cell: object) -> int:
    assert isinstance(cell, Paragraph)
    return cell.style.alignment


def test_a_right_aligned_column_aligns_its_header_and_its_cells() -> None:
    table = SectionTable(COLUMNS, make_styles(), [Item("A", 3)])
    header, row = table.rows
    assert [_alignment(h) for h in header] == [TA_LEFT, TA_RIGHT, TA_LEFT]
    assert [_text(h) for h in header] == ["Name", "Count", "Tags"]
    assert [_alignment(c) for c in row] == [TA_LEFT, TA_RIGHT, TA_LEFT]
    assert table.shares == (0.5, 0.2, 0.3)


def test_text_is_escaped_markup_is_kept_and_a_tuple_is_bulleted() -> None:
    table = SectionTable(COLUMNS, make_styles(), [Item("R&D", 1), Item("B", 2, ("x", "y"))])
    first, second = table.rows[1:]
    assert _text(first[0]) == "R&amp;D"
    assert _text(first[2]) == "<b>untagged</b>"
    assert isinstance(second[2], list)
    assert [p.bulletText for p in second[2]] == ["•", "•"]
    assert [_text(p) for p in second[2]] == ["x", "y"]


def test_blank_text_shows_the_columns_word_for_none() -> None:
    table = SectionTable(COLUMNS, make_styles(), [Item("  ", 1)])
    assert "nameless" in _text(table.rows[1][0])


def test_only_the_cells_a_column_tints_are_tinted() -> None:
    table = SectionTable(COLUMNS, make_styles(), [Item("A", 1), Item("B", 0)])
    table.add_cells(["Total", "1", ""])
    assert table.extra == [("BACKGROUND", (1, 2), (1, 2), WARN_TINT)]
    assert len(table.rows) == 4
