"""The built wheel carries the resources and migrations, and the installed app finds them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _uv() -> list[str]:
    found = shutil.which("uv")
    return [found] if found else [sys.executable, "-m", "uv"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [*_uv(), "build", "--wheel", "--out-dir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("scoping_app-*.whl")
    return built


def test_wheel_ships_resources_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "scoping_app/_resources/fonts/DejaVuSans.ttf" in names
    assert "scoping_app/_resources/fonts/DejaVuSans-Bold.ttf" in names
    assert "scoping_app/_resources/rubric/readiness-v1.json" in names
    assert any(n.startswith("scoping_app/store/migrations/versions/") for n in names)
    assert "scoping_app/store/migrations/env.py" in names


def test_installed_app_finds_its_resources(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([*_uv(), "venv", "--quiet", str(venv)], check=True, capture_output=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run(
        [*_uv(), "pip", "install", "--quiet", "--python", str(python), str(wheel)],
        check=True,
        capture_output=True,
    )
    probe = (
        "import scoping_app.paths as p, pathlib;"
        "r = p.resources_dir();"
        "print(r);"
        "assert (r / 'fonts' / 'DejaVuSans.ttf').is_file(), r;"
        "assert 'site-packages' in str(r), r"
    )
    env = {**os.environ, "PYTHONPATH": ""}
    result = subprocess.run(
        [str(python), "-c", probe], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert result.returncode == 0, result.stderr
    db = tmp_path / "installed.db"
    version = subprocess.run(
        [str(python), "-m", "scoping_app.cli", "--db", str(db), "list", "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == "[]"
