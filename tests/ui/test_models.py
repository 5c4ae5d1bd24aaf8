"""Every item model of the window passes qtmodeltester, filled and empty."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from scoping_app.analysis.figures import slice_figures
from scoping_app.domain.model import Project
from scoping_app.services.projects import ProjectService
from scoping_app.ui.start.projects_model import ProjectsModel
from scoping_app.ui.steps.capabilities.model import CapabilitiesModel
from scoping_app.ui.steps.data.page import COLUMNS as DATA_COLUMNS
from scoping_app.ui.steps.decisions.page import COLUMNS as DECISION_COLUMNS
from scoping_app.ui.steps.good.page import COLUMNS as METRIC_COLUMNS
from scoping_app.ui.steps.premortem.register import failure_columns, risk_columns
from scoping_app.ui.steps.slices.models import SliceCapabilitiesModel, SliceRow, SlicesModel
from scoping_app.ui.widgets.record_table import RecordTableModel


def test_projects_model(qtmodeltester: Any, service: ProjectService, example_id: int) -> None:
    model = ProjectsModel()
    qtmodeltester.check(model)
    model.set_rows(service.list_projects())
    qtmodeltester.check(model)
    assert model.row_of(example_id) == 0 and model.row_of(999) == -1


def test_capabilities_model(qtmodeltester: Any, example_project: Project) -> None:
    model = CapabilitiesModel()
    qtmodeltester.check(model)
    model.show_project(example_project)
    qtmodeltester.check(model)
    assert model.rowCount() == 15
    row = model.row_of("pii_redaction")
    texts = {
        model.headerData(c, Qt.Orientation.Horizontal): model.index(row, c).data()
        for c in range(model.columnCount())
    }
    assert texts == {
        "Name": "PII redaction",
        "Key": "pii_redaction",
        "Requires": "Ticket export",
        "Category": "Compliance",
        "Effort o/m/p": "3/5/8",
        "Expected": "5.2 d",
        "Value": "0",
        "Latency": "30 ms",
        "Monthly cost": "EUR 100",
        "Mandatory": "Yes",
    }
    # the name and what it requires come first, in view on a laptop
    assert list(texts)[:3] == ["Name", "Key", "Requires"]
    expected = list(texts).index("Expected")
    alignment = model.index(row, expected).data(Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight


def test_slices_model(qtmodeltester: Any, example_project: Project) -> None:
    model = SlicesModel()
    qtmodeltester.check(model)
    rows = [
        SliceRow(s, slice_figures(example_project, s.capabilities)) for s in example_project.slices
    ]
    model.show_rows(example_project, rows)
    qtmodeltester.check(model)
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable


def test_slice_capabilities_model(qtmodeltester: Any, example_project: Project) -> None:
    model = SliceCapabilitiesModel()
    qtmodeltester.check(model)
    first = example_project.slices[0]
    model.show_slice(example_project, slice_figures(example_project, first.capabilities))
    qtmodeltester.check(model)
    model.show_slice(example_project, None)  # no slice selected: nothing can be ticked
    qtmodeltester.check(model)
    assert model.flags(model.index(0)) == Qt.ItemFlag.NoItemFlags


def test_read_only_tables(qtmodeltester: Any, example_project: Project) -> None:
    for columns, rows in (
        (DATA_COLUMNS, example_project.data_sources),
        (METRIC_COLUMNS, example_project.metrics),
        (DECISION_COLUMNS, example_project.decisions),
        (risk_columns(example_project), example_project.risks),
        (failure_columns(example_project), example_project.failure_modes),
    ):
        model: RecordTableModel[Any] = RecordTableModel(columns)
        qtmodeltester.check(model)
        model.set_rows(rows)
        qtmodeltester.check(model)
        assert model.rowCount() == len(rows) > 0
        assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
