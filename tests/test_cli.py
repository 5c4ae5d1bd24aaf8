"""The command line of docs/cli.md, driven as a user would, on the bundled example."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from scoping_app import __version__
from scoping_app.analysis import frontier
from scoping_app.analysis.figures import slice_figures
from scoping_app.cli import main
from tests.conftest import EXAMPLE_FILE
from tests.spec_reference import OPTIMIZE_JSON_KEYS, SLICE_JSON_KEYS

# The smallest viable scope of the bundled example, worked out by hand: the four mandatory
# capabilities with their prerequisites, answer drafting (both must metrics), nightly re-index
# (the only mitigation of the stale-policy risk) and the agent panel, which both mitigates
# the wrong-answer risk and lifts the value to the target of 12 most cheaply.
EXPECTED_SCOPE = [
    "agent_panel",
    "answer_llm",
    "audit_log",
    "eval_set",
    "index",
    "kb_ingest",
    "pii_redaction",
    "reindex",
    "ticket_export",
]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(database_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    """The example imported into a fresh database (SQLite, then PostgreSQL when set); its URL."""
    code, out, _ = run(capsys, "--db", database_url, "import", str(EXAMPLE_FILE))
    assert code == 0
    assert out.strip() == "Support answer assistant"
    return database_url


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_list_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db, "list", "--json")
    assert code == 0
    (entry,) = json.loads(out)
    assert entry["id"] == 1 and entry["name"] == "Support answer assistant"
    assert entry["updated"][:4].isdigit() and "T" in entry["updated"]


def test_import_twice_takes_a_free_name(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db, "import", str(EXAMPLE_FILE))
    assert (code, out.strip()) == (0, "Support answer assistant (2)")
    code, out, _ = run(capsys, "--db", db, "list", "--json")
    assert [p["name"] for p in json.loads(out)] == [
        "Support answer assistant",
        "Support answer assistant (2)",
    ]


def test_optimize_json_on_the_example(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db, "optimize", "Support answer assistant", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["project"] == "Support answer assistant"
    assert data["viable"] is True
    assert data["capabilities"] == EXPECTED_SCOPE
    assert data["effort"] == pytest.approx(44.5)
    assert data["duration"] == pytest.approx(23.0)
    assert (data["value"], data["latency_ms"], data["monthly_cost"]) == (16, 1740, 3140)
    assert data["metrics_covered"] == ["grounded", "handle_time"]
    assert data["reasons"] == []
    assert list(data) == OPTIMIZE_JSON_KEYS


def test_optimize_by_id_and_in_words(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db, "optimize", "1")
    assert code == 0
    assert "44.5 person-days" in out and "Agent suggestion panel" in out


@pytest.fixture
def tight_db(
    database_url: str, tmp_path: Path, example_document: dict, capsys: pytest.CaptureFixture[str]
) -> str:
    """The example with a latency budget of 300 ms, which no scope meets."""
    example_document["project"]["latency_budget_ms"] = 300
    path = tmp_path / "tight.scope.json"
    path.write_text(json.dumps(example_document), encoding="utf-8")
    assert run(capsys, "--db", database_url, "import", str(path))[0] == 0
    return database_url


def test_optimize_infeasible_names_the_conditions(
    tight_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tight_db
    code, out, _ = run(capsys, "--db", db, "optimize", "Support answer assistant", "--json")
    data = json.loads(out)
    assert code == 0 and data["viable"] is False and data["capabilities"] == []
    assert data["reasons"] and any("300" in reason for reason in data["reasons"])


def test_frontier_in_words_by_id(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db, "frontier", "1")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Efficient frontier of Support answer assistant"
    assert "The value target is 12 points." in out
    # the cheapest point falls short of the target and says so; names, never keys
    assert " 1. 38.3 person-days, value 8 (below the target), 8 capabilities" in lines
    assert " 3. 44.5 person-days, value 16, 9 capabilities" in lines
    assert "adds Agent suggestion panel; leaves out Hand-off to agent with context." in out
    assert "agent_panel" not in out and "ticket_export" not in out


def test_frontier_out_of_time_says_so(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(capsys, "--db", db, "frontier", "1")
    assert code == 0 and "The search stopped" not in out
    monkeypatch.setattr(frontier, "TIME_LIMIT", 0.0)
    code, out, _ = run(capsys, "--db", db, "frontier", "1")
    assert code == 0
    text = " ".join(out.split())
    assert (
        "The search stopped after 0 seconds: every scope shown is on the frontier, but there"
        " may be more between them." in text
    )
    assert " 2. " in out and " 3. " not in out  # the two ends


def test_frontier_json_meets_every_budget(
    db: str, example_project: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", db, "frontier", "Support answer assistant", "--json")
    points = json.loads(out)["points"]
    assert code == 0 and len(points) > 3
    assert points[2] == {"effort": 44.5, "value": 16, "capabilities": EXPECTED_SCOPE}
    for before, after in itertools.pairwise(points):
        assert before["effort"] < after["effort"] and before["value"] < after["value"]
    for point in points:  # every condition met but perhaps the value target of 12
        figures = slice_figures(example_project, point["capabilities"])
        assert figures.latency_ms <= 2500 and figures.monthly_cost <= 6000
        assert figures.viable or (figures.value < 12 and len(figures.violations) == 1)


def test_frontier_when_nothing_meets_the_budgets(
    tight_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tight_db
    code, out, _ = run(capsys, "--db", db, "frontier", "Support answer assistant", "--json")
    assert (code, json.loads(out)) == (0, {"points": []})
    code, out, _ = run(capsys, "--db", db, "frontier", "Support answer assistant")
    assert code == 0 and "No scope meets every budget and condition" in out


def test_compare_json_all_slices(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db, "compare", "Support answer assistant", "--json")
    assert code == 0
    data = json.loads(out)
    assert [s["key"] for s in data["slices"]] == ["agent_assist", "self_service", "everything"]
    first = data["slices"][0]
    assert list(first) == SLICE_JSON_KEYS
    # agent_assist: agent_panel, rerank, audit_log, eval_set and their prerequisites
    assert first["closure"] == [
        "agent_panel",
        "answer_llm",
        "audit_log",
        "eval_set",
        "index",
        "kb_ingest",
        "pii_redaction",
        "rerank",
        "ticket_export",
    ]
    assert first["effort"] == pytest.approx((37 + 32 + 19 + 38 + 37 + 32 + 31 + 25 + 28) / 6)
    assert first["severe_risks_open"] == ["r_stale"]
    assert first["viable"] is False and len(first["violations"]) == 1


def test_compare_named_slices_in_the_order_given(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "compare",
        "Support answer assistant",
        "everything",
        "Agent assist first",
        "--json",
    )
    assert code == 0
    assert [s["key"] for s in json.loads(out)["slices"]] == ["everything", "agent_assist"]


def test_export_json_round_trips(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "out.scope.json"
    assert run(capsys, "--db", db, "export-json", "Support answer assistant", str(out_file))[0] == 0
    exported = json.loads(out_file.read_text(encoding="utf-8"))
    original = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
    assert original["format_version"] == 1
    assert exported == {**original, "format_version": 2}  # written in version 2, nothing else


def test_export_pdf(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pypdf import PdfReader

    out_file = tmp_path / "plan.pdf"
    code, _, err = run(
        capsys,
        "--db",
        db,
        "export-pdf",
        "Support answer assistant",
        str(out_file),
        "--slice",
        "agent_assist",
        "--page-size",
        "Letter",
    )
    assert code == 0, err
    reader = PdfReader(out_file)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Support answer assistant" in text and "Agent assist first" in text
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (612, 792)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["optimize", "Nope"], 'no project named "Nope"'),
        (["frontier", "Nope", "--json"], 'no project named "Nope"'),
        (["compare", "Support answer assistant", "nope"], 'no slice "nope"'),
        (["export-pdf", "Support answer assistant", "x.pdf", "--slice", "nope"], "nope"),
    ],
)
def test_user_errors_exit_1_with_one_message(
    db: str, args: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", db, *args)
    assert code == 1 and out == ""
    assert words in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_bad_file_is_a_user_error_and_nothing_is_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.scope.json"
    bad.write_text('{"format": "ai-scoping-project", "format_version": 1, "project": {}}')
    db = str(tmp_path / "bad.db")
    code, _, err = run(capsys, "--db", db, "import", str(bad))
    assert code == 1 and "name" in err and "Traceback" not in err
    assert json.loads(run(capsys, "--db", db, "list", "--json")[1]) == []


def test_wrong_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["optimize"])
    assert exited.value.code == 2
    with pytest.raises(SystemExit) as exited:
        main(["export-pdf", "p", "o.pdf", "--page-size", "A3"])
    assert exited.value.code == 2


def test_db_after_the_command_and_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "env.db"
    assert run(capsys, "import", str(EXAMPLE_FILE), "--db", str(path))[0] == 0
    monkeypatch.setenv("SCOPING_APP_DATABASE_URL", f"sqlite:///{path}")
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0 and json.loads(out)[0]["name"] == "Support answer assistant"


def test_the_installed_command_prints_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "scoping_app.cli",
            "--db",
            str(tmp_path / "x.db"),
            "import",
            str(tmp_path / "missing.scope.json"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "missing.scope.json" in result.stderr


def test_export_pdf_with_chosen_sections(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pypdf import PdfReader

    out_file = tmp_path / "short.pdf"
    code, _, err = run(
        capsys,
        "--db",
        db,
        "export-pdf",
        "Support answer assistant",
        str(out_file),
        "--sections",
        "summary, audit",
    )
    assert code == 0, err
    text = "\n".join(page.extract_text() for page in PdfReader(out_file).pages)
    assert "Executive brief" in text and "Readiness audit" in text
    assert "Risk register" not in text and "Slices side by side" not in text
    code, _, err = run(
        capsys,
        "--db",
        db,
        "export-pdf",
        "Support answer assistant",
        str(out_file),
        "--sections",
        "summary,nope",
    )
    assert code == 1 and "nope" in err


def _gui(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`scoping-app --db DB gui ARGS` in its own process, offscreen (the user dirs are the
    test's own: the autouse fixture points XDG_* at them)."""
    return subprocess.run(
        [sys.executable, "-m", "scoping_app.cli", "--db", db, "gui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )


def _settings_of(home: Path) -> str:
    [settings] = (home / "xdg-config").rglob("settings.ini")
    return settings.read_text(encoding="utf-8")


def test_gui_opens_the_named_project_and_quits_once_painted(
    db: str, _isolated_user_dirs: Path
) -> None:
    result = _gui(db, "--project", "Support answer assistant", "--quit-after-start")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    # the window opened it: it is the project to reopen next time
    assert re.search(r"^last=1$", _settings_of(_isolated_user_dirs), re.M)


def test_gui_refuses_an_unknown_project_in_words(db: str, _isolated_user_dirs: Path) -> None:
    result = _gui(db, "--project", "Nowhere", "--quit-after-start")
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == 'scoping-app: There is no project named "Nowhere" in this database.'
    )


HEAVY = ("networkx", "numpy", "highspy", "reportlab", "scoping_app.analysis.optimizer")


def test_the_window_starts_without_the_analysis(db: str) -> None:
    """The first paint needs neither the graph, the optimizer nor the PDF: none is loaded."""
    script = (
        "import sys\n"
        "from scoping_app.cli import main\n"
        f"code = main(['--db', {db!r}, 'gui', '--project', '1', '--quit-after-start'])\n"
        f"print(code, [name for name in {HEAVY!r} if name in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert result.stdout.split("\n")[0] == "0 []", result.stderr
