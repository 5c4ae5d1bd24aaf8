"""A scope's confidence figures as the project states them: its team size, its deadline, and
its start date, or the day the figures are computed when the project names none.

The command line and the PDF plan both read a scope's confidence this way, so they agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from scoping_app.analysis.confidence import Confidence, confidence
from scoping_app.domain.model import Project


def work_starts(project: Project, today: date) -> date:
    """The project's start date, or ``today`` when it has none."""
    return project.info.start_date or today


def project_confidence(project: Project, keys: Iterable[str], today: date) -> Confidence:
    """The confidence of the capabilities ``keys`` (with their prerequisites) for ``project``:
    its team size and deadline, work starting on its start date or else on ``today``."""
    info = project.info
    return confidence(
        project,
        keys,
        team_size=info.team_size,
        start_date=work_starts(project, today),
        deadline=info.deadline,
    )
