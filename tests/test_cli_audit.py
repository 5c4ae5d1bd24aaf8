"""`scoping-app audit PROJECT [--json]` (docs/cli.md) on the bundled example."""

from __future__ import annotations

import json

import pytest

from scoping_app.cli import main
from tests.conftest import EXAMPLE_FILE

NAME = "Support answer assistant"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(database_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert run(capsys, "--db", database_url, "import", str(EXAMPLE_FILE))[0] == 0
    return database_url


def test_audit_json_on_the_example(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", db, "audit", NAME, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert list(data) == [
        "project",
        "readiness",
        "gate",
        "weakest",
        "sections",
        "checks",
        "findings",
    ]
    assert data["project"] == NAME
    assert (data["readiness"], data["gate"], data["weakest"]) == (1.5, "conditional", "A")
    assert data["sections"] == {"A": 1.5, "B": 2.5, "C": 2.5, "D": 2.5, "E": 2.5, "F": 2, "G": 3}
    assert list(data["sections"]) == list("ABCDEFG")
    checks = data["checks"]
    assert list(checks) == [f"{s}{n}" for s in "ABCDEFG" for n in (1, 2, 3)]
    assert {k for k, v in checks.items() if v == 1} == {
        "A1", "B2", "B3", "C1", "C2", "D1", "D2", "E1", "E3", "F1", "G1", "G2", "G3"
    }  # fmt: skip
    assert checks["A2"] == 0 and checks["A3"] == 0.5
    # whole numbers are written as such: 1 and 2, not 1.0 and 2.0
    assert '"A1": 1,' in out and '"F": 2,' in out and '"A3": 0.5' in out
    findings = data["findings"]
    assert [f["check"] for f in findings] == ["A2", "A3", "B1", "C3", "D3", "E2", "F2", "F3"]
    assert all(list(f) == ["check", "severity", "message", "items"] for f in findings)
    assert findings[0]["severity"] == "high" and findings[0]["items"] == [
        "labels",
        "policies",
        "tickets",
    ]
    assert {f["severity"] for f in findings[1:]} == {"medium"}
    assert all(f["message"].endswith(".") for f in findings)
    assert all(f["items"] == sorted(f["items"]) for f in findings)


def test_audit_in_words(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db, "audit", "1")
    assert code == 0
    assert f"Readiness audit of {NAME}" in out
    assert "1.5 of 3, a first pass: fix the findings before committing budget" in out
    assert "Gate:       conditional" in out
    assert "Weakest:    A Business logic & data" in out
    assert "[###---]  1.5" in out and "[######]  3" in out
    assert "A2 [high] Data you actually have, not data you assumed" in out
    concerns = (
        "“Internal card and payment policies”, “Resolved tickets, 24 months”, “Graded answer set”"
    )
    assert "What to do:" in out and f"Concerns: {concerns}" in out
    assert out.index("A2 [high]") < out.index("F3 [medium]")


def test_audit_of_an_unknown_project_exits_1(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", db, "audit", "Nope", "--json")
    assert code == 1 and out == ""
    assert 'no project named "Nope"' in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_audit_without_a_project_is_wrong_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["audit"])
    assert exited.value.code == 2
