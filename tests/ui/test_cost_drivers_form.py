"""The capability form's cost and latency drivers, typed as a user types them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from scoping_app.services.projects import ProjectService
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.steps.capabilities.page import CapabilitiesStep
from tests.ui.conftest import cell, project_view
from tests.ui.test_confidence_shown import type_and_enter


def _capability(window: MainWindow, key: str) -> CapabilitiesStep:
    view = project_view(window)
    view.show_step(view.step_index(view.capabilities))
    step = view.capabilities
    step.select(key)
    return step


def test_cost_worked_out_from_typed_drivers_and_undone(
    open_example: MainWindow, service: ProjectService, example_id: int, qtbot: Any
) -> None:
    step = _capability(open_example, "answer_llm")
    drivers = step.form.drivers
    cost = drivers.cost
    assert cost.box.isHidden()
    cost.switch.click()  # the typed 2,400 becomes the fixed part: the cost does not jump
    assert not cost.box.isHidden()
    stored = service.load(example_id).capability("answer_llm")
    assert stored.cost_model is not None and stored.monthly_cost == 2400
    monthly = step.form.fields["monthly_cost"].focus_widgets[0]
    assert monthly.isReadOnly()  # type: ignore[attr-defined]

    boxes = {field: driver.box for field, driver in cost.drivers.items()}
    for field, text in (
        ("requests_per_month", "120000"),
        ("input_tokens", "1500"),
        ("output_tokens", "400"),
        ("input_price_per_million", "3"),
        ("output_price_per_million", "15"),
        ("cache_hit_rate", "0.3"),
        ("fixed_monthly", "200"),
    ):
        type_and_enter(qtbot, boxes[field], text)
    assert cost.formula.text() == (
        "120,000 requests x (1 - 0.30) x (1,500 tokens x EUR 3.00 + 400 tokens x EUR 15.00)"
        " / 1,000,000 + EUR 200.00 = EUR 1,082.00 a month"
    )
    assert cost.note.text() == (
        "Requests a month moves it most: -20% gives EUR 905.60, +20% EUR 1,258.40"
    )
    assert service.load(example_id).capability("answer_llm").monthly_cost == 1082
    assert monthly.text() == "1,082"  # type: ignore[attr-defined]
    assert cell(step.model, step.model.row_of("answer_llm"), "Monthly cost") == "EUR 1,082"
    row = step.model.row_of("answer_llm")
    column = [step.model.headerData(c, Qt.Orientation.Horizontal) for c in range(12)].index(
        "Monthly cost"
    )
    tip = step.model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("From drivers: 120,000 requests")
    assert (
        open_example.undo_action.text()
        == "Undo Change fixed monthly cost of Answer drafting with citations"
    )

    # out of range: refused under the field, nothing stored
    type_and_enter(qtbot, boxes["cache_hit_rate"], "1.5")
    assert drivers.error_text("cache_hit_rate") == "1.5 is more than the most allowed, 1"
    assert service.load(example_id).capability("answer_llm").cost_model.cache_hit_rate == 0.3  # type: ignore[union-attr]

    open_example.undo_action.trigger()  # the fixed monthly cost back to the typed 2,400
    assert "+ EUR 2,400.00 = EUR 3,282.00 a month" in cost.formula.text()
    for _edit in range(7):
        open_example.undo_action.trigger()
    assert service.load(example_id).capability("answer_llm").cost_model is None
    assert cost.box.isHidden() and not monthly.isReadOnly()  # type: ignore[attr-defined]


def test_latency_worked_out_from_calls(
    open_example: MainWindow, service: ProjectService, example_id: int, qtbot: Any
) -> None:
    step = _capability(open_example, "answer_llm")
    latency = step.form.drivers.latency
    latency.switch.click()
    assert latency.formula.text() == "1 call x 1,600 ms = 1,600 ms"
    type_and_enter(qtbot, latency.drivers["calls_per_interaction"].box, "3")
    type_and_enter(qtbot, latency.drivers["p95_per_call_ms"].box, "800")
    assert latency.formula.text() == "3 calls x 800 ms = 2,400 ms"
    assert service.load(example_id).capability("answer_llm").latency_ms == 2400
    latency.switch.click()  # off: the last worked-out figure stays, typed
    stored = service.load(example_id).capability("answer_llm")
    assert stored.latency_model is None and stored.latency_ms == 2400
    assert (
        open_example.undo_action.text() == "Undo Type the latency of Answer drafting with citations"
    )
