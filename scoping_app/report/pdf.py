"""Render a PlanReport as a PDF: cover, sections, running header and "page X of Y"."""

from __future__ import annotations

import dataclasses
import io
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)

from scoping_app import APP_NAME, __version__
from scoping_app.domain import words as fmt
from scoping_app.report import contents, scripts, sections
from scoping_app.report.audit import audit_story
from scoping_app.report.blocks import Box, markup
from scoping_app.report.business import business_story
from scoping_app.report.capabilities import capabilities_story
from scoping_app.report.comparison import comparison_story
from scoping_app.report.cover import cover_story
from scoping_app.report.data import data_story
from scoping_app.report.decisions import decisions_story
from scoping_app.report.deferred import deferred_story
from scoping_app.report.escape import escape
from scoping_app.report.failures import failures_story
from scoping_app.report.fonts import BOLD, REGULAR, undrawable
from scoping_app.report.good import good_story
from scoping_app.report.graph import graph_story
from scoping_app.report.model import PlanReport
from scoping_app.report.page_breaks import HeadingGroup
from scoping_app.report.premortem import premortem_story
from scoping_app.report.recommended import recommended_story
from scoping_app.report.scripts import clean
from scoping_app.report.styles import GRID, MUTED, TEXT, Styles, make_styles
from scoping_app.report.summary import summary_story

PAGE_SIZES = {"A4": A4, "LETTER": LETTER}
SUBJECT = (
    "AI scoping plan: the recommended scope, the go/no-go gate, data, metrics, decisions, "
    "dependencies, slices, failure modes, risks and readiness"
)
UNDRAWABLE_NOTE = "Some characters could not be drawn with the fonts at hand"

Section = Callable[[PlanReport, Styles, Box], list[Flowable]]
STORIES: dict[str, Section] = {
    sections.SUMMARY: summary_story,
    sections.RECOMMENDED: recommended_story,
    sections.BUSINESS: business_story,
    sections.DATA: data_story,
    sections.GOOD: good_story,
    sections.DECISIONS: decisions_story,
    sections.GRAPH: graph_story,
    sections.CAPABILITIES: capabilities_story,
    sections.SLICES: comparison_story,
    sections.FAILURES: failures_story,
    sections.PREMORTEM: premortem_story,
    sections.AUDIT: audit_story,
    sections.DEFERRED: deferred_story,
}

# Sections that need not start a page of their own.
_FLOWING = frozenset({sections.DATA, sections.GOOD, sections.DECISIONS})
# The contents follow the first of these the plan has (else the cover).
_CONTENTS_AFTER = ("brief", sections.SUMMARY)

_MARGIN_X = 20 * mm
_MARGIN_TOP = 24 * mm
_MARGIN_BOTTOM = 22 * mm


def render_pdf(
    report: PlanReport,
    *,
    page_size: str = "A4",
    progress: Callable[[float], None] | None = None,
) -> bytes:
    """The plan as the bytes of a PDF file; writing them is the caller's (services.export).

    ``page_size`` is "A4" or "Letter". ``progress`` is told the share done (0 to 1) as
    the pages are laid out; it may raise any exception to stop the rendering, which then propagates.
    """
    size = PAGE_SIZES.get(page_size.strip().upper())
    if size is None:
        raise ValueError(f"Unknown page size {page_size!r}: use A4 or Letter.")
    buffer = io.BytesIO()
    _render(report, buffer, size, progress)
    return buffer.getvalue()


def _render(
    report: PlanReport,
    output: BinaryIO,
    size: tuple[float, float],
    progress: Callable[[float], None] | None = None,
) -> None:
    styles = make_styles()
    width, height = size
    box = Box(width - 2 * _MARGIN_X, height - _MARGIN_TOP - _MARGIN_BOTTOM)
    frame = Frame(
        _MARGIN_X,
        _MARGIN_BOTTOM,
        box.width,
        box.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc = BaseDocTemplate(
        output,
        pagesize=size,
        leftMargin=_MARGIN_X,
        rightMargin=_MARGIN_X,
        topMargin=_MARGIN_TOP,
        bottomMargin=_MARGIN_BOTTOM,
        # No control character reaches the metadata (a NUL would cut the title short).
        title=clean(report.title, one_line=True),
        author=clean(report.author, one_line=True),
        subject=clean(SUBJECT, one_line=True),
        creator=f"{APP_NAME} {__version__}",
        lang="en",
        # Without this every page would also reference an unembedded Helvetica.
        initialFontName=REGULAR,
        displayDocTitle=True,
        pageTemplates=[
            _cover_template(report, styles, box),
            PageTemplate(id="body", frames=[frame]),
        ],
    )
    # Overflowing cover text continues on body pages, which carry the running header.
    # A heading and what follows it start on one page, without pushing a long table over.
    doc.keepTogetherClass = HeadingGroup
    story: list[Flowable] = [NextPageTemplate("body")]
    story += cover_story(report, styles, box)
    chosen = report.sections or sections.ALL
    # The contents come after the brief, else after the summary, else after the cover.
    after = next((section for section in _CONTENTS_AFTER if section in chosen), None)
    contents_at = len(story) if after is None else -1
    for section in chosen:
        if section in _FLOWING and len(story) > 1 and contents_at != len(story):
            # Short sections follow the one before when a good part of the page is left.
            story += [Spacer(1, 18), CondPageBreak(box.height * 0.3)]
        else:
            story.append(PageBreak())
        story += STORIES[section](report, styles, box)
        if section == after:
            contents_at = len(story)
    heading = markup(contents.TITLE, styles.h1)
    story[contents_at:contents_at] = [PageBreak(), heading]
    entries = contents.mark_headings(story, heading)
    story.insert(contents_at + 2, contents.Contents(entries, box.width))
    total = len(story)
    laid_out = iter(range(1, total + 1))

    def after_flowable(flowable: Flowable) -> None:
        entries = contents.entries_of(flowable)
        if entries:
            # A heading's top (or its container's): the frame's cursor is below it and its
            # space after.
            top = doc.frame._y + flowable.getSpaceAfter() + getattr(flowable, "height", 0)
            for entry in entries:
                doc.canv.hold_mark(entry, top + 4)
        if progress is not None:
            progress(min(next(laid_out, total) / total, 1.0))

    doc.afterFlowable = after_flowable
    doc.build(story, canvasmaker=_canvas_maker(report))


def _cover_template(report: PlanReport, styles: Styles, box: Box) -> PageTemplate:
    """The cover's page; when some characters could not be drawn, its foot names them.

    The note is set below a frame shortened to make room, so that it is on the first page
    however long the cover runs, beside the title that may show the □.
    """
    missing = undrawable("".join(_user_text(report)))
    note = markup(_undrawable_note(missing), styles.muted) if missing else None
    room = note.wrap(box.width, box.height)[1] + 12 if note is not None else 0.0
    cover_frame = Frame(
        _MARGIN_X,
        _MARGIN_BOTTOM + room,
        box.width,
        box.height - room,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="cover",
    )

    if note is None:
        return PageTemplate(id="cover", frames=[cover_frame])

    def draw_note(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        note.drawOn(canvas, _MARGIN_X, _MARGIN_BOTTOM)

    return PageTemplate(id="cover", frames=[cover_frame], onPage=draw_note)


def _undrawable_note(missing: list[str]) -> str:
    """The note that names, by code point and Unicode name, what the font could not draw."""
    shown = [
        f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')}" for char in missing[:40]
    ]
    if len(missing) > 40:
        shown.append(f"and {len(missing) - 40} more")
    return (
        f"<b>Note.</b> {UNDRAWABLE_NOTE}: {escape(', '.join(shown))}. "
        "Each is shown as □ where it occurs."
    )


def _user_text(value: object) -> Iterator[str]:
    """Every string of the report model, walked through its dataclasses and tuples."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from _user_text(getattr(value, item.name))
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _user_text(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _user_text(item)


def _canvas_maker(report: PlanReport) -> Callable[..., Canvas]:
    def make(*args: Any, **kwargs: Any) -> Canvas:
        return _NumberedCanvas(*args, decorate=_page_decorator(report), **kwargs)

    return make


class _NumberedCanvas(Canvas):
    """Holds every page back until the end, so each can say "page X of Y".

    It also holds the headings drawn on each page (``hold_mark``) and the places where the
    contents wants their page numbers (``hold_number``): only at the end, page by page as
    the PDF is written, are the bookmarks bound to their pages (a bookmark needs its page
    to be the document's current one), the outline written and the numbers drawn.
    """

    def __init__(
        self, *args: Any, decorate: Callable[[Canvas, int, int], None], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict[str, Any]] = []
        self._decorate = decorate
        self._marks: list[tuple[contents.Entry, float]] = []
        self._numbers: list[tuple[str, float, float, str, float]] = []

    def hold_mark(self, entry: contents.Entry, top: float) -> None:
        """A heading drawn on this page, its top ``top`` points up from the page's foot."""
        self._marks.append((entry, top))

    def hold_number(self, key: str, right: float, baseline: float, font: str, size: float) -> None:
        """Draw the page number of heading ``key`` here, right-aligned, once it is known."""
        self._numbers.append((key, right, baseline, font, size))

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._marks, self._numbers = [], []
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        pages = {
            entry.key: state["_pageNumber"]
            for state in self._held_pages
            for entry, _top in state["_marks"]
        }
        for state in self._held_pages:
            self.__dict__.update(state)
            for entry, top in self._marks:
                self.bookmarkHorizontalAbsolute(entry.key, top)
                self.addOutlineEntry(entry.title, entry.key, entry.level, closed=False)
            for key, right, baseline, font, size in self._numbers:
                if key in pages:
                    self.setFillColor(TEXT)
                    self.setFont(font, size)
                    self.drawRightString(right, baseline, str(pages[key]))
            self._decorate(self, self._pageNumber, total)
            super().showPage()
        if pages:
            # Viewers open the plan with its outline shown, sections open to subsections.
            self.showOutline()
        super().save()


def _page_decorator(report: PlanReport) -> Callable[[Canvas, int, int], None]:
    def decorate(canvas: Canvas, number: int, total: int) -> None:
        _draw_header_footer(canvas, report, number, total)

    return decorate


def _draw_header_footer(canvas: Canvas, report: PlanReport, number: int, total: int) -> None:
    width, height = canvas._pagesize
    left, right = _MARGIN_X, width - _MARGIN_X
    page_text = f"Page {number} of {total}"
    footer_y = _MARGIN_BOTTOM - 12 * mm
    canvas.saveState()
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 8)
    if number == 1:
        # The cover keeps only a quiet page count.
        canvas.drawRightString(right, footer_y, page_text)
        canvas.restoreState()
        return
    date_text = fmt.long_date(report.cover.report_date)
    header_y = height - _MARGIN_TOP + 9 * mm
    room = right - left - stringWidth(date_text, REGULAR, 8) - 24
    canvas.setFillColor(TEXT)
    canvas.setFont(BOLD, 8)
    name = scripts.fit(report.cover.project_name, BOLD, 8, room)
    scripts.draw_string(canvas, left, header_y, name, BOLD, 8)
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 8)
    canvas.drawRightString(right, header_y, date_text)
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.5)
    canvas.line(left, header_y - 5, right, header_y - 5)
    canvas.line(left, footer_y + 10, right, footer_y + 10)
    canvas.drawString(left, footer_y, "AI scoping plan")
    canvas.drawRightString(right, footer_y, page_text)
    canvas.restoreState()
