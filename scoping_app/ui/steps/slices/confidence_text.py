"""How sure a scope's figures are, in words, and the confidence worked out off the GUI thread.

The figures panel and Side by side show, per scope: the effort 8 chances in 10 is
not passed, with its P10-P90 range; the duration's P80 in working days; and with a
deadline, the chance of finishing by it. The Monte Carlo costs tens of milliseconds
a scope on a large project, so :class:`ConfidenceStore` works out only the scopes
asked for (what is on screen), on the task runner, and keeps the answers for the one
state of the project they were worked out for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from PySide6.QtCore import QObject, QTimer

from scoping_app.analysis.confidence import Confidence
from scoping_app.domain import words as fmt
from scoping_app.domain.model import Project
from scoping_app.ui.workers import TaskRunner

Scope = frozenset[str]  # the capabilities of a scope, prerequisites included

WORKING_IT_OUT = "working it out…"


def start_of(project: Project) -> date:
    """The day work starts: the project's start date, else the day figures are worked out."""
    return project.info.start_date or date.today()


def effort_words(confidence: Confidence) -> str:
    """``80% sure within 31 person-days (P10 24 - P90 35)``."""
    effort = confidence.effort
    return (
        f"80% sure within {fmt.days(effort.p80)} person-days"
        f" (P10 {fmt.days(effort.p10)} - P90 {fmt.days(effort.p90)})"
    )


def duration_words(confidence: Confidence) -> str:
    """``80% sure within 18 working days``."""
    return f"80% sure within {fmt.days(confidence.duration.p80)} working days"


def team_words(project: Project) -> str:
    """Who does the work, as the deadline's chance assumes it."""
    team = project.info.team_size
    if team is None:
        return "the critical path alone (no team size set)"
    return f"team of {team}"


def deadline_label(project: Project) -> str:
    """``Chance of meeting the deadline (31 March 2027), team of 3``; "" without a deadline."""
    deadline = project.info.deadline
    if deadline is None:
        return ""
    return f"Chance of meeting the deadline ({fmt.long_date(deadline)}), {team_words(project)}"


def chance_words(confidence: Confidence) -> str:
    """``64%``; a dash without a deadline."""
    chance = confidence.deadline_probability
    if chance is None:
        return "—"
    return f"{round(chance * 100)}%"


def work_out(project: Project, scopes: Iterable[Scope]) -> dict[Scope, Confidence]:
    """The confidence of each scope of ``project`` (heavy: run off the GUI thread)."""
    from scoping_app.analysis.confidence import confidence

    info = project.info
    return {
        scope: confidence(
            project,
            sorted(scope),
            team_size=info.team_size,
            start_date=start_of(project),
            deadline=info.deadline,
        )
        for scope in scopes
    }


class ConfidenceStore(QObject):
    """The confidence of the scopes asked for, for one state of the project at a time.

    ``ask`` starts the work for the scopes not known yet; ``ready`` runs (in the GUI
    thread) once they are, and only if the project is still the one they were asked for.
    """

    def __init__(self, runner: TaskRunner, ready: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._runner = runner
        self._ready = ready
        self._project: Project | None = None
        self._known: dict[Scope, Confidence] = {}
        self._wanted: dict[Scope, None] = {}
        self.working = False
        # the work starts once the refresh that asked for it is painted, and what one
        # refresh asks for several times (the slice, the columns) is worked out once
        self._start = QTimer(self)
        self._start.setSingleShot(True)
        self._start.setInterval(0)
        self._start.timeout.connect(self._start_work)

    def get(self, project: Project, scope: Scope) -> Confidence | None:
        return self._known.get(scope) if project is self._project else None

    def ask(self, project: Project, scopes: Iterable[Scope]) -> None:
        if project is not self._project:
            self._project, self._known, self._wanted = project, {}, {}
        wanted = [s for s in scopes if s not in self._known]
        if not wanted:
            return
        self._wanted.update(dict.fromkeys(wanted))
        self.working = True
        self._start.start()

    def _start_work(self) -> None:
        project, wanted = self._project, list(self._wanted)
        self._wanted = {}
        if project is None or not wanted:
            return
        self._runner.start(
            lambda: work_out(project, wanted),
            lambda result: self._on_worked_out(project, result),
            self._on_failed,
            newest_of=self,
        )

    def _on_worked_out(self, project: Project, result: dict[Scope, Confidence]) -> None:
        self.working = False
        if project is self._project:
            self._known.update(result)
            self._ready()

    def _on_failed(self, _error: Exception) -> None:
        self.working = False  # the figures go on saying nothing about how sure they are
