"""What users get: the wheel and the sdist carry what the app and its tests need, and the
installed app passes its self-test from any folder; one application id everywhere."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from scoping_app import DESKTOP_ID

ROOT = Path(__file__).resolve().parents[1]


def _uv() -> list[str]:
    found = shutil.which("uv")
    return [found] if found else [sys.executable, "-m", "uv"]


def _build(kind: str, pattern: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``uv build --wheel`` or ``--sdist`` of the repository; the one file it made."""
    out = tmp_path_factory.mktemp(kind)
    subprocess.run(
        [*_uv(), "build", f"--{kind}", "--out-dir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob(pattern)
    return built


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build("wheel", "scoping_app-*.whl", tmp_path_factory)


def test_wheel_ships_resources_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "scoping_app/_resources/fonts/DejaVuSans.ttf" in names
    assert "scoping_app/_resources/fonts/DejaVuSans-Bold.ttf" in names
    assert "scoping_app/_resources/rubric/readiness-v1.json" in names
    assert any(n.startswith("scoping_app/store/migrations/versions/") for n in names)
    assert "scoping_app/store/migrations/env.py" in names
    assert "scoping_app/_resources/examples/support-assistant.scope.json" in names
    assert "scoping_app/_resources/icons/png/scoping-app-16.png" in names
    assert not any(n.startswith(("tests/", "scoping_app/tests/")) for n in names)


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build("sdist", "scoping_app-*.tar.gz", tmp_path_factory)


def test_sdist_carries_what_its_tests_read(sdist: Path) -> None:
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for needed in (
        "uv.lock",
        "README.md",
        "resources/examples/support-assistant.scope.json",
        "tests/conftest.py",
        "docs/cli.md",
        "docs/format.md",
        "docs/readiness.md",
        "packaging/scoping-app.spec",
        f"packaging/linux/{DESKTOP_ID}.desktop",
        "benchmarks/generate.py",
    ):
        assert needed in names, needed


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
    checked = subprocess.run(
        [str(venv / "bin" / "scoping-app"), "self-test"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "HOME": str(tmp_path / "home")},
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "FAIL" not in checked.stdout and "site-packages" in checked.stdout.splitlines()[0]


def test_one_application_id_everywhere() -> None:
    linux = ROOT / "packaging" / "linux"
    assert (linux / f"{DESKTOP_ID}.desktop").is_file()
    metainfo = (linux / f"{DESKTOP_ID}.metainfo.xml").read_text(encoding="utf-8")
    assert re.search(rf"<id>{re.escape(DESKTOP_ID)}</id>", metainfo)
    assert f"{DESKTOP_ID}.desktop" in metainfo  # the launchable
    spec = (ROOT / "packaging" / "scoping-app.spec").read_text(encoding="utf-8")
    assert f'APP_ID = "{DESKTOP_ID}"' in spec
    plist = (ROOT / "packaging" / "macos" / "info_plist.py").read_text(encoding="utf-8")
    assert DESKTOP_ID in plist
