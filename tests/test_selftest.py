"""`scoping-app self-test [--gui]`: one line per check, exit 0 or 1, never the user's data."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from scoping_app import paths
from scoping_app.analysis.readiness import load_rubric
from scoping_app.cli import CLOSED_PIPE, main
from scoping_app.services.selftest import CHECKS
from tests.conftest import EXAMPLE_FILE, REPO

CHECK_NAMES = [name for name, _check in CHECKS]


def _lines(out: str) -> dict[str, str]:
    """{check name: "ok" or "FAIL"} from the self-test's output."""
    found = {}
    for line in out.splitlines():
        status, _, rest = line.partition("  ")
        if status.strip() in ("ok", "FAIL"):
            found[rest.strip().split(":")[0]] = status.strip()
    return found


def test_every_check_passes_and_the_users_database_is_not_touched(
    capsys: pytest.CaptureFixture[str], _isolated_user_dirs: Path
) -> None:
    assert main(["self-test"]) == 0
    out = capsys.readouterr().out
    assert _lines(out) == dict.fromkeys(CHECK_NAMES, "ok")
    assert out.rstrip().endswith("Every check passed.")
    assert "window" not in _lines(out)
    # the checks ran in a temporary folder: no per-user database was created
    assert not paths.default_database_path().exists()


def test_a_broken_installation_is_reported_check_by_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "resources"
    shutil.copytree(REPO / "resources", broken)
    (broken / "templates" / "rag.scope.json").write_text("{ not json", encoding="utf-8")
    (broken / "examples" / "support-assistant.scope.json").unlink()
    monkeypatch.setattr(paths, "resources_dir", lambda: broken)
    load_rubric.cache_clear()
    try:
        assert main(["self-test"]) == 1
    finally:
        load_rubric.cache_clear()  # the next test reads the rubric where it really is
    out = capsys.readouterr().out
    status = _lines(out)
    assert status["templates"] == status["import"] == status["example"] == "FAIL"
    assert status["fonts"] == status["rubric"] == status["database"] == "ok"
    assert "support-assistant.scope.json is missing" in out
    assert "Traceback" not in out
    assert out.rstrip().endswith("checks failed.")


def test_the_window_check_opens_the_example_offscreen(
    qapp: object, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["self-test", "--gui"]) == 0
    out = capsys.readouterr().out
    assert _lines(out) == dict.fromkeys([*CHECK_NAMES, "window"], "ok")
    assert "window: the example opened in the window (offscreen), painted and closed" in out


def test_the_installed_command_runs_it_from_any_folder(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "d")}
    result = subprocess.run(
        [sys.executable, "-m", "scoping_app.cli", "self-test"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert _lines(result.stdout) == dict.fromkeys(CHECK_NAMES, "ok")
    assert not (tmp_path / "d").exists()


@pytest.mark.skipif(not hasattr(signal, "SIGPIPE"), reason="no pipes that close on this system")
def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`scoping-app compare P --json | head -c 10`: no BrokenPipeError traceback."""
    db = str(tmp_path / "pipe.db")
    command = [sys.executable, "-m", "scoping_app.cli", "--db", db]
    subprocess.run([*command, "import", str(EXAMPLE_FILE)], check=True, capture_output=True)
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte is written
    try:
        result = subprocess.run(
            [*command, "compare", "Support answer assistant", "--json"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert result.stderr == ""
    assert result.returncode == CLOSED_PIPE
