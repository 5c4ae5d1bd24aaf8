"""Step 3, Data: every source with its reality status; the gap between have and assumed shown.

"Assumed" and "never verified" are marked in words and with a warning icon, not
by colour alone; each source shows which capabilities use it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from scoping_app.domain.enums import DataStatus
from scoping_app.domain.model import NAME_MAX, DataSource, Project
from scoping_app.ui import theme
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.fields import (
    BoolField,
    ChoiceField,
    DateField,
    FieldEditor,
    LineField,
    NumberField,
    TextField,
)
from scoping_app.ui.widgets.list_editor import MarkedColumn
from scoping_app.ui.widgets.list_step import NOT_NEGATIVE, ListStepPage, done_of
from scoping_app.ui.widgets.record_table import Column

STATUS_WORDS = {
    DataStatus.HAVE: "Have",
    DataStatus.ASSUMED: "Assumed",
    DataStatus.TO_ACQUIRE: "To acquire",
}
STATUS_COLOURS = {DataStatus.ASSUMED: Role.WARNING, DataStatus.TO_ACQUIRE: Role.ERROR}
ASSUMED_MARK = "Assumed: nobody has confirmed the project can have this data."
NEVER_MARK = "Never verified: nobody has actually looked at this data."


def _records(source: DataSource) -> str:
    return f"{source.records:,}" if source.records is not None else "—"


def _status_mark(source: DataSource) -> str | None:
    return ASSUMED_MARK if source.status is DataStatus.ASSUMED else None


def _verified_mark(source: DataSource) -> str | None:
    return NEVER_MARK if source.verified_on is None else None


def users(project: Project, key: str) -> list[str]:
    """Names of the capabilities that use the data source ``key``."""
    return [c.name for c in project.capabilities if key in c.uses_data]


def _columns(project: Project | None) -> list[Column[DataSource]]:
    def used_by(source: DataSource) -> str:
        names = users(project, source.key) if project else []
        return ", ".join(names) or "no capability"

    return [
        Column("Source", lambda s: s.name, width=145),
        MarkedColumn(
            "Status",
            lambda s: STATUS_WORDS[s.status],
            colour=lambda s: STATUS_COLOURS.get(s.status),
            mark=_status_mark,
        ),
        MarkedColumn(
            "Verified",
            lambda s: s.verified_on.isoformat() if s.verified_on else "Never",
            colour=lambda s: None if s.verified_on else Role.WARNING,
            mark=_verified_mark,
            tooltip="When someone last actually looked at the data",
        ),
        Column("Records", _records, numeric=True),
        Column("Quality", lambda s: f"{s.quality}/5" if s.quality else "—", numeric=True),
        Column("Used by", used_by, tooltip="Capabilities that use this source"),
    ]


def _notice(source: DataSource, project: Project) -> str:
    lines = []
    if source.status is DataStatus.ASSUMED:
        lines.append("⚠ Assumed: confirm with the owner that the project can have this data.")
    elif source.status is DataStatus.TO_ACQUIRE:
        lines.append("⚠ To acquire: the project does not have this data yet.")
    if source.verified_on is None:
        lines.append("⚠ Never verified: nobody has actually looked at this data.")
    return "\n".join(lines)


class DataStep(ListStepPage):
    title = "Data"
    advice = (
        "Every data source the project needs, and whether you have it, assume it, or still "
        "have to acquire it. Assumed data is where most AI projects quietly fail."
    )
    watches = frozenset({"data_sources", "capabilities"})
    list_name, item_word, item_type = "data_sources", "data source", DataSource
    empty_summary = "No data sources yet."
    new_name = "New data source"
    editor_options: ClassVar[dict[str, Any]] = {
        "notice": _notice,
        "ranges": {
            "quality": "must be between 1 and 5 (empty when not known)",
            "records": NOT_NEGATIVE,
        },
        "form_width": 400,
    }

    def fields(self) -> list[FieldEditor]:
        return [
            LineField("name", "Name", max_length=NAME_MAX, wrap=True),
            ChoiceField(
                "status",
                "Status",
                DataStatus,
                words=lambda s: STATUS_WORDS[s],
                tooltip="Have: in hand. Assumed: believed available, not confirmed. "
                "To acquire: still to get.",
            ),
            LineField("owner", "Owner", placeholder="who can give access", wrap=True),
            NumberField("records", "Records", integer=True, suffix="records"),
            LineField("refresh", "Refresh", placeholder='e.g. "daily"'),
            NumberField(
                "quality",
                "Quality",
                integer=True,
                suffix="from 1 (poor) to 5",
                tooltip="1 (poor) to 5 (excellent); empty when not known",
            ),
            BoolField("pii", "PII", "Holds personal data (PII)", words="PII flag"),
            LineField("residency", "Residency", placeholder='where it must stay, e.g. "EU"'),
            DateField(
                "verified_on",
                "Verified on",
                words="verification date",
                tooltip="When someone last actually looked at the data",
            ),
            TextField("description", "Description", placeholder="what the data is"),
            TextField("notes", "Notes", placeholder="gaps, access, caveats"),
        ]

    def columns(self, project: Project | None) -> list[Column[DataSource]]:
        return _columns(project)

    def summary_text(self, project: Project) -> str:
        sources = project.data_sources
        counts = {status: sum(1 for s in sources if s.status is status) for status in DataStatus}
        unverified = sum(1 for s in sources if s.verified_on is None)
        text = (
            f"<b>{counts[DataStatus.HAVE]} have</b> · "
            + theme.coloured(f"<b>⚠ {counts[DataStatus.ASSUMED]} assumed</b>", Role.WARNING)
            + " · "
            + theme.coloured(f"<b>{counts[DataStatus.TO_ACQUIRE]} to acquire</b>", Role.ERROR)
            + "."
        )
        if unverified:
            text += f" ⚠ Never verified: {unverified} of {len(sources)} (nobody has looked)."
        return text

    def completion(self, project: Project) -> str:
        sources = project.data_sources
        return done_of(sum(1 for s in sources if s.status is DataStatus.HAVE), sources)


COLUMNS: list[Column[DataSource]] = _columns(None)  # without a project: "used by" unknown
