"""The Scope slices step: side by side, value against effort, and why the scope is what it is."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFontMetricsF

from scoping_app.analysis.frontier import FrontierPoint
from scoping_app.domain import edits
from scoping_app.domain.model import Capability
from scoping_app.services.projects import ProjectService
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.steps.slices.chart import ChartPoint, ValueEffortChart
from scoping_app.ui.steps.slices.compare import BEST, SMALLEST_KEY
from scoping_app.ui.steps.slices.page import SlicesStep
from tests.ui.conftest import FakeDialogs, wait_for_scope

SLICES = ["Agent assist first", "Customer self-service", "Everything at once"]


def _slices(window: MainWindow, tab: str) -> SlicesStep:
    """The Slices step with one of its tabs shown: "slices", "compare" or "chart"."""
    view = window.project_view
    assert view is not None
    view.show_step(view.step_index(view.slices))
    step = view.slices
    if tab == "slices":
        step.tabs.setCurrentIndex(0)
    else:
        step.tabs.setCurrentWidget(getattr(step, tab))
    assert step.tabs.currentWidget().isVisible()
    return step


def _headers(step: SlicesStep) -> list[str]:
    model = step.compare.model
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_three_slices_side_by_side(open_example: MainWindow, qtbot: Any) -> None:
    step = _slices(open_example, "compare")
    wait_for_scope(qtbot, open_example)
    model = step.compare.model
    assert _headers(step) == SLICES
    # with the smallest viable scope beside them, two columns are viable and compete
    step.compare.choices.set_ticked(["agent_assist", "self_service", "everything", SMALLEST_KEY])

    value = model.row_of("Value (points)")
    texts = [model.index(value, c).data() for c in range(3)]
    assert texts[2].startswith(f"{BEST}  42")  # Everything at once has the most value
    assert not any(BEST in t for t in texts[:2])
    assert model.index(value, 2).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(value, 0).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(value, 2).data(Qt.ItemDataRole.AccessibleTextRole).endswith("best")

    # Agent assist first is the cheapest, but not viable: the best effort is that of the
    # smallest viable scope; a column that is not viable is never best
    effort = model.row_of("Effort (person-days)")
    assert [model.is_best(effort, c) for c in range(4)] == [False, False, False, True]
    for row in range(model.rowCount()):
        assert not model.is_best(row, 0) and not model.is_best(row, 1)
        assert BEST not in model.index(row, 0).data() + model.index(row, 1).data()
    assert "best viable column" in step.compare.legend.text()
    alignment = Qt.AlignmentFlag(model.index(effort, 1).data(Qt.ItemDataRole.TextAlignmentRole))
    assert alignment & Qt.AlignmentFlag.AlignRight

    only = model.row_of("Capabilities only in this one")
    assert "Answer cache for frequent questions" in model.index(only, 2).data()
    assert "Answer cache for frequent questions" not in model.index(only, 0).data()
    viable = model.row_of("Viable")
    assert model.index(viable, 2).data() == "Viable"
    assert "quoting last year's policies" in model.index(viable, 0).data()
    latency = model.index(model.row_of("Latency against budget"), 0).data()
    assert "within 2,500 ms" in latency


def test_the_smallest_scope_is_a_column_too_and_at_most_four(
    open_example: MainWindow, qtbot: Any
) -> None:
    step = _slices(open_example, "compare")
    wait_for_scope(qtbot, open_example)
    choices = step.compare.choices
    smallest = choices.index(choices.row_of(SMALLEST_KEY))
    assert choices.setData(smallest, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert _headers(step) == [*SLICES, "Smallest viable scope"]
    # four is the most: nothing else can be ticked (none is left here, so add a slice)
    step.add_button.click()
    qtbot.waitUntil(lambda: choices.rowCount() == 5)
    new = choices.index(choices.row_of("new_slice"))
    assert not new.flags() & Qt.ItemFlag.ItemIsEnabled
    assert not choices.setData(new, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    # fewer than two: no columns, and a hint
    choices.set_ticked([SMALLEST_KEY])
    assert step.compare.model.columnCount() == 0
    assert "at least two" in step.compare.hint.text()


def test_best_only_among_the_viable_columns(open_example: MainWindow, qtbot: Any) -> None:
    step = _slices(open_example, "compare")
    wait_for_scope(qtbot, open_example)
    model, choices = step.compare.model, step.compare.choices
    # the two slices that are not viable: no column is best, and the hint says why
    choices.set_ticked(["agent_assist", "self_service"])
    assert _headers(step) == SLICES[:2]
    assert not any(
        model.is_best(row, column) for row in range(model.rowCount()) for column in range(2)
    )
    assert "None is viable, so none is marked best" in step.compare.hint.text()
    # with the smallest viable scope beside them, one column is viable: it is better than
    # nothing it could be chosen over, so nothing is marked, and the hint says why
    choices.set_ticked(["agent_assist", "self_service", SMALLEST_KEY])
    assert not any(
        model.is_best(row, column) for row in range(model.rowCount()) for column in range(3)
    )
    assert "Only one is viable, so none is marked best" in step.compare.hint.text()
    # two viable columns: the better of the two on each row
    choices.set_ticked(["everything", SMALLEST_KEY])
    effort = model.row_of("Effort (person-days)")
    value = model.row_of("Value (points)")
    assert [model.is_best(effort, c) for c in range(2)] == [False, True]
    assert [model.is_best(value, c) for c in range(2)] == [True, False]


def test_viable_slices_and_the_others_have_their_own_markers(
    open_example: MainWindow, qtbot: Any
) -> None:
    step = _slices(open_example, "chart")
    wait_for_scope(qtbot, open_example)
    chart = step.chart
    shapes = {p.name: chart.marker_shape(p) for p in chart.points}
    assert shapes == {
        "Agent assist first": "diamond",
        "Customer self-service": "diamond",
        "Everything at once": "circle",
        "Smallest viable scope": "square",
    }
    metrics = QFontMetricsF(chart.font())
    legend = [kind for kind, _box in chart.legend_items(metrics)]
    assert legend == ["frontier", "circle", "diamond", "square", "target"]
    # drawn as said: a filled circle is the slice's colour at its centre, a hollow diamond
    # the chart's background there
    image = chart.grab().toImage()
    background = image.pixelColor(2, chart.height() - 2)
    for point in chart.points:
        at = chart.position(point.effort, point.value).toPoint()
        centre = image.pixelColor(at)
        if shapes[point.name] == "circle":
            assert centre != background
        else:
            assert centre == background


def test_the_value_target_is_a_labelled_line(open_example: MainWindow, qtbot: Any) -> None:
    step = _slices(open_example, "chart")
    wait_for_scope(qtbot, open_example)
    chart = step.chart
    assert chart.value_target == 12
    line = chart.value_target_line()
    assert line is not None
    plot = chart._plot()
    assert line.y1() == line.y2() == chart.position(0, 12).y()
    assert (line.x1(), line.x2()) == (plot.left(), plot.right())
    label = chart.value_target_label(QFontMetricsF(chart.font()))
    assert label is not None and label[1] == "Value target: 12"
    assert plot.contains(label[0])
    # frontier points below the target are under the line, the others on or above it
    below = [p for p in chart.frontier if p.value < 12]
    assert below and all(chart.position(p.effort, p.value).y() > line.y1() for p in below)
    assert "below the value target of 12" in chart.frontier_tip(below[0])
    assert "below" not in chart.frontier_tip(chart.frontier[-1])
    # no slice label covers the target's label
    boxes = [box for box, _text in chart.label_boxes(QFontMetricsF(chart.font()), plot)]
    assert not any(box.intersects(label[0]) for box in boxes)
    # drawn: the line's colour is on the plot at the target's height, halfway across
    image = chart.grab().toImage()
    hits = [
        image.pixelColor(int(x), round(line.y1())) != image.pixelColor(int(x), round(line.y1()) + 6)
        for x in range(int(plot.left()) + 20, int(plot.left()) + 120)
    ]
    assert sum(hits) > 30  # dashes
    # without a target, no line and no legend entry
    session = open_example.session
    assert session is not None
    session.apply(lambda p: edits.set_info(p, value_target=None), "Clear the value target")
    qtbot.waitUntil(lambda: chart.value_target is None)
    assert chart.value_target_line() is None
    assert "target" not in [kind for kind, _box in chart.legend_items(QFontMetricsF(chart.font()))]


def test_the_legend_wraps_on_a_narrow_chart(qtbot: Any) -> None:
    chart = ValueEffortChart()
    qtbot.addWidget(chart)
    chart.show_points([ChartPoint("A", 1, 1)], value_target=2)
    for width in (480, 700, 1200):
        chart.resize(width, 400)
        items = chart.legend_items(QFontMetricsF(chart.font()))
        assert all(box.right() <= width for _kind, box in items), width
        plot = chart._plot()
        assert all(box.bottom() < plot.top() for _kind, box in items)


def test_the_chart_shows_the_slices_and_the_frontier(open_example: MainWindow, qtbot: Any) -> None:
    step = _slices(open_example, "chart")
    wait_for_scope(qtbot, open_example)
    chart = step.chart
    names = [p.name for p in chart.points]
    assert names == [*SLICES, "Smallest viable scope"]
    assert len(chart.frontier) > 2
    efforts = [p.effort for p in chart.frontier]
    assert efforts == sorted(efforts)
    for point in chart.frontier:  # every frontier point is drawn inside the widget
        at = chart.position(point.effort, point.value)
        assert chart.rect().contains(at.toPoint())
        assert chart.frontier_at(at) == point


def test_clicking_a_frontier_point_makes_it_a_slice(
    open_example: MainWindow,
    dialogs: FakeDialogs,
    service: ProjectService,
    example_id: int,
    qtbot: Any,
) -> None:
    step = _slices(open_example, "chart")
    wait_for_scope(qtbot, open_example)
    chart = step.chart
    point = chart.frontier[len(chart.frontier) // 2]
    at = chart.position(point.effort, point.value).toPoint()

    dialogs.confirm_answer = False
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=at)
    assert len(dialogs.confirmations) == 1
    assert "It meets every budget and condition: it would be viable." in dialogs.confirmations[0]
    assert len(service.load(example_id).slices) == 3

    dialogs.confirm_answer = True
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=at)
    added = service.load(example_id).slices[-1]
    assert added.name.startswith("Frontier: ")
    assert "pd, value" in added.name
    assert added.capabilities == list(point.capabilities)
    assert open_example.undo_action.text() == f"Undo Add slice {added.name}"
    assert added.name in [p.name for p in chart.points]

    open_example.undo_action.trigger()
    assert [s.name for s in service.load(example_id).slices] == SLICES
    # a click away from any frontier point asks nothing
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert len(dialogs.confirmations) == 2

    # the cheapest point, 38.3 person-days for a value of 8: within every budget and
    # condition, short of the target of 12, and the confirmation says so in words
    point = chart.frontier[0]
    assert point.value == 8
    at = chart.position(point.effort, point.value).toPoint()
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=at)
    asked = dialogs.confirmations[-1]
    assert (
        "It meets every budget and condition but delivers 8 value points, below the target "
        "of 12: it would not be viable." in asked
    )
    assert "Answer drafting with citations" in asked and "answer_llm" not in asked
    added = service.load(example_id).slices[-1]
    assert added.capabilities == list(point.capabilities)
    assert "below the value target of 12" in added.description
    made = next(p for p in chart.points if p.name == added.name)
    assert chart.marker_shape(made) == "diamond"  # drawn as not viable


def test_the_smallest_scope_is_explained(open_example: MainWindow, qtbot: Any) -> None:
    step = _slices(open_example, "slices")
    wait_for_scope(qtbot, open_example)
    analysis = step.analysis
    assert analysis is not None
    reindex = [r for r in analysis.reasons if r.capability == "reindex"]
    assert any(r.kind == "risk" and r.related == ("r_stale",) for r in reindex)
    text = step.scope_text.text()
    assert "Why each capability is there" in text
    assert "Nightly re-index of changed sources" in text
    assert "mitigate the severe risk “It failed because it kept quoting last year" in text
    assert "r_stale" not in text  # risks by their story, never their key
    assert "mitigates a risk" in text
    assert "Cheapest next additions" in text
    assert "Customer self-service chat" in text and "+16.0 pd" in text
    assert len(analysis.additions) == 3


def test_when_nothing_is_viable_the_relaxations_are_given(
    window: MainWindow, dialogs: FakeDialogs, qtbot: Any
) -> None:
    dialogs.new_project_answer = ("Fraud scoring", "fintech", "classifier")
    window.new_action.trigger()
    session = window.session
    assert session is not None
    session.apply(lambda p: edits.set_info(p, latency_budget_ms=100), "Set latency budget")
    slow = Capability(key="model", name="Scoring model", latency_ms=400, mandatory=True)
    session.apply(lambda p: edits.add_item(p, "capabilities", slow), "Add capability Scoring model")
    step = _slices(window, "slices")
    qtbot.waitUntil(lambda: step.scope is not None and not step.scope.viable, timeout=20_000)
    text = step.scope_text.text()
    assert "What to relax" in text
    assert "Raise the latency budget from 100 ms to 400 ms" in text


def test_the_models_pass_the_model_tester(
    open_example: MainWindow, qtbot: Any, qtmodeltester: Any
) -> None:
    step = _slices(open_example, "compare")
    wait_for_scope(qtbot, open_example)
    qtmodeltester.check(step.compare.model)
    qtmodeltester.check(step.compare.choices)


def test_the_smallest_column_stays_ticked_while_it_is_computed_again(
    open_example: MainWindow, qtbot: Any
) -> None:
    step = _slices(open_example, "compare")
    wait_for_scope(qtbot, open_example)
    choices = step.compare.choices
    choices.set_ticked(["agent_assist", SMALLEST_KEY])
    assert _headers(step) == ["Agent assist first", "Smallest viable scope"]
    session = open_example.session
    assert session is not None
    first = step.scope
    session.apply(
        lambda p: edits.delete_item(p, "capabilities", "cache"), "Delete capability cache"
    )
    qtbot.waitUntil(lambda: step.scope is not first and not step.computing, timeout=20_000)
    assert _headers(step) == ["Agent assist first", "Smallest viable scope"]


def test_labels_hide_no_marker_no_frontier_step_and_no_other_label(qtbot: Any) -> None:
    """Thirteen slices crowded together, as on a large project: every label finds a spot."""
    chart = ValueEffortChart()
    qtbot.addWidget(chart)
    chart.resize(990, 640)
    crowd = [
        (716, 302),
        (731, 319),
        (801, 329),
        (811, 389),
        (894, 366),
        (983, 362),
        (1042, 461),
        (1078, 485),
        (1180, 503),
        (1250, 570),
        (382, 178),
        (312, 102),
    ]
    points = [ChartPoint(f"Slice {i}", e, v) for i, (e, v) in enumerate(crowd)]
    chart.show_points([*points, ChartPoint("Smallest viable scope", 990, 404, True)])
    chart.show_frontier(
        [FrontierPoint(e, v, ("a",)) for e, v in [(240, 75), (500, 430), (800, 650), (2100, 1090)]]
    )
    metrics = QFontMetricsF(chart.font())
    plot = chart._plot()
    boxes = [box for box, _text in chart.label_boxes(metrics, plot)]
    assert len(boxes) == 13
    markers = [
        QRectF(chart.position(p.effort, p.value) - QPointF(7, 7), QSizeF(14, 14))
        for p in chart.points
    ]
    for i, box in enumerate(boxes):
        assert plot.contains(box)
        assert not any(box.intersects(m) for m in markers)
        assert not any(box.intersects(other) for other in boxes[i + 1 :])
    for before, after in zip(chart.frontier, chart.frontier[1:], strict=False):
        corner = chart.position(after.effort, before.value)
        level = QRectF(chart.position(before.effort, before.value), corner).normalized()
        upright = QRectF(corner, chart.position(after.effort, after.value)).normalized()
        assert not any(box.intersects(level.adjusted(-1, -1, 1, 1)) for box in boxes)
        assert not any(box.intersects(upright.adjusted(-1, -1, 1, 1)) for box in boxes)


def test_the_chart_says_when_the_frontier_search_stopped_early(
    open_example: MainWindow, qtbot: Any, monkeypatch: Any
) -> None:
    """A search cut short by its time limit: the chart says its points may not be all."""
    from dataclasses import replace

    from scoping_app.ui.steps.slices import page

    analyse = page.analyse_scope

    def stopped_early(project: Any) -> Any:
        return replace(analyse(project), frontier_stopped_early=True)

    monkeypatch.setattr(page, "analyse_scope", stopped_early)
    step = _slices(open_example, "chart")
    wait_for_scope(qtbot, open_example)
    assert step.chart.status == (
        "Search stopped after 3 seconds: each point is on the frontier; more may lie between them."
    )
    assert step.chart.frontier  # the points found are still drawn
