"""An open project: the guided path in a sidebar, and the page of the chosen step."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any, cast, overload

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from scoping_app.domain.completeness import Status, StepStatus, completeness
from scoping_app.domain.model import Project
from scoping_app.services.projects import Change
from scoping_app.ui import theme
from scoping_app.ui.dialogs import Dialogs
from scoping_app.ui.guide import CAPABILITIES_STEP, EXPORT_STEP, GUIDE, READINESS_STEP, SLICES_STEP
from scoping_app.ui.project_facts import ProjectFacts, project_facts, viable_slices
from scoping_app.ui.session import ProjectSession
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.record_table import Index
from scoping_app.ui.widgets.step_page import ALL_PARTS, StepPage
from scoping_app.ui.widgets.unsaved_bar import ElsewhereNote, UnsavedBar
from scoping_app.ui.workers import TaskRunner, after_next_paint, ignore_result

if TYPE_CHECKING:
    from scoping_app.ui.steps.capabilities.page import CapabilitiesStep
    from scoping_app.ui.steps.export.page import ExportStep
    from scoping_app.ui.steps.readiness.page import ReadinessStep
    from scoping_app.ui.steps.slices.page import SlicesStep

COMPLETION_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2  # a completeness.Status
HINT_ROLE = Qt.ItemDataRole.UserRole + 3  # what is missing, one line ("" when complete)
SIDEBAR_WIDTH = 248

MARKS = {Status.EMPTY: "○", Status.STARTED: "◐", Status.COMPLETE: "✓"}
STATUS_WORDS = {Status.EMPTY: "not started", Status.STARTED: "started", Status.COMPLETE: "complete"}
AUDITING, NOT_AUDITED = "auditing…", "not audited"  # the Readiness step's words meanwhile
MARK_COLOURS = {Status.EMPTY: Role.LINE, Status.STARTED: Role.WARNING, Status.COMPLETE: Role.OK}

STEPS_PACKAGE = "scoping_app.ui.steps"
STEP_PAGES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("project_info", "ProjectInfoStep", ("session",)),
    ("business_logic", "BusinessLogicStep", ("session",)),
    ("data", "DataStep", ("session",)),
    ("good", "DefinitionOfGoodStep", ("session",)),
    ("decisions", "DecisionsStep", ("session",)),
    ("capabilities", "CapabilitiesStep", ("session", "dialogs")),
    ("premortem", "PreMortemStep", ("session", "dialogs")),
    ("slices", "SlicesStep", ("session", "dialogs", "runner")),
    ("readiness", "ReadinessStep", ("runner",)),
    ("export", "ExportStep", ("runner",)),
)
"""Each step's page: its package under ``ui/steps``, its class and what it is built with.

A page's module loads on its step's first visit, or on a worker once the window is
painted (:func:`load_step_modules`): those of Capabilities, Slices, Readiness and
Export bring the analysis (numpy, HiGHS), which the first paint never waits for."""


def load_step_modules() -> None:
    """Import every step page's module (on a worker: a first visit then only builds)."""
    for module, _name, _needs in STEP_PAGES:
        import_module(f"{STEPS_PACKAGE}.{module}.page")


def prepare_visits(project: Project) -> None:
    """On a worker: every step page's module, and the dependency graph's layout, which the
    Capabilities step then finds remembered."""
    load_step_modules()
    from scoping_app.analysis.graph import remembered_layout  # numpy: after the first paint

    remembered_layout(project)


def fitted_count(count: str, title: str, metrics: QFontMetrics, width: int) -> str:
    """The words beside a step's title, shortened to their first part ("1.5" of "1.5 ·
    conditional") when the title would not fit whole beside them: the title comes first."""
    needed = metrics.horizontalAdvance(title) + metrics.horizontalAdvance(count)
    if needed <= width or " · " not in count:
        return count
    return count.split(" · ")[0]


class _StepDelegate(QStyledItemDelegate):
    """Draws a step as a mark (✓ ◐ ○), its title, its count on the right, and the hint below.

    The mark's shape carries the status (colour only repeats it), and the hint
    says in a few words what is missing; the full hint is also the tooltip.
    """

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        status = index.data(STATUS_ROLE)
        hint = index.data(HINT_ROLE) or ("Complete" if status == Status.COMPLETE else "")
        completion = index.data(COMPLETION_ROLE)
        strong = opt.palette.highlightedText().color() if selected else opt.palette.text().color()
        muted = opt.palette.highlightedText().color() if selected else theme.color(Role.MUTED)
        area = QRect(opt.rect).adjusted(10, 5, -10, -5)
        metrics = QFontMetrics(opt.font)
        line = metrics.height()

        painter.save()
        painter.setFont(opt.font)
        if status is not None:
            mark_font = QFont(opt.font)
            mark_font.setBold(True)
            painter.setFont(mark_font)
            painter.setPen(strong if selected else theme.color(MARK_COLOURS[status]))
            painter.drawText(
                QRect(area.left(), area.top(), 18, line),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                MARKS[status],
            )
            painter.setFont(opt.font)
        left = area.left() + 20
        right = area.right()
        if completion:
            painter.setPen(muted)
            count = fitted_count(str(completion), text, metrics, right - left - 8)
            width = metrics.horizontalAdvance(count)
            painter.drawText(
                QRect(right - width, area.top(), width, line),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                count,
            )
            right -= width + 8
        painter.setPen(strong)
        title = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0, right - left))
        painter.drawText(
            QRect(left, area.top(), right - left, line),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            title,
        )
        if hint:
            small = QFont(opt.font)
            small.setPointSizeF(max(7.0, opt.font.pointSizeF() * 0.88))
            small_metrics = QFontMetrics(small)
            painter.setFont(small)
            painter.setPen(muted)
            shown = small_metrics.elidedText(hint, Qt.TextElideMode.ElideRight, area.right() - left)
            painter.drawText(
                QRect(left, area.top() + line + 1, area.right() - left, small_metrics.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                shown,
            )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        line = QFontMetrics(option.font).height()
        return QSize(size.width(), max(size.height(), 2 * line + 14))


class ProjectView(QWidget):
    """The sidebar of the ten steps and their pages; refreshes from the session's one signal.

    A step's page is built on its first visit (the stack holds a placeholder until
    then). A built page that is hidden is not refreshed on every change: it is marked
    stale and brought up to date when it is shown (or asked for) again. The audit
    behind the Readiness step's words and the smallest viable scope ringed in the
    Capabilities graph are computed off the GUI thread once the view is painted, and
    again after every change; until the first answer the sidebar says "auditing…".
    """

    pdf_requested = Signal(str, object, object)  # page size, slice key or None, sections
    json_requested = Signal()
    pdf_cancel_requested = Signal()
    step_changed = Signal(int)

    def __init__(
        self,
        session: ProjectSession,
        dialogs: Dialogs,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        first_step: int = 0,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._dialogs, self._runner = dialogs, runner
        self._plan_written = False
        self._built: list[StepPage | None] = [None] * len(GUIDE)
        self._stale: dict[int, frozenset[str]] = {}  # hidden pages: the parts changed since
        self.facts: ProjectFacts | None = None  # the analysis' last answer
        self.facts_of: Project | None = None  # the state of the project it answered on
        # the viable slices of one state of the project: the sidebar asks again when the
        # audit answers, on the same state (a state is never changed in place)
        self._viable: tuple[Project | None, frozenset[str]] = (None, frozenset())
        self._facts_failed = False
        self._readiness_words = ""  # the readiness page's own words, once it has audited
        self.steps = _Steps(self)
        self.statuses: list[StepStatus] = []
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("stepsSidebar")
        self.sidebar.setAccessibleName("Steps")
        self.sidebar.setFixedWidth(SIDEBAR_WIDTH)
        self.sidebar.setItemDelegate(_StepDelegate(self.sidebar))
        theme.style(
            self.sidebar,
            lambda: (
                "QListWidget#stepsSidebar { border: none;"
                f" border-right: 1px solid {theme.hex(Role.PANEL_BORDER)};"
                f" background: {theme.hex(Role.PANEL)}; padding-top: 8px; }}"
                "QListWidget#stepsSidebar::item { padding-left: 10px; }"
            ),
        )
        self.pages = QStackedWidget(self)
        for number, step in enumerate(GUIDE, start=1):
            self.sidebar.addItem(QListWidgetItem(f"{number}.  {step.title}"))
            self.pages.addWidget(QWidget())  # the page's place until its first visit

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        # an edit the database could not store is told over the pages, with Retry and Discard
        self.unsaved_bar = UnsavedBar(session.unsaved, self)
        # another client's change, once shown: "Changed by Sam at 14:02", for a while
        self.elsewhere_note = ElsewhereNote(self)
        session.changed_elsewhere.connect(self.elsewhere_note.tell)
        session.deleted_elsewhere.connect(self.elsewhere_note.tell_deleted)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.unsaved_bar)
        column.addWidget(self.elsewhere_note)
        column.addWidget(self.pages, 1)
        layout.addLayout(column, 1)

        self.sidebar.currentRowChanged.connect(self._on_step_chosen)
        session.project_changed.connect(self._on_project_changed)
        theme.changed.connect(self._on_scheme_changed)
        self._update_completion()
        self.show_step(first_step if 0 <= first_step < len(GUIDE) else 0)
        after_next_paint(self, self._after_first_paint)

    def _after_first_paint(self) -> None:
        self._ask_facts()
        # the other steps' modules load on a worker meanwhile, so a first visit only builds
        project = self.session.project
        if self._built[CAPABILITIES_STEP] is None:
            self._runner.start(lambda: prepare_visits(project), ignore_result, ignore_result)
        else:
            self._runner.start(load_step_modules, ignore_result, ignore_result)

    # the pages, built on first use

    def page(self, index: int) -> StepPage:
        """Step ``index``'s page, built on first use and brought up to date when stale."""
        page = self._built[index]
        if page is None:
            page = self._build(index)
            self._built[index] = page
            placeholder = self.pages.widget(index)
            self.pages.insertWidget(index, page)
            if placeholder is not None:
                self.pages.removeWidget(placeholder)
                placeholder.deleteLater()
            self._connect(index, page)
            page.show_project(self.session.project, ALL_PARTS)
        elif index in self._stale:
            page.show_project(self.session.project, self._stale.pop(index))
        return page

    def built(self, index: int) -> StepPage | None:
        """Step ``index``'s page if it was built, as it is (stale or not)."""
        return self._built[index]

    def _build(self, index: int) -> StepPage:
        module, name, needs = STEP_PAGES[index]
        page_class = getattr(import_module(f"{STEPS_PACKAGE}.{module}.page"), name)
        given = {"session": self.session, "dialogs": self._dialogs, "runner": self._runner}
        page: StepPage = page_class(*(given[need] for need in needs))
        return page

    def _connect(self, index: int, page: Any) -> None:
        """A new page's signals, and what it needs from the analysis' last answer."""
        if index == CAPABILITIES_STEP and self.facts is not None:
            page.show_smallest_scope(self.facts.smallest_scope)
        elif index == SLICES_STEP:
            page.smallest_scope_changed.connect(self._on_smallest_scope)
        elif index == READINESS_STEP:
            page.finding_activated.connect(self.go_to_item)
            page.audit_changed.connect(self._on_audit_changed)
        elif index == EXPORT_STEP:
            page.pdf_requested.connect(self.pdf_requested)
            page.json_requested.connect(self.json_requested)
            page.cancel_requested.connect(self.pdf_cancel_requested)
            page.show_plan_written(self._plan_written)

    @property
    def capabilities(self) -> CapabilitiesStep:
        return cast("CapabilitiesStep", self.page(CAPABILITIES_STEP))

    @property
    def slices(self) -> SlicesStep:
        return cast("SlicesStep", self.page(SLICES_STEP))

    @property
    def readiness(self) -> ReadinessStep:
        return cast("ReadinessStep", self.page(READINESS_STEP))

    @property
    def export(self) -> ExportStep:
        return cast("ExportStep", self.page(EXPORT_STEP))

    # moving along the path

    def step_index(self, step: StepPage) -> int:
        return self._built.index(step)

    def show_step(self, index: int) -> None:
        if 0 <= index < len(GUIDE):
            self.sidebar.setCurrentRow(index)

    def current_step(self) -> int:
        return self.sidebar.currentRow()

    def next_step(self) -> None:
        """One step down the guided path (the last step stays)."""
        self.show_step(min(self.current_step() + 1, len(GUIDE) - 1))

    def previous_step(self) -> None:
        """One step up the guided path (the first step stays)."""
        self.show_step(max(self.current_step() - 1, 0))

    def set_plan_written(self, written: bool) -> None:
        """Whether a plan of the project was written: the Export step's status reads it."""
        if written == self._plan_written:
            return
        self._plan_written = written
        export = self._built[EXPORT_STEP]
        if export is not None:
            cast("ExportStep", export).show_plan_written(written)
        self._update_completion()

    def _on_step_chosen(self, row: int) -> None:
        if row >= 0:
            self.pages.setCurrentWidget(self.page(row))  # built or brought up to date first
            self.step_changed.emit(row)

    # following the project

    def _on_project_changed(self, change: Change) -> None:
        shown = self.current_step()
        for index, page in enumerate(self._built):
            if page is None or not page.watches & change.parts:
                continue
            if index == shown:
                page.show_project(change.project, change.parts)
            else:
                self._stale[index] = self._stale.get(index, frozenset()) | change.parts
        self._update_completion()
        self._ask_facts()

    def _on_scheme_changed(self) -> None:
        """A change of colours: the page shown draws again now, the others when shown."""
        for index, page in enumerate(self._built):
            if page is not None:
                self._stale[index] = ALL_PARTS
        self.page(self.current_step())
        self._update_completion()

    def _ask_facts(self) -> None:
        project = self.session.project  # read-only: the worker may read it as it is
        self._runner.start(
            lambda: project_facts(project),
            lambda facts: self._on_facts(project, facts),
            self._on_facts_failed,
            newest_of=self,
        )

    def _on_facts(self, project: Project, facts: ProjectFacts) -> None:
        if project is not self.session.project:
            return  # an answer on an earlier state; the newer one is on its way
        self.facts, self.facts_of, self._facts_failed = facts, project, False
        self._readiness_words = ""
        capabilities = self._built[CAPABILITIES_STEP]
        if capabilities is not None:
            cast("CapabilitiesStep", capabilities).show_smallest_scope(facts.smallest_scope)
        self._update_completion()

    def _on_facts_failed(self, _error: Exception) -> None:
        self.facts, self._facts_failed = None, True
        self._update_completion()

    def _on_smallest_scope(self, keys: tuple[str, ...]) -> None:
        capabilities = self._built[CAPABILITIES_STEP]
        if capabilities is not None:
            cast("CapabilitiesStep", capabilities).show_smallest_scope(keys)

    def _on_audit_changed(self) -> None:
        """The Readiness page audited the project itself: its words are the newest."""
        page = self._built[READINESS_STEP]
        if page is not None:
            self._readiness_words = page.completion(self.session.project)
            self.sidebar.item(READINESS_STEP).setData(COMPLETION_ROLE, self._readiness_words)

    def go_to_item(self, index: int, list_name: str, key: str) -> None:
        """Show step ``index`` and, where ``key`` is given, select that item of ``list_name``."""
        if not 0 <= index < len(GUIDE):
            return
        self.show_step(index)
        page: Any = self.page(index)
        if key:
            if list_name == "failure_modes" and index == CAPABILITIES_STEP:
                # a failure mode, shown under its capability; or a capability's failure modes
                modes = {m.key: m for m in self.session.project.failure_modes}
                mode = modes.get(key)
                page.select(mode.capability if mode else key)
                page.form.tabs.setCurrentWidget(page.failures)
                if mode is not None:
                    page.failures.select(key)
            elif hasattr(page, "select"):
                page.select(key)
            elif hasattr(page, "editor"):
                page.editor.select(key)
        table = getattr(page, "table", None)
        if table is not None:
            table.setFocus()

    # the sidebar

    def _update_completion(self) -> None:
        project = self.session.project
        if self._viable[0] is not project:
            self._viable = (project, viable_slices(project))
        self.statuses = completeness(
            project, viable_slices=self._viable[1], plan_written=self._plan_written
        )
        for row, (step, status) in enumerate(zip(GUIDE, self.statuses, strict=True)):
            item = self.sidebar.item(row)
            if row == READINESS_STEP:
                facts = self.facts
                count = self._readiness_words or (facts.readiness if facts else self._waiting())
            else:
                count = step.count(project)
            item.setData(COMPLETION_ROLE, count)
            item.setData(STATUS_ROLE, status.status)
            item.setData(HINT_ROLE, status.hint)
            item.setToolTip(_tooltip(step.title, status))
            words = STATUS_WORDS[status.status]
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{step.title}, {words}")
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, status.hint)

    def _waiting(self) -> str:
        return NOT_AUDITED if self._facts_failed else AUDITING

    def step_status(self, index: int) -> StepStatus:
        return self.statuses[index]

    def sizeHint(self) -> Any:
        return QSize(1280, 760)


class _Steps(Sequence[StepPage]):
    """The view's pages by step, each built (and brought up to date) when asked for."""

    def __init__(self, view: ProjectView) -> None:
        self._view = view

    @overload
    def __getitem__(self, index: int) -> StepPage: ...

    @overload
    def __getitem__(self, index: slice) -> list[StepPage]: ...

    def __getitem__(self, index: int | slice) -> StepPage | list[StepPage]:
        if isinstance(index, slice):
            return [self._view.page(i) for i in range(len(GUIDE))[index]]
        return self._view.page(range(len(GUIDE))[index])

    def __len__(self) -> int:
        return len(GUIDE)


def _tooltip(title: str, status: StepStatus) -> str:
    head = f"{MARKS[status.status]} {title}: {STATUS_WORDS[status.status]}"
    if not status.missing:
        return head
    return head + "\n" + "\n".join(f"• {line}" for line in status.missing)
