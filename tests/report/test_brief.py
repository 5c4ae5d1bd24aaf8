"""The one-page executive brief, read as a sponsor reads it: page 2 of the plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from scoping_app.domain.model import Project
from scoping_app.report import build_plan
from scoping_app.services.export import write_pdf
from tests.report.conftest import squeeze

TODAY = date(2026, 12, 1)
STALE = "It failed because it kept quoting last year's policies"


def _pages(project: Project, tmp_path: Path, **options: object) -> list[str]:
    target = tmp_path / "plan.pdf"
    page_size = str(options.pop("page_size", "A4"))
    report = build_plan(project, today=TODAY, **options)  # type: ignore[arg-type]
    write_pdf(report, target, page_size=page_size)
    return [squeeze(page.extract_text() or "") for page in PdfReader(target).pages]


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_the_brief_of_the_example(example_project: Project, tmp_path: Path, page_size: str) -> None:
    pages = _pages(example_project, tmp_path, page_size=page_size)
    brief = pages[1]
    for shown in (
        "Executive brief",
        "Verdict: Go with conditions.",
        "the 2 findings in “Business logic & data” must be fixed",
        "Graded answer set",  # a condition, by name
        "Recommended scope: Smallest viable scope",
        "9 capabilities, viable",
        "Nightly re-index of changed sources",
        "44.5 person-days expected; 80% sure: within 47.1 person-days; 8 chances in 10 between "
        "40.5 and 48.6",
        "23.0 working days along the critical path: fits the deadline of 30 April 2027 with "
        "86 working days to spare",
        "weekends off",  # the assumption behind the duration
        # the duration's P80 and the deadline's odds, counted from the plan's day
        "80% sure: within 24.9 working days; 100% chance of meeting the deadline, work starting "
        "on 1 December 2026",
        "No team size is set",
        "EUR 3,140 a month: within the budget of EUR 6,000; 7% of the business value of "
        "EUR 42,000 a month",
        "1,740 ms per interaction, within the budget of 2,500 ms",
        "16 points, meets the target of 12 points",
        "must-haves: M2 Agent handle time, M3 Answers grounded",
        "Top risks (3 of 7 open",
        "R2 It failed because it kept quoting last year's policies",
        "Content team",
        "Caching: Cache answers? Options: no; semantic cache 24 h.",
        "6 capabilities are left for later; the most valuable: Customer self-service chat",
    ):
        assert squeeze(shown) in brief, shown
    # names, never keys; one page: the next page is the contents
    for key in ("r_stale", "handle_time", "kb_ingest", "agent_assist"):
        assert key not in brief
    assert pages[2].startswith("Contents")


def test_the_later_sections_give_the_same_verdict(example_project: Project, tmp_path: Path) -> None:
    pages = _pages(example_project, tmp_path)
    audit = next(page for page in pages if page.startswith(squeeze("Readiness audit")))
    assert squeeze("Verdict: Go with conditions.") in audit
    assert squeeze("Readiness gate: Conditional go") in audit


def test_a_slice_that_is_not_viable_gets_a_no_go(example_project: Project, tmp_path: Path) -> None:
    brief = _pages(example_project, tmp_path, recommended_slice="agent_assist")[1]
    assert squeeze("Verdict: No-go.") in brief
    assert squeeze(f"leaves the severe risk “{STALE}” open") in brief
    assert squeeze("Recommended scope: Agent assist first") in brief
    assert squeeze("not viable") in brief
    assert squeeze("leaves it open") in brief  # the stale-policy risk, in the top risks


def test_nothing_viable_says_why_and_does_not_break(
    example_project: Project, tmp_path: Path
) -> None:
    example_project.info.latency_budget_ms = 100
    brief = _pages(example_project, tmp_path)[1]
    assert squeeze("Verdict: No-go.") in brief
    assert squeeze("No set of capabilities meets every condition of viability") in brief
    assert squeeze("person-days expected") not in brief


def test_nothing_required_needs_no_scope(example_project: Project, tmp_path: Path) -> None:
    for capability in example_project.capabilities:
        capability.mandatory = False
    for metric in example_project.metrics:
        metric.must = False
    example_project.risks = []
    example_project.info.value_target = None
    brief = _pages(example_project, tmp_path)[1]
    assert squeeze("Verdict: No scope needed yet.") in brief
    assert squeeze("0 capabilities, viable: none is needed.") in brief
    assert squeeze("No open risk.") in brief


def test_the_brief_stays_on_one_page_with_long_texts(
    example_project: Project, tmp_path: Path
) -> None:
    long_text = "A very long sentence that keeps going and going. " * 60
    example_project.info.name = ("Long project name " * 11).strip()
    example_project.info.problem = long_text
    for risk in example_project.risks:
        risk.story = long_text
        risk.owner = long_text[:150]
    for decision in example_project.decisions:
        decision.question = long_text
        decision.options = [long_text[:200]] * 4
    for capability in example_project.capabilities:
        capability.name = long_text[:180].strip()
    pages = _pages(example_project, tmp_path)
    assert pages[0].startswith(squeeze("AI SCOPING PLAN"))  # the cover keeps to page 1
    assert pages[1].startswith(squeeze("Executive brief"))
    assert pages[2].startswith("Contents")  # and the brief to page 2


def test_a_missing_estimate_reads_not_estimated(example_project: Project, tmp_path: Path) -> None:
    from scoping_app.domain.model import Effort

    for capability in example_project.capabilities:
        capability.effort = Effort.single(0)
    pages = _pages(example_project, tmp_path)
    assert squeeze("not estimated: no capability of this scope has an estimate yet") in pages[1]
    capabilities = next(p for p in pages if p.startswith(squeeze("Capabilities Effort")))
    assert capabilities.count(squeeze("not estimated")) >= 2 * 10
    assert squeeze("0.0 person-days") not in "".join(pages)
