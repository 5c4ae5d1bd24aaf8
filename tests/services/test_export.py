"""export_plan: the PDF plan written whole or not at all, refusals in plain words."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from scoping_app.domain.model import Project
from scoping_app.services.export import ExportCancelled, export_plan
from scoping_app.services.projects import ServiceError


def test_writes_a_complete_pdf_and_reports_progress(
    example_project: Project, tmp_path: Path
) -> None:
    target = tmp_path / "plan.pdf"
    shares: list[float] = []
    export_plan(example_project, target, page_size="Letter", progress=shares.append)
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]
    assert shares[0] == 0.0 and shares[-1] == 1.0
    assert shares == sorted(shares)
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]


def test_an_unknown_slice_is_refused_in_words(example_project: Project, tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    with pytest.raises(ServiceError, match="nothing-of-the-sort"):
        export_plan(example_project, target, recommended_slice="nothing-of-the-sort")
    assert not target.exists()


def test_an_unknown_section_is_refused_in_words(example_project: Project, tmp_path: Path) -> None:
    with pytest.raises(ServiceError, match="weather"):
        export_plan(example_project, tmp_path / "plan.pdf", sections=["weather"])
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_is_not_there_is_refused_in_words(
    example_project: Project, tmp_path: Path
) -> None:
    target = tmp_path / "no" / "plan.pdf"
    with pytest.raises(ServiceError) as caught:
        export_plan(example_project, target, sections=["summary"])
    assert str(caught.value) == f"Could not write {target}: No such file or directory."


def test_a_cancel_leaves_the_old_plan_as_it_was(example_project: Project, tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"the plan of yesterday")

    def cancel(share: float) -> None:
        if share > 0.3:
            raise ExportCancelled

    with pytest.raises(ExportCancelled):
        export_plan(example_project, target, progress=cancel)
    assert target.read_bytes() == b"the plan of yesterday"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]


def test_a_cancel_before_any_page_writes_nothing(example_project: Project, tmp_path: Path) -> None:
    def cancel(_share: float) -> None:
        raise ExportCancelled

    with pytest.raises(ExportCancelled):
        export_plan(example_project, tmp_path / "plan.pdf", progress=cancel)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_a_plan_written_over_a_symbolic_link_keeps_the_link(
    example_project: Project, tmp_path: Path
) -> None:
    real = tmp_path / "shared" / "plan.pdf"
    real.parent.mkdir()
    real.write_bytes(b"old")
    real.chmod(0o640)
    link = tmp_path / "plan.pdf"
    link.symlink_to(real)
    export_plan(example_project, link, sections=["summary"])
    assert link.is_symlink()
    assert real.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
