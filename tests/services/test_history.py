"""Who changed what: every stored change of a project is recorded with its author, time and
what it touched, in the same transaction; nothing is recorded for a refused edit."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from scoping_app.domain import edits
from scoping_app.domain.model import Capability, Effort
from scoping_app.domain.validation import ProjectInvalid
from scoping_app.services.database import open_service
from scoping_app.services.history import default_author, describe_change, write_history
from scoping_app.services.projects import ProjectService, ServiceError
from tests.conftest import EXAMPLE_FILE


def _capability(key: str, name: str) -> Capability:
    return Capability(key=key, name=name, effort=Effort(optimistic=1, likely=2, pessimistic=3))


def test_import_edit_undo_and_redo_are_recorded_newest_first(service: ProjectService) -> None:
    service.author = "Ada Lovelace"
    project_id = service.import_file(EXAMPLE_FILE).id
    change = service.edit(project_id, lambda p: edits.set_info(p, owner="Grace"), "Change owner")
    service.author = "Grace Hopper"
    assert change.before is not None
    service.revert(project_id, change.before, change.project, "Undo Change owner")

    entries = service.history(project_id)
    assert [(e.author, e.label, e.what) for e in entries] == [
        ("Grace Hopper", "Undo Change owner", "Project details: owner"),
        ("Ada Lovelace", "Change owner", "Project details: owner"),
        (
            "Ada Lovelace",
            "Imported",
            'New project "Support answer assistant" from support-assistant.scope.json',
        ),
    ]
    now = datetime.now(UTC)
    assert all(now - timedelta(minutes=5) < e.at <= now and e.at.tzinfo for e in entries)


def test_items_added_changed_and_removed_are_named(service: ProjectService) -> None:
    project = service.load(service.import_file(EXAMPLE_FILE).id)
    after = project.copy_deep()
    edits.add_item(after, "capabilities", _capability("a1", "Ticket export"))
    edits.add_item(after, "capabilities", _capability("a2", "Search"))
    edits.set_fields(after, "metrics", project.metrics[0].key, name="Answer rate")
    parts = {"capabilities", "metrics"}
    assert describe_change(project, after, parts) == (
        'Metrics: changed "Answer rate"; Capabilities: added "Ticket export" and "Search"'
    )
    many = project.copy_deep()
    for number in range(5):
        edits.add_item(many, "capabilities", _capability(f"n{number}", f"New {number}"))
    assert describe_change(project, many, {"capabilities"}) == (
        'Capabilities: added "New 0", "New 1", "New 2" and 2 more'
    )


def test_a_refused_edit_records_nothing(service: ProjectService) -> None:
    project_id = service.create(service.load(service.import_file(EXAMPLE_FILE).id)).id
    before = service.history(project_id)
    with pytest.raises(ProjectInvalid):
        service.edit(project_id, lambda p: edits.set_info(p, name=""), "Rename")
    service.edit(project_id, lambda p: None, "Nothing")  # no change: nothing to record
    assert service.history(project_id) == before
    assert [e.label for e in before] == ["Created"]


def test_each_client_records_its_own_author(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    first = open_service(url, backup_dir=tmp_path / "bk")
    second = open_service(url, backup_dir=tmp_path / "bk")
    try:
        first.author, second.author = "Ada", "Grace"
        project_id = first.import_file(EXAMPLE_FILE).id
        second.edit(project_id, lambda p: edits.set_info(p, owner="Grace"), "Change owner")
        assert [e.author for e in first.history(project_id)] == ["Grace", "Ada"]
    finally:
        first.close()
        second.close()


def test_a_deleted_project_takes_its_history_with_it(service: ProjectService) -> None:
    project_id = service.import_file(EXAMPLE_FILE).id
    service.edit(project_id, lambda p: edits.set_info(p, owner="Grace"), "Change owner")
    service.delete(project_id)
    with pytest.raises(ServiceError, match="There is no project with the id"):
        service.history(project_id)
    with service.database.reading() as rows:  # on either database
        assert rows("SELECT count(*) FROM edit_log", {}) == [(0,)]


def test_the_author_defaults_to_the_variable_then_the_login_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SCOPING_APP_AUTHOR", "  Ada\tLovelace ")
    assert default_author() == "Ada Lovelace"
    monkeypatch.delenv("SCOPING_APP_AUTHOR")
    monkeypatch.setattr("getpass.getuser", lambda: "ada")
    assert default_author() == "ada"

    def no_login() -> str:
        raise OSError("no login name")

    monkeypatch.setattr("getpass.getuser", no_login)
    assert default_author() == "Someone"


def test_the_history_is_written_as_csv_or_text(service: ProjectService, tmp_path: Path) -> None:
    service.author = 'Ada "the first", Lovelace'
    entries = service.history(service.import_file(EXAMPLE_FILE).id)
    write_history(entries, tmp_path / "h.csv")
    write_history(entries, tmp_path / "h.txt")
    rows = list(csv.reader((tmp_path / "h.csv").open(encoding="utf-8")))
    assert rows[0] == ["at (UTC)", "author", "change", "what changed"]
    assert rows[1][1:3] == ['Ada "the first", Lovelace', "Imported"]
    text = (tmp_path / "h.txt").read_text(encoding="utf-8").splitlines()
    assert text[0].split() == ["When", "Who", "Change", "What", "changed"]
    assert 'Ada "the first", Lovelace' in text[1] and "Imported" in text[1]


def test_a_name_a_spreadsheet_would_run_as_a_formula_is_written_as_text(
    service: ProjectService, tmp_path: Path
) -> None:
    service.author = '=HYPERLINK("http://example.com")'
    entries = service.history(service.import_file(EXAMPLE_FILE).id)
    write_history(entries, tmp_path / "h.csv")
    rows = list(csv.reader((tmp_path / "h.csv").open(encoding="utf-8")))
    assert rows[1][1] == '\'=HYPERLINK("http://example.com")'
    assert rows[1][2] == "Imported"  # an ordinary text is written as it is
