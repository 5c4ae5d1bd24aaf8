"""Nothing raw reaches the terminal: the command line writes control characters out."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scoping_app.cli import main, terminal_safe
from tests.conftest import EXAMPLE_FILE

RAW = ("\x1b", "\x00", "\x07", "\x9b", "\r")


def _import_example(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> tuple[str, int]:
    """The database and exit code of importing the example changed by ``change``."""
    document = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
    change(document)
    path = tmp_path / "changed.scope.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    db = str(tmp_path / "scoping.db")
    return db, main(["--db", db, "import", str(path)])


def test_control_characters_are_written_out_tab_and_new_line_kept() -> None:
    assert (
        terminal_safe("a\x1b[31mb\x00c\td\ne\x7f\x9b\r") == "a\\x1b[31mb\\x00c\td\ne\\x7f\\x9b\\x0d"
    )


def test_list_prints_a_name_with_a_control_character_written_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def rename(document: dict[str, Any]) -> None:
        document["project"]["name"] = "Support \x9b31m assistant"  # C1 CSI: a name may hold it

    db, code = _import_example(tmp_path, rename)
    assert code == 0
    assert main(["--db", db, "list"]) == 0
    out = capsys.readouterr().out
    assert "Support \\x9b31m assistant" in out
    assert not any(raw in out for raw in RAW)


def test_an_error_naming_a_path_with_an_escape_is_written_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "a\x1b[2Jb.scope.json"
    assert main(["--db", str(tmp_path / "scoping.db"), "import", str(missing)]) == 1
    err = capsys.readouterr().err
    assert "a\\x1b[2Jb.scope.json" in err
    assert not any(raw in err for raw in RAW)


def test_a_name_with_an_escape_character_is_refused_at_import_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:

    def escape(document: dict[str, Any]) -> None:
        document["capabilities"][2]["name"] = "PII \x1b[31mredaction"
        document["project"]["owner"] = "Ann\x00"
        document["capabilities"][2]["description"] = "Two lines\nand a\ttab are fine"

    assert _import_example(tmp_path, escape)[1] == 1
    err = capsys.readouterr().err
    assert err.splitlines()[1:] == [
        "- project.owner: holds the control character U+0000, which a name or one-line text "
        'may not hold (it is the text "Ann\\u0000")',
        "- capabilities[2].name: holds the control character U+001B, which a name or one-line "
        'text may not hold (it is the text "PII \\u001b[31mredaction")',
    ]
