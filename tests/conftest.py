"""Test set-up shared by every layer: offscreen Qt and per-user folders under tmp_path."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from tests.databases import KINDS, fresh_database
from tests.outside_reads import OutsideReads, default_allowed

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Hypothesis draws new projects on each run; in CI the draws are fixed (see README).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_FILE = REPO / "resources" / "examples" / "support-assistant.scope.json"

# Everything the tests read lies inside the repository: a read beside it fails the run.
OUTSIDE_READS = OutsideReads(REPO, default_allowed())
sys.addaudithook(OUTSIDE_READS)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if OUTSIDE_READS.seen:
        shown = "\n  ".join(sorted(set(OUTSIDE_READS.seen))[:20])
        print(f"\nThe tests read beside the repository, which users do not have:\n  {shown}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests about SQLite files (marked ``sqlite_only``) are not run on PostgreSQL."""
    kept, dropped = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_postgresql = callspec is not None and callspec.params.get("database_url") == "postgresql"
        sqlite_only = item.get_closest_marker("sqlite_only") is not None
        (dropped if on_postgresql and sqlite_only else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(params=KINDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """An empty database for one test: a SQLite file, then (when the server is set) PostgreSQL."""
    folder = tmp_path / "data"
    folder.mkdir(exist_ok=True)
    with fresh_database(request.param, folder / "scoping.db") as url:
        yield url


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every per-user directory at tmp_path: no test touches the real home."""
    import platformdirs

    home = tmp_path / "user"
    data, config = home / "data", home / "config"

    def user_data_dir(*_args: Any, **_kwargs: Any) -> str:
        return str(data)

    def user_config_dir(*_args: Any, **_kwargs: Any) -> str:
        return str(config)

    monkeypatch.setattr(platformdirs, "user_data_dir", user_data_dir)
    monkeypatch.setattr(platformdirs, "user_config_dir", user_config_dir)
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    monkeypatch.delenv("SCOPING_APP_DATABASE_URL", raising=False)
    return home


@pytest.fixture
def example_document() -> dict[str, Any]:
    """The bundled example project file, parsed."""
    return json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def example_project() -> Any:
    """The bundled example as a domain Project (no importer involved)."""
    from scoping_app.domain.model import Project

    document = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
    document.pop("format")
    document.pop("format_version")
    return Project.model_validate(document)
