"""`scoping-app history`: who changed a project, when and what, as text or JSON, as
docs/cli.md shows it; an unknown project is one line and exit code 1."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from scoping_app.cli import main
from scoping_app.domain import edits
from scoping_app.services.database import open_service
from tests.conftest import EXAMPLE_FILE
from tests.spec_reference import docs_json_examples, docs_section

NAME = "Support answer assistant"


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    """The example imported by "ada" on the command line, then its owner changed by Grace."""
    path = tmp_path / "history.db"
    monkeypatch.setenv("SCOPING_APP_AUTHOR", "ada")
    assert main(["--db", str(path), "import", str(EXAMPLE_FILE)]) == 0
    service = open_service(f"sqlite:///{path}", backup_dir=tmp_path / "bk")
    try:
        service.author = "Grace Hopper"
        service.edit(1, lambda p: edits.set_info(p, owner="Support lead"), "Change owner")
    finally:
        service.close()
    capsys.readouterr()
    return str(path)


def test_the_json_lists_each_change_newest_first_in_utc(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, "history", NAME, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert [(e["author"], e["label"], e["what"]) for e in printed] == [
        ("Grace Hopper", "Change owner", "Project details: owner"),
        ("ada", "Imported", f'New project "{NAME}" from {EXAMPLE_FILE.name}'),
    ]
    for entry in printed:
        at = datetime.fromisoformat(entry["at"])
        assert at.utcoffset() == timedelta(0)
        assert datetime.now(UTC) - timedelta(minutes=5) < at <= datetime.now(UTC)
    (example,) = docs_json_examples("`history --json`")
    assert [list(e) for e in example] == [list(e) for e in printed]  # the documented fields


def test_the_text_is_a_table_by_name_or_id(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "history", "1"]) == 0
    by_id = capsys.readouterr().out
    assert main(["--db", db, "history", NAME]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert by_id.splitlines() == lines
    assert lines[0].split() == ["When", "Who", "Change", "What", "changed"]
    assert re.match(
        r"\d{4}-\d\d-\d\d \d\d:\d\d  Grace Hopper  Change owner  Project details", lines[1]
    )
    assert "  ada " in lines[2] and lines[2].endswith(f"from {EXAMPLE_FILE.name}")
    (documented,) = re.findall(
        r"^```text\n(.*?)^```", docs_section("cli.md", "`history`"), re.M | re.S
    )
    assert documented.splitlines()[0] == lines[0]  # the documented heading, as printed


def test_an_unknown_project_is_one_line_and_exit_code_1(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, "history", "Nope"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == 'scoping-app: There is no project named "Nope" in this database.\n'
