"""The plan's tables: grid and label-value tables that keep their rows together, and grid
tables fitted to their content."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import cast

from reportlab.platypus import Flowable, TableStyle

from scoping_app.report.blocks import Box
from scoping_app.report.fonts import REGULAR
from scoping_app.report.page_breaks import RowKeepingTable
from scoping_app.report.styles import ACCENT, ACCENT_TINT, GRID
from scoping_app.report.table_fitting import Fitted, fit_rows


def row_keeping_table(
    rows: Sequence[Sequence[object]], col_widths: Sequence[float], box: Box, **options: object
) -> RowKeepingTable:
    table = RowKeepingTable(
        [list(row) for row in rows], colWidths=list(col_widths), hAlign="LEFT", **options
    )
    table.page_height = box.height
    # Plain-string cells (empty ones) would otherwise be set in an unembedded Helvetica.
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8.5)]))
    return table


def grid_table(
    rows: Sequence[Sequence[object]],
    col_widths: Sequence[float],
    box: Box,
    *,
    header_rows: int = 1,
    extra: Sequence[tuple[object, ...]] = (),
) -> RowKeepingTable:
    """A table with a light grid and a tinted header, repeated on every page it runs onto."""
    table = row_keeping_table(rows, col_widths, box, repeatRows=header_rows)
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), ACCENT_TINT),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 1, ACCENT),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "BOTTOM"),
        ]
    table.setStyle(TableStyle([*commands, *extra]))
    return table


def facts_table(
    rows: Sequence[tuple[Flowable, Flowable]], col_widths: Sequence[float], box: Box
) -> RowKeepingTable:
    """Label and value pairs with a hairline under each row and no grid."""
    table = row_keeping_table(rows, col_widths, box)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, GRID),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def _moved_commands(
    fitted: Fitted, extra: Sequence[tuple[object, ...]], columns: int
) -> list[tuple[object, ...]]:
    """``extra`` for the new row numbers, and the commands of the full-width rows."""
    commands: list[tuple[object, ...]] = []
    below_of = fitted.moved
    for command in extra:
        name, start, end, *rest = command
        (c0, r0), (c1, r1) = cast(tuple[tuple[int, int | str], tuple[int, int | str]], (start, end))
        r0 = fitted.new_row[r0] if isinstance(r0, int) and r0 >= 0 else r0
        r1 = fitted.new_row[r1] if isinstance(r1, int) and r1 >= 0 else r1
        whole_row = c0 == 0 and c1 in (-1, columns - 1)
        if whole_row and isinstance(r1, int) and r1 >= 0 and r1 in below_of:
            r1 = below_of[r1]  # a whole row's look goes to its full-width row too
        commands.append((name, (c0, r0), (c1, r1), *rest))
    for row, below in below_of.items():
        commands += [
            ("SPAN", (0, below), (-1, below)),
            ("NOSPLIT", (0, row), (-1, below)),
            ("LINEABOVE", (0, below), (-1, below), 0.5, GRID, 0, (1, 2)),
            ("TOPPADDING", (0, below), (-1, below), 3),
        ]
    return commands


def fitted_table(
    rows: Sequence[Sequence[object]],
    shares: Sequence[float],
    box: Box,
    *,
    extra: Sequence[tuple[object, ...]] = (),
    keep: Collection[int] = (),
) -> RowKeepingTable:
    """A grid table whose columns are as wide as their content asks (see fit_rows)."""
    (fitted,), column_widths = fit_rows([rows], shares, box, keep=keep)
    return grid_table(
        fitted.rows,
        column_widths,
        box,
        extra=_moved_commands(fitted, extra, len(shares)),
    )


def fitted_tables(
    tables: Sequence[Sequence[Sequence[object]]],
    shares: Sequence[float],
    box: Box,
) -> list[RowKeepingTable]:
    """Grid tables that share their column widths, so that they read as one."""
    laid, column_widths = fit_rows(tables, shares, box)
    return [
        grid_table(fitted.rows, column_widths, box, extra=_moved_commands(fitted, (), len(shares)))
        for fitted in laid
    ]
