"""Step 4, Definition of good: the metrics that say, in numbers, what good output is."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from scoping_app.domain.enums import Direction
from scoping_app.domain.model import Metric, Project
from scoping_app.ui import format as fmt
from scoping_app.ui.widgets.read_only import READ_ONLY_NOTE, plural, summary_label
from scoping_app.ui.widgets.record_table import Column, RecordTableModel
from scoping_app.ui.widgets.step_page import ALL_PARTS, StepPage
from scoping_app.ui.widgets.tables import make_table


def _target(metric: Metric) -> str:
    if metric.target is None:
        return "—"
    arrow = "at least" if metric.direction is Direction.INCREASE else "at most"
    return f"{arrow} {fmt.number(metric.target)} {metric.unit}".rstrip()


COLUMNS: list[Column[Metric]] = [
    Column("Metric", lambda m: m.name, width=240),
    Column("Kind", lambda m: fmt.choice(m.kind), width=80),
    Column("Baseline", lambda m: f"{fmt.number(m.baseline)} {m.unit}".strip() or "—", width=90),
    Column("Target", _target, width=130),
    Column("Must-have", lambda m: fmt.yes_no(m.must), width=80),
    Column(
        "Real inputs",
        lambda m: fmt.yes_no(m.on_real_inputs),
        width=80,
        tooltip="Measured on real user inputs, not a clean internal set",
        colour=lambda m: None if m.on_real_inputs else "#b35c00",
    ),
    Column("How it is measured", lambda m: m.method or "—"),
]


class DefinitionOfGoodStep(StepPage):
    title = "Definition of good"
    advice = (
        "What good output means, measurably: unit, baseline, target and method. Must-have "
        "metrics are the ones every viable scope has to deliver."
    )
    read_only_note = READ_ONLY_NOTE
    watches = frozenset({"metrics"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary_label(self)
        self.body.addWidget(self.summary)
        self.model: RecordTableModel[Metric] = RecordTableModel(COLUMNS, self)
        self.table = make_table(self.model, self, stretch=len(COLUMNS) - 1, wrap=True)
        self.body.addWidget(self.table, 1)

    def show_project(self, project: Project, parts: frozenset[str] = ALL_PARTS) -> None:
        metrics = project.metrics
        self.model.set_rows(metrics)
        if not metrics:
            self.summary.setText("No metrics yet: nobody has said what good output is.")
            return
        must = sum(1 for m in metrics if m.must)
        real = sum(1 for m in metrics if m.on_real_inputs)
        self.summary.setText(
            f"{plural(len(metrics), 'metric')}, {must} must-have; "
            f"{real} measured on real user inputs."
        )

    def completion(self, project: Project) -> str:
        return str(len(project.metrics)) if project.metrics else ""
