"""Exporting the PDF plan: the one use case the window and the command line both call.

The report builds the plan and renders it as bytes; here they are written with
the store's one atomic write, so the target is either the old file or the whole
new plan, never half of one. reportlab loads on the first export, not when this
module is imported, so that importing it costs a program's start-up nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from datetime import date
from typing import TYPE_CHECKING

from scoping_app.report.sections import ALL as SECTIONS
from scoping_app.report.sections import TITLES as SECTION_TITLES
from scoping_app.services.projects import ServiceError
from scoping_app.store.files import write_atomically

if TYPE_CHECKING:
    from scoping_app.domain.model import Project
    from scoping_app.report.model import PlanReport

__all__ = ["SECTIONS", "SECTION_TITLES", "ExportCancelled", "export_plan", "write_pdf"]

Progress = Callable[[float], None]


class ExportCancelled(Exception):
    """The user stopped the export (raised by the caller's ``progress``); nothing was written."""


def export_plan(
    project: Project,
    target: str | os.PathLike[str],
    *,
    page_size: str = "A4",
    recommended_slice: str | None = None,
    sections: Collection[str] | None = None,
    progress: Progress | None = None,
    today: date | None = None,
) -> None:
    """Build the plan of ``project`` and write it as a PDF to ``target``.

    ``recommended_slice`` is a slice's key or name (None: the smallest viable scope);
    ``sections`` the ids of the sections to include (None: all). ``progress`` is told
    the share done (0 once the plan is built, then up to 1 as pages are laid out) and
    may raise :class:`ExportCancelled` to stop. ``today`` is the day the plan is dated and
    its figures computed on (None: today). Raises
    :class:`ServiceError` in plain words for an unknown slice or section and for a
    file that cannot be written; the target is then left as it was.
    """
    from scoping_app.report import build_plan  # reportlab and the analysis load here

    try:
        plan = build_plan(
            project, recommended_slice=recommended_slice, sections=sections, today=today
        )
    except ValueError as error:
        raise ServiceError(str(error)) from error
    if progress is not None:
        progress(0.0)  # the caller may stop here, before any page is laid out
    try:
        write_pdf(plan, target, page_size=page_size, progress=progress)
    except OSError as error:
        raise ServiceError(f"Could not write {target}: {error.strerror or error}.") from error


def write_pdf(
    report: PlanReport,
    target: str | os.PathLike[str],
    *,
    page_size: str = "A4",
    progress: Progress | None = None,
) -> None:
    """Render ``report`` and write it to ``target`` atomically; nothing is written on a failure.

    ``page_size`` is "A4" or "Letter". Raises what rendering raises (ValueError for an
    unknown page size, ExportCancelled from ``progress``) and OSError from writing.
    """
    from scoping_app.report import render_pdf

    write_atomically(target, render_pdf(report, page_size=page_size, progress=progress))
