"""The plan's verdict as the Readiness and Export steps show it, in the words the PDF prints."""

from __future__ import annotations

from typing import Any

from scoping_app.analysis.verdict import verdict_for
from scoping_app.domain import edits
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.steps.export.page import ExportStep
from scoping_app.ui.steps.readiness.page import ReadinessStep
from scoping_app.ui.widgets.verdict_card import VerdictCard
from tests.ui.conftest import project_view, show_and_wait

EXAMPLE_REASON = (
    "The smallest viable scope meets every condition of viability, but readiness is 1.5 of 3, "
    "so the 2 findings in “Business logic & data” must be fixed before committing budget."
)
FIRST_CONDITION = (
    "• Data sources in use that are not in hand and verified (3 of 4): “Internal card and "
    "payment policies”, “Resolved tickets, 24 months” and “Graded answer set”."
)
NOTHING_DELIVERS_P95 = (
    "No scope can be viable because the must-have metric “Time to first answer” is delivered "
    "by no capability."
)
STALE = "“It failed because it kept quoting last year's policies”"


def _readiness(window: MainWindow, qtbot: Any) -> ReadinessStep:
    return show_and_wait(window, qtbot, lambda view: view.readiness, "verdict")


def _export(window: MainWindow, qtbot: Any) -> ExportStep:
    return show_and_wait(window, qtbot, lambda view: view.export, "verdict")


def _seen(card: VerdictCard) -> list[str]:
    """The card's lines as a reader sees them (only what is shown)."""
    assert card.isVisible()
    return card.shown_text().splitlines()


def _make_p95_a_must(window: MainWindow) -> None:
    session = window.session
    assert session is not None
    session.apply(lambda p: edits.set_fields(p, "metrics", "p95", must=True), "Must-have")


def test_the_readiness_step_shows_the_plan_verdict(open_example: MainWindow, qtbot: Any) -> None:
    step = _readiness(open_example, qtbot)
    card = step.verdict_card
    lines = _seen(card)
    assert lines[0] == "Plan verdict"
    assert "smallest viable scope" in lines[1]
    assert lines[2] == "◐  Go with conditions"
    assert lines[3] == EXAMPLE_REASON
    assert lines[4:] == [
        "Conditions (fix these first):",
        FIRST_CONDITION,
        "• Data sources in use whose quality or refresh is unknown (1 of 4): “Graded answer set”.",
    ]
    assert card.accessibleName() == "Plan verdict: Go with conditions"
    # the same words as the analysis gives the PDF
    session = open_example.session
    assert session is not None
    expected = verdict_for(session.project)
    assert card.reason.text() == expected.reason
    assert card.verdict == expected
    # the rubric's gate is still shown, named as the rubric's
    assert "CONDITIONAL" in step.gate_badge.text()
    assert step.gate_meaning.text().startswith("Rubric gate conditional")


def test_an_edit_changes_the_readiness_verdict(open_example: MainWindow, qtbot: Any) -> None:
    step = _readiness(open_example, qtbot)
    _make_p95_a_must(open_example)
    assert step.updating and step.verdict_card.status_label.isVisibleTo(step.verdict_card)
    qtbot.waitUntil(
        lambda: not step.updating and step.verdict is not None and step.verdict.level == "no-go",
        timeout=20_000,
    )
    lines = _seen(step.verdict_card)
    assert lines[2:] == ["✕  No-go", NOTHING_DELIVERS_P95]  # no conditions any more
    assert not step.verdict_card.conditions.isVisibleTo(step.verdict_card)
    assert not step.verdict_card.status_label.isVisibleTo(step.verdict_card)
    # the rubric's own gate does not follow the plan's verdict
    assert step.result is not None and step.result.gate == "conditional"
    assert "CONDITIONAL" in step.gate_badge.text()


def test_the_export_step_shows_the_verdict_of_the_chosen_scope(
    open_example: MainWindow, qtbot: Any
) -> None:
    step = _export(open_example, qtbot)
    lines = _seen(step.verdict_card)
    assert lines[:4] == [
        "Plan verdict",
        "for the smallest viable scope, as the PDF plan will state it",
        "◐  Go with conditions",
        EXAMPLE_REASON,
    ]
    assert lines[5] == FIRST_CONDITION

    # a slice chosen as the recommended scope: the verdict is about that slice
    step.recommended.setCurrentIndex(step.recommended.findData("agent_assist"))
    assert step.updating
    qtbot.waitUntil(
        lambda: not step.updating and step.verdict is not None and step.verdict.level == "no-go",
        timeout=20_000,
    )
    assert _seen(step.verdict_card)[1:] == [
        "for the slice “Agent assist first”, as the PDF plan will state it",
        "✕  No-go",
        f"The recommended slice “Agent assist first” leaves the severe risk {STALE} open.",
    ]

    # back to the computed scope, then an edit that leaves nothing viable
    step.recommended.setCurrentIndex(step.recommended.findData(""))
    qtbot.waitUntil(
        lambda: not step.updating and step.verdict is not None and step.verdict.level != "no-go",
        timeout=20_000,
    )
    assert _seen(step.verdict_card)[3] == EXAMPLE_REASON
    _make_p95_a_must(open_example)
    qtbot.waitUntil(
        lambda: not step.updating and step.verdict is not None and step.verdict.level == "no-go",
        timeout=20_000,
    )
    assert _seen(step.verdict_card)[2:] == ["✕  No-go", NOTHING_DELIVERS_P95]


def test_both_steps_say_the_same(open_example: MainWindow, qtbot: Any) -> None:
    readiness = _readiness(open_example, qtbot)
    export = _export(open_example, qtbot)
    assert export.verdict == readiness.verdict
    assert export.verdict_card.reason.text() == readiness.verdict_card.reason.text()


def test_the_export_step_waits_until_it_is_shown(open_example: MainWindow, qtbot: Any) -> None:
    """The verdict runs the optimizer: a hidden Export step does not work it out."""
    view = project_view(open_example)
    export = view.export
    assert not export.isVisible()
    qtbot.wait(400)  # longer than the debounce
    assert export.verdict is None and export.updating
    _export(open_example, qtbot)
    assert export.verdict is not None and export.verdict.level == "conditional"
