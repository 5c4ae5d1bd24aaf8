"""Importing a file reports its progress, and stops (storing nothing) when told to."""

from __future__ import annotations

import pytest

from scoping_app.services.projects import ImportCancelled, ProjectService
from tests.conftest import EXAMPLE_FILE


def test_progress_goes_from_nothing_to_all(service: ProjectService) -> None:
    shares: list[float] = []
    summary = service.import_file(EXAMPLE_FILE, progress=shares.append)
    assert shares[0] == 0.0 and shares[-1] == 1.0
    assert shares == sorted(shares)
    assert [s.id for s in service.list_projects()] == [summary.id]


def test_a_stop_at_any_point_stores_nothing(service: ProjectService) -> None:
    calls: list[float] = []
    service.import_file(EXAMPLE_FILE, progress=calls.append)
    service.delete(service.list_projects()[0].id)
    for stop_at in range(len(calls)):
        seen: list[float] = []

        def progress(share: float, stop_at: int = stop_at, seen: list[float] = seen) -> None:
            seen.append(share)
            if len(seen) > stop_at:
                raise ImportCancelled

        with pytest.raises(ImportCancelled):
            service.import_file(EXAMPLE_FILE, progress=progress)
        assert service.list_projects() == []
