"""Step 3, Data: every source with its reality status; the gap between have and assumed shown."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from scoping_app.domain.enums import DataStatus
from scoping_app.domain.model import DataSource, Project
from scoping_app.ui import format as fmt
from scoping_app.ui.widgets.read_only import READ_ONLY_NOTE, summary_label
from scoping_app.ui.widgets.record_table import Column, RecordTableModel
from scoping_app.ui.widgets.step_page import ALL_PARTS, StepPage
from scoping_app.ui.widgets.tables import make_table

STATUS_WORDS = {
    DataStatus.HAVE: "Have",
    DataStatus.ASSUMED: "Assumed",
    DataStatus.TO_ACQUIRE: "To acquire",
}
STATUS_COLOURS = {DataStatus.ASSUMED: "#b35c00", DataStatus.TO_ACQUIRE: "#b00020"}


def _records(source: DataSource) -> str:
    return f"{source.records:,}" if source.records is not None else "—"


COLUMNS: list[Column[DataSource]] = [
    Column("Source", lambda s: s.name, width=220),
    Column(
        "Status",
        lambda s: STATUS_WORDS[s.status],
        width=90,
        colour=lambda s: STATUS_COLOURS.get(s.status),
    ),
    Column("Owner", lambda s: s.owner or "—", width=150),
    Column("Records", _records, numeric=True, width=80),
    Column("Refresh", lambda s: s.refresh or "—", width=80),
    Column("Quality", lambda s: f"{s.quality}/5" if s.quality else "—", numeric=True, width=60),
    Column("PII", lambda s: fmt.yes_no(s.pii), width=50),
    Column("Residency", lambda s: s.residency or "unknown", width=80),
    Column(
        "Last looked at",
        lambda s: fmt.day(s.verified_on) if s.verified_on else "never",
        colour=lambda s: None if s.verified_on else "#b35c00",
    ),
]


class DataStep(StepPage):
    title = "Data"
    advice = (
        "Every data source the project needs, and whether you have it, assume it, or still "
        "have to acquire it. Assumed data is where most AI projects quietly fail."
    )
    read_only_note = READ_ONLY_NOTE
    watches = frozenset({"data_sources"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary_label(self)
        self.body.addWidget(self.summary)
        self.model: RecordTableModel[DataSource] = RecordTableModel(COLUMNS, self)
        self.table = make_table(self.model, self, stretch=len(COLUMNS) - 1)
        self.body.addWidget(self.table, 1)

    def show_project(self, project: Project, parts: frozenset[str] = ALL_PARTS) -> None:
        sources = project.data_sources
        self.model.set_rows(sources)
        if not sources:
            self.summary.setText("No data sources yet.")
            return
        counts = {status: sum(1 for s in sources if s.status is status) for status in DataStatus}
        unverified = sum(1 for s in sources if s.verified_on is None)
        text = (
            f"<b>{counts[DataStatus.HAVE]} in hand</b>, "
            f"<span style='color:#b35c00'><b>{counts[DataStatus.ASSUMED]} assumed</b></span>, "
            f"<span style='color:#b00020'><b>{counts[DataStatus.TO_ACQUIRE]} to acquire</b>"
            "</span>."
        )
        if unverified:
            text += f" Nobody has actually looked at {unverified} of {len(sources)}."
        self.summary.setText(text)

    def completion(self, project: Project) -> str:
        sources = project.data_sources
        if not sources:
            return ""
        have = sum(1 for s in sources if s.status is DataStatus.HAVE)
        return f"{have}/{len(sources)}"
