"""The plan's sections: titles, the executive brief, hostile text, choosing, big projects."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from benchmarks.generate import large_project
from scoping_app.domain.model import Project
from scoping_app.report import build_plan, fonts, sections, systemfonts
from scoping_app.report.contents import TITLE as CONTENTS
from scoping_app.report.graph_layout import MIN_FONT, plan_pages
from scoping_app.report.pdf import UNDRAWABLE_NOTE
from scoping_app.services.export import write_pdf
from tests.report.conftest import HOSTILE, pdf_text, squeeze

TITLES = {
    sections.SUMMARY: "Executive brief",
    sections.RECOMMENDED: "Recommended scope",
    sections.BUSINESS: "Business logic",
    sections.DATA: "Data reality",
    sections.GOOD: "Definition of good",
    sections.DECISIONS: "Decisions taken and still open",
    sections.GRAPH: "Dependency graph",
    sections.CAPABILITIES: "Capabilities",
    sections.SLICES: "Slices side by side",
    sections.FAILURES: "Failure modes and fallbacks",
    sections.PREMORTEM: "Pre-mortem",
    sections.AUDIT: "Readiness audit",
    sections.DEFERRED: "What is deferred and why",
}
# Words only the section prints ("Recommended scope" is also a heading of the summary).
MARKERS = {
    **TITLES,
    sections.RECOMMENDED: "Capabilities in this scope",
    # the brief's verdict may name the rubric's section "Business logic & data"
    sections.BUSINESS: "Today's process, step by step",
    sections.CAPABILITIES: "Effort in person-days: optimistic",
}
GREEK = "Ωμέγα ελέγχου"
CYRILLIC = "Проверка данных"


def _write(project: Project, tmp_path: Path, **options: object) -> Path:
    target = tmp_path / "plan.pdf"
    write_pdf(build_plan(project, today=date(2026, 3, 3), **options), target)  # type: ignore[arg-type]
    return target


def test_every_section_title_is_in_the_plan(example_project: Project, tmp_path: Path) -> None:
    assert set(TITLES) == set(sections.ALL)
    text = pdf_text(_write(example_project, tmp_path))
    for title in TITLES.values():
        assert title in text, title


def test_the_sections_come_in_order(example_project: Project, tmp_path: Path) -> None:
    reader = PdfReader(_write(example_project, tmp_path))
    texts = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    # The contents page lists every title: look past it.
    texts = ["" if f" {CONTENTS} " in f" {text} " else text for text in texts]
    firsts = [
        min(number for number, text in enumerate(texts) if marker in text)
        for marker in MARKERS.values()
    ]
    assert firsts[0] == 1  # the summary comes right after the cover
    assert firsts == sorted(firsts)


def test_top_findings_put_high_before_medium_in_check_order(example_project: Project) -> None:
    audit = build_plan(example_project).details.audit  # type: ignore[union-attr]
    assert audit is not None
    highs = [f for f in audit.findings if f.severity == "high"]
    mediums = [f for f in audit.findings if f.severity != "high"]
    assert list(audit.top_findings) == (highs + mediums)[:3]


def test_hostile_greek_and_cyrillic_text_survive_in_several_sections(
    example_project: Project, tmp_path: Path
) -> None:
    project = example_project
    project.process_steps[0].name = HOSTILE
    project.process_steps[1].actor = GREEK
    project.data_sources[0].name = HOSTILE
    project.data_sources[1].owner = CYRILLIC
    project.metrics[0].method = f"{GREEK} {HOSTILE}"
    project.decisions[0].rationale = CYRILLIC
    project.capabilities[0].name = f"{HOSTILE} {CYRILLIC}"
    project.failure_modes[0].description = HOSTILE
    project.risks[0].story = f"{GREEK}: {HOSTILE}"
    text = pdf_text(_write(project, tmp_path))
    flat = squeeze(text)
    assert text.count(HOSTILE) + flat.count(squeeze(HOSTILE)) >= 6
    for value in (GREEK, CYRILLIC, f"{GREEK}: {HOSTILE}"):
        assert squeeze(value) in flat
    reader = PdfReader(tmp_path / "plan.pdf")
    for page in reader.pages:  # <img src=...> did not become an image
        assert "/XObject" not in page["/Resources"]


def test_sections_leave_out_what_is_not_chosen(example_project: Project, tmp_path: Path) -> None:
    chosen = {sections.SUMMARY, sections.PREMORTEM}
    text = pdf_text(_write(example_project, tmp_path, sections=chosen))
    assert "Executive brief" in text
    assert "Risk register" in text
    for section, marker in MARKERS.items():
        if section not in chosen:
            assert marker not in text, marker
    assert "Support answer assistant" in text  # the cover always comes


def test_an_unknown_section_is_refused(example_project: Project) -> None:
    with pytest.raises(ValueError, match="Unknown plan sections"):
        build_plan(example_project, sections=["summary", "appendix"])


def test_data_never_verified_and_severe_failures_are_said_in_words(
    example_project: Project, tmp_path: Path
) -> None:
    text = pdf_text(_write(example_project, tmp_path))
    assert "never verified" in text
    assert "never" in text
    assert "Not measurable" in text


def test_a_cjk_name_is_noted_not_silently_dropped(
    example_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on a computer without a CJK font (tests/report/test_scripts.py has the other case).
    monkeypatch.setattr(systemfonts, "candidates", lambda _language: ())
    monkeypatch.setattr(fonts, "_fallbacks", {})  # all three are restored after the test
    monkeypatch.setattr(fonts, "_fallback_of", {})
    example_project.capabilities[0].name = "検索 index"
    text = pdf_text(_write(example_project, tmp_path))
    assert UNDRAWABLE_NOTE in text
    assert "U+691C" in text
    assert "□□ index" in text


def test_the_400_capability_project_builds_with_readable_graph_pages(tmp_path: Path) -> None:
    project = large_project()
    report = build_plan(project, today=date(2026, 3, 3))
    target = tmp_path / "large.pdf"
    write_pdf(report, target)
    graph = report.details.graph if report.details else None
    assert graph is not None and len(graph.nodes) == 400
    plan = plan_pages(graph, 481.9, 600)
    assert plan.font >= MIN_FONT
    assert len(plan.pages) > 1
    placed = [key for page in plan.pages for column in page for key in column.keys]
    assert sorted(placed) == sorted(graph.nodes)  # every capability drawn once
    reader = PdfReader(target)
    graph_pages = [page.extract_text() or "" for page in reader.pages[10:30]]
    assert any("Dependency graph" in text for text in graph_pages)
    assert any("part 2 of" in text for text in graph_pages)


def test_progress_is_reported_and_a_cancel_leaves_the_target_alone(
    example_project: Project, tmp_path: Path
) -> None:
    from scoping_app.services.export import ExportCancelled

    target = tmp_path / "plan.pdf"
    shares: list[float] = []
    write_pdf(build_plan(example_project), target, progress=shares.append)
    assert shares and shares == sorted(shares) and shares[-1] == 1.0
    before = target.read_bytes()

    def stop_half_way(share: float) -> None:
        if share > 0.5:
            raise ExportCancelled

    with pytest.raises(ExportCancelled):
        write_pdf(build_plan(example_project), target, progress=stop_half_way)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]


def test_a_listing_section_with_nothing_to_list_says_so_in_words(
    example_project: Project, tmp_path: Path
) -> None:
    empty = example_project.model_copy(
        update={
            "process_steps": [],
            "data_sources": [],
            "metrics": [],
            "failure_modes": [],
            "decisions": [],
            "risks": [],
        }
    )
    text = pdf_text(_write(empty, tmp_path))
    for words in (
        "The project describes no process steps yet.",
        "The project lists no data sources yet.",
        "The project has no metrics yet.",
        "The project records no decisions yet.",
        "The project records no failure modes yet.",
        "The project records no pre-mortem risks yet.",
    ):
        assert words in text, words
    assert "Owner (3am)" not in text  # no table under the words
