"""The confidence of `optimize` and `compare` on the command line, and the day it counts from.

docs/cli.md "The day figures are computed on": `--as-of YYYY-MM-DD` fixes the day; a project's
`start_date` wins over it; a bad day is refused with the form to write.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from scoping_app.cli import main

NAME = "Ten days of work"


def _import(tmp_path: Path, **project: Any) -> str:
    """One mandatory capability of exactly 10 person-days: every draw takes 10 days."""
    document = {
        "format": "ai-scoping-project",
        "format_version": 2,
        "project": {"name": NAME, **project},
        "capabilities": [
            {"key": "work", "name": "The work", "effort": 10, "value": 1, "mandatory": True}
        ],
    }
    path = tmp_path / "ten.scope.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    db = str(tmp_path / "ten.db")
    assert main(["--db", db, "import", str(path)]) == 0
    return db


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main(list(args)) == 0
    return capsys.readouterr().out


def _chance(capsys: pytest.CaptureFixture[str], db: str, *extra: str) -> Any:
    out = _run(capsys, "--db", db, "optimize", NAME, "--json", *extra)
    return json.loads(out)["confidence"]["deadline_probability"]


def test_the_day_given_decides_the_deadlines_odds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Monday 5 April 2027 to Friday 16 April: 10 working days, just enough; from Tuesday, 9.
    db = _import(tmp_path, deadline="2027-04-16")
    assert _chance(capsys, db, "--as-of", "2027-04-05") == 1.0
    assert _chance(capsys, db, "--as-of", "2027-04-06") == 0.0
    text = _run(capsys, "--db", db, "optimize", NAME, "--as-of", "2027-04-06")
    assert "  80% sure:      within 10.0 person-days; chance of meeting the deadline: 0%" in text
    compared = _run(capsys, "--db", db, "compare", NAME, "--json", "--as-of", "2027-04-05")
    assert json.loads(compared)["slices"] == []


def test_the_projects_start_date_wins_over_the_day_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _import(tmp_path, deadline="2027-04-16", start_date="2027-04-05")
    assert _chance(capsys, db, "--as-of", "2027-04-06") == 1.0


def test_a_team_makes_the_effort_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One capability is its own critical path: a team does not shorten it."""
    db = _import(tmp_path, deadline="2027-04-16", team_size=2)
    out = _run(capsys, "--db", db, "optimize", NAME, "--json", "--as-of", "2027-04-05")
    confidence = json.loads(out)["confidence"]
    assert confidence["duration"] == {"p10": 10.0, "p50": 10.0, "p80": 10.0, "p90": 10.0}
    assert confidence["deadline_probability"] == 1.0


def test_without_a_deadline_there_are_no_odds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _import(tmp_path)
    assert _chance(capsys, db) is None
    text = _run(capsys, "--db", db, "optimize", NAME)
    assert "  80% sure:      within 10.0 person-days; no deadline set" in text


def test_the_same_day_gives_the_same_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _import(tmp_path, deadline="2027-04-16")
    args = ("--db", db, "compare", NAME, "--json", "--as-of", "2027-04-05")
    assert _run(capsys, *args) == _run(capsys, *args)


@pytest.mark.parametrize("command", ["optimize", "compare", "export-pdf"])
def test_a_day_that_is_not_one_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    db = _import(tmp_path)
    args = ["--db", db, command, NAME, "--as-of", "2027-13-01"]
    if command == "export-pdf":
        args.insert(4, str(tmp_path / "plan.pdf"))
    capsys.readouterr()
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2
    assert "'2027-13-01' is not a day: write it as YYYY-MM-DD" in capsys.readouterr().err
    assert not (tmp_path / "plan.pdf").exists()


def test_export_pdf_is_dated_the_day_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pypdf import PdfReader

    db = _import(tmp_path, deadline="2027-04-16")
    target = tmp_path / "plan.pdf"
    assert main(["--db", db, "export-pdf", NAME, str(target), "--as-of", "2027-04-06"]) == 0
    text = "".join(page.extract_text() or "" for page in PdfReader(target).pages)
    assert "6 April 2027" in text
    assert re.search(r"(?<![0-9])0% chance of meeting the deadline", " ".join(text.split()))
