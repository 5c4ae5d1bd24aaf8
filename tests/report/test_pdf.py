"""write_pdf: the plan's text, metadata, page size, hostile text, and atomic writing."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from scoping_app.domain import words as fmt
from scoping_app.domain.model import Project
from scoping_app.report import PlanReport, build_plan
from scoping_app.report import pdf as pdf_module
from scoping_app.services.export import write_pdf
from tests.report.conftest import HOSTILE, UNICODE, generated_project, pdf_text, squeeze

SECTIONS = ("Recommended scope", "Slices side by side", "Capabilities")


@pytest.fixture
def example_pdf(example_project: Project, tmp_path: Path) -> tuple[PlanReport, Path]:
    report = build_plan(example_project, today=date(2026, 3, 3))
    target = tmp_path / "plan.pdf"
    write_pdf(report, target)
    return report, target


def test_the_plan_reads_as_expected(example_pdf: tuple[PlanReport, Path]) -> None:
    report, target = example_pdf
    text = pdf_text(target)
    assert "Support answer assistant" in text
    assert "3 March 2026" in text
    for title in SECTIONS:
        assert title in text
    for column in report.slices:
        assert column.name in text
    figures = report.recommended.figures
    assert figures is not None
    currency = report.budgets.currency
    for shown in (
        fmt.days(figures.effort_days),
        fmt.days(figures.duration_days),
        fmt.milliseconds(figures.latency_ms),
        fmt.money(figures.monthly_cost, currency),
        fmt.money(6000, currency),
        f"{len(figures.metrics_covered)} of {figures.metrics_total}",
    ):
        assert shown in text
    assert "EUR 3,140" in text  # the example's smallest viable scope, as people read it
    for row in report.capabilities:
        assert row.name in text


def test_every_page_says_page_x_of_y(example_pdf: tuple[PlanReport, Path]) -> None:
    _, target = example_pdf
    reader = PdfReader(target)
    total = len(reader.pages)
    assert total >= 4
    assert "page 1 of" in pdf_text(target).lower()
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {total}" in (page.extract_text() or "")


def test_running_header_after_the_cover(example_pdf: tuple[PlanReport, Path]) -> None:
    _, target = example_pdf
    pages = PdfReader(target).pages
    for page in pages[1:]:
        text = page.extract_text() or ""
        assert "Support answer assistant" in text
        assert "3 March 2026" in text


def test_metadata(example_pdf: tuple[PlanReport, Path]) -> None:
    _, target = example_pdf
    metadata = PdfReader(target).metadata
    assert metadata is not None
    assert metadata.title == "Support answer assistant: AI scoping plan"
    assert metadata.author == "Head of Customer Operations"
    assert metadata.subject and "scoping plan" in metadata.subject
    assert metadata.creator and metadata.creator.startswith("AI Scoping Studio")


def test_fonts_are_embedded(example_pdf: tuple[PlanReport, Path]) -> None:
    _, target = example_pdf
    page = PdfReader(target).pages[1]
    fonts = page["/Resources"]["/Font"]
    for font in fonts.values():
        font = font.get_object()
        assert "DejaVuSans" in str(font["/BaseFont"])
        descendant = font.get("/DescendantFonts")
        descriptor = (
            descendant[0].get_object()["/FontDescriptor"] if descendant else font["/FontDescriptor"]
        ).get_object()
        assert "/FontFile2" in descriptor


@pytest.mark.parametrize(
    ("page_size", "expected"),
    [("A4", (595.3, 841.9)), ("Letter", (612.0, 792.0)), ("letter", (612.0, 792.0))],
)
def test_page_size(
    hand_report: Callable[..., PlanReport],
    tmp_path: Path,
    page_size: str,
    expected: tuple[float, float],
) -> None:
    target = tmp_path / "plan.pdf"
    write_pdf(hand_report(), target, page_size=page_size)
    for page in PdfReader(target).pages:
        box = page.mediabox
        assert (round(float(box.width), 1), round(float(box.height), 1)) == expected


def test_unknown_page_size(hand_report: Callable[..., PlanReport], tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="A4 or Letter"):
        write_pdf(hand_report(), tmp_path / "plan.pdf", page_size="A3")
    assert list(tmp_path.iterdir()) == []


def test_hostile_and_unicode_text_survives_literally(
    example_project: Project, tmp_path: Path
) -> None:
    project_name = f"{HOSTILE} & {UNICODE}"
    example_project.info.name = project_name
    example_project.info.owner = UNICODE
    example_project.info.problem = f"{HOSTILE}\n{UNICODE} <br/> &amp;"
    example_project.capabilities[0].name = HOSTILE
    example_project.slices[0].name = UNICODE
    target = tmp_path / "plan.pdf"
    write_pdf(build_plan(example_project), target)

    text = pdf_text(target)
    assert project_name in text
    assert text.count(HOSTILE) >= 3  # cover, header of every page, capabilities table
    assert f"{UNICODE} <br/> &amp;" in text
    assert UNICODE in text
    reader = PdfReader(target)
    assert reader.metadata is not None
    assert reader.metadata.title == f"{project_name}: AI scoping plan"
    assert reader.metadata.author == UNICODE
    for page in reader.pages:  # <img src=...> did not become an image
        assert "/XObject" not in page["/Resources"]


def test_a_plan_with_nothing_viable(hand_report: Callable[..., PlanReport], tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    write_pdf(hand_report(viable=False), target)
    text = pdf_text(target)
    assert "No set of capabilities meets every condition of viability" in text
    assert "No scope stays under the latency budget of 100 ms." in text
    assert "In scope" not in text


def test_many_slices_make_several_tables(
    hand_report: Callable[..., PlanReport], tmp_path: Path
) -> None:
    target = tmp_path / "plan.pdf"
    write_pdf(hand_report(slices=6), target)
    text = pdf_text(target)
    for number in range(1, 7):
        assert f"Slice {number}" in text
    assert text.count("Monthly cost vs budget") == 2  # row labels repeated per table


def test_long_texts_wrap_and_nothing_is_lost(
    hand_report: Callable[..., PlanReport], tmp_path: Path
) -> None:
    report = hand_report()
    unbroken = "x" * 60 + "Y" * 60 + "z" * 60
    long_problem = " ".join(f"word{number}" for number in range(3000))
    capability = dataclasses.replace(report.capabilities[1], name=unbroken)
    report = dataclasses.replace(
        report,
        cover=dataclasses.replace(report.cover, problem=long_problem),
        capabilities=(report.capabilities[0], capability, *report.capabilities[2:]),
    )
    target = tmp_path / "plan.pdf"
    write_pdf(report, target)
    squeezed = squeeze(pdf_text(target))
    assert unbroken in squeezed
    assert "word0word1" in squeezed and "word2999" in squeezed


def test_a_cell_taller_than_a_page_is_split_not_lost(
    hand_report: Callable[..., PlanReport], tmp_path: Path
) -> None:
    report = hand_report()
    prerequisites = tuple(f"Prerequisite {number} with a long name" for number in range(150))
    capability = dataclasses.replace(report.capabilities[2], prerequisites=prerequisites)
    report = dataclasses.replace(
        report, capabilities=(*report.capabilities[:2], capability, *report.capabilities[3:])
    )
    target = tmp_path / "plan.pdf"
    write_pdf(report, target)
    text = pdf_text(target)
    assert all(f"{item} " in text or text.endswith(item) for item in prerequisites)


def test_a_project_of_forty_capabilities_and_six_slices(tmp_path: Path) -> None:
    project = generated_project(40, 6)
    target = tmp_path / "plan.pdf"
    write_pdf(build_plan(project), target, page_size="Letter")
    text = pdf_text(target)
    for item in project.slices:
        assert item.name in text
    for capability in project.capabilities:
        assert capability.name in text


def test_a_failure_midway_leaves_no_file(
    hand_report: Callable[..., PlanReport], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = pdf_module._draw_header_footer

    def failing(canvas: Canvas, report: PlanReport, number: int, total: int) -> None:
        if number == 3:
            raise RuntimeError("disk on fire")
        original(canvas, report, number, total)

    monkeypatch.setattr(pdf_module, "_draw_header_footer", failing)
    target = tmp_path / "plan.pdf"
    with pytest.raises(RuntimeError, match="disk on fire"):
        write_pdf(hand_report(), target)
    assert list(tmp_path.iterdir()) == []


def test_a_failure_leaves_an_existing_plan_untouched(
    hand_report: Callable[..., PlanReport], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"the plan of yesterday")

    def failing(*_args: object) -> None:
        raise RuntimeError("out of paper")

    monkeypatch.setattr(pdf_module, "_draw_header_footer", failing)
    with pytest.raises(RuntimeError):
        write_pdf(hand_report(), target)
    assert target.read_bytes() == b"the plan of yesterday"
    assert list(tmp_path.iterdir()) == [target]


def test_the_plan_gets_the_usual_permissions(
    hand_report: Callable[..., PlanReport], tmp_path: Path
) -> None:
    target = tmp_path / "plan.pdf"
    write_pdf(hand_report(), target)
    reference = tmp_path / "reference"
    reference.write_bytes(b"")
    assert target.stat().st_mode == reference.stat().st_mode


def test_overwrites_an_existing_plan_when_complete(
    hand_report: Callable[..., PlanReport], tmp_path: Path
) -> None:
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old")
    write_pdf(hand_report(), target)
    assert target.read_bytes().startswith(b"%PDF-")
    assert list(tmp_path.iterdir()) == [target]
