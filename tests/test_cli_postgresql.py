"""The command line on PostgreSQL: the same bytes as on SQLite, addresses without their
password, and the server's own backups named where the app's file backups do not apply."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoping_app.cli import main
from tests.conftest import EXAMPLE_FILE
from tests.databases import POSTGRES_URL, POSTGRES_URL_ENV, fresh_database

NAME = "Support answer assistant"

on_postgresql = pytest.mark.skipif(not POSTGRES_URL, reason=f"{POSTGRES_URL_ENV} is not set")


def _outputs(url: str, folder: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, bytes]:
    """export-json's file and the JSON of optimize, audit and compare, as bytes."""
    assert main(["--db", url, "import", str(EXAMPLE_FILE)]) == 0
    exported = folder / "export.scope.json"
    assert main(["--db", url, "export-json", NAME, str(exported)]) == 0
    capsys.readouterr()
    outputs = {"export-json": exported.read_bytes()}
    for command in ("optimize", "audit", "compare"):
        day = ["--as-of", "2026-12-01"] if command != "audit" else []  # one day on both
        assert main(["--db", url, command, NAME, "--json", *day]) == 0, command
        outputs[command] = capsys.readouterr().out.encode()
    return outputs


@on_postgresql
def test_exports_and_json_are_the_same_bytes_on_both_databases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "s").mkdir()
    (tmp_path / "p").mkdir()
    with fresh_database("sqlite", tmp_path / "s" / "cli.db") as url:
        on_sqlite = _outputs(url, tmp_path / "s", capsys)
    with fresh_database("postgresql", tmp_path / "unused.db") as url:
        on_postgres = _outputs(url, tmp_path / "p", capsys)
    for command, output in on_sqlite.items():
        assert on_postgres[command] == output, command


@on_postgresql
def test_backups_on_a_server_name_the_servers_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with fresh_database("postgresql", tmp_path / "unused.db") as url:
        assert main(["--db", url, "import", str(EXAMPLE_FILE)]) == 0
        capsys.readouterr()
        assert main(["--db", url, "backups"]) == 0
        assert "pg_dump" in capsys.readouterr().out
        assert main(["--db", url, "restore", str(tmp_path / "some.db")]) == 1
        assert "pg_dump" in capsys.readouterr().err


def test_a_database_address_never_shows_its_password(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # port 1: nothing listens there, so the connection is refused and the address is told
    url = "postgresql+psycopg://team:s3cret-Word@127.0.0.1:1/scoping?sslmode=prefer"
    assert main(["--db", url, "list"]) == 1
    err = capsys.readouterr().err
    assert "team:***@127.0.0.1:1/scoping?sslmode=prefer" in err
    assert "s3cret" not in err
    monkeypatch.setenv("SCOPING_APP_DATABASE_URL", url)
    assert main(["list"]) == 1
    err = capsys.readouterr().err
    assert "cannot be opened" in err and "s3cret" not in err
